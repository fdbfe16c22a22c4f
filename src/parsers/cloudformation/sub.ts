/** The grammar of an Fn::Sub string: text, `${Name}` / `${Resource.Attribute}` variables, and `${!Literal}`. */

export type SubPart = { kind: "text"; text: string } | { kind: "variable"; name: string; raw: string; index: number };

export function parseSub(template: string): SubPart[] {
  const parts: SubPart[] = [];
  let text = "";
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf("${", i);
    if (open < 0) {
      text += template.slice(i);
      break;
    }
    text += template.slice(i, open);
    if (template[open + 2] === "!") {
      // `${!Literal}` is written out as `${Literal}`.
      text += "${";
      i = open + 3;
      continue;
    }
    const close = template.indexOf("}", open + 2);
    if (close < 0) {
      text += template.slice(open);
      break;
    }
    if (text !== "") parts.push({ kind: "text", text });
    text = "";
    const raw = template.slice(open, close + 1);
    parts.push({ kind: "variable", name: raw.slice(2, -1).trim(), raw, index: open });
    i = close + 1;
  }
  if (text !== "") parts.push({ kind: "text", text });
  return parts;
}

/**
 * Where a variable is written in the source: the same occurrence of its `${…}` text within the
 * node's source (quotes, escapes and block-scalar indentation never occur inside `${…}`).
 */
export function variableOffset(source: string, template: string, part: { raw: string; index: number }): number {
  let occurrence = 0;
  for (let at = template.indexOf(part.raw); at >= 0 && at < part.index; at = template.indexOf(part.raw, at + 1)) {
    occurrence++;
  }
  let found = source.indexOf(part.raw);
  for (let k = 0; k < occurrence && found >= 0; k++) found = source.indexOf(part.raw, found + 1);
  return found;
}
