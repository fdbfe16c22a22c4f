/** ANSI styling for the terminal formats; every helper is the identity when color is off. */

export type Style = "red" | "yellow" | "cyan" | "green" | "dim" | "bold" | "underline";

const CODES: Record<Style, [number, number]> = {
  red: [31, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  green: [32, 39],
  dim: [2, 22],
  bold: [1, 22],
  underline: [4, 24],
};

export type Painter = (style: Style, text: string) => string;

export function painter(color: boolean): Painter {
  if (!color) return (_style, text) => text;
  return (style, text) => {
    const [open, close] = CODES[style];
    return text === "" ? text : `\u001b[${open}m${text}\u001b[${close}m`;
  };
}

export const LEVEL_STYLE = { error: "red", warning: "yellow", note: "cyan" } as const satisfies Record<string, Style>;
