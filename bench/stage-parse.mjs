// One stage in its own process, so that peak memory belongs to it alone.
import path from "node:path";
import { buildDeclaredGraph } from "../dist/iac/index.js";
import { parseTerraform } from "../dist/parsers/terraform/index.js";

const root = process.argv[2];
const t0 = performance.now();
const parsed = await parseTerraform({ root, modules: ["infra"] });
const ms = performance.now() - t0;
const t1 = performance.now();
const graph = buildDeclaredGraph(parsed);
const graphMs = performance.now() - t1;
const peakMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(
  JSON.stringify({
    ms,
    graphMs,
    resources: parsed.resources.length,
    elements: graph.elements.length,
    peakMb,
    root: path.basename(root),
  }),
);
