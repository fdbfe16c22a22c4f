// The whole check pipeline in one process, timed stage by stage.

import { runCheck } from "../dist/pipeline/check.js";
import { loadWorkspace } from "../dist/pipeline/workspace.js";

const root = process.argv[2];
const stages = {};
let current;
let mark = performance.now();
const t0 = performance.now();
const workspace = await loadWorkspace([root], process.cwd());
stages.discovery = performance.now() - mark;
mark = performance.now();
const result = await runCheck(workspace, {
  ruleOverrides: {},
  reportUnusedSuppressions: false,
  onStage(stage) {
    const now = performance.now();
    if (current) stages[current] = (stages[current] ?? 0) + now - mark;
    current = stage.split(" ")[0];
    mark = now;
  },
});
if (current) stages[current] = (stages[current] ?? 0) + performance.now() - mark;
const ms = performance.now() - t0;
process.stdout.write(
  JSON.stringify({ ms, stages, findings: result.findings.length, peakMb: process.resourceUsage().maxRSS / 1024 }),
);
