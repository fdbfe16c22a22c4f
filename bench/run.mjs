// npm run bench: parse throughput and end-to-end check time on a generated repository of
// 10,000 Terraform resources in 1,000 files against a 100-component document.
// A benchmark, not a test: it prints figures and never fails on them.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generate } from "./generate.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, "out", "repo");
const repo = path.resolve(here, "..");

function runNode(script, args = []) {
  const result = spawnSync(process.execPath, [path.join(here, script), ...args], { encoding: "utf8", cwd: repo });
  if (result.status !== 0) {
    process.stderr.write(result.stderr);
    throw new Error(`${script} failed with exit code ${result.status}`);
  }
  return JSON.parse(result.stdout);
}

const generated = generate(root);
console.log(
  `generated ${generated.resources} resources in ${generated.files} files (${(generated.bytes / 1e6).toFixed(2)} MB) + a ${100}-component document`,
);

const parse = runNode("stage-parse.mjs", [root]);
console.log(
  `parse (Terraform, cold process): ${parse.ms.toFixed(0)} ms for ${parse.resources} resources → ` +
    `${(generated.bytes / 1e6 / (parse.ms / 1000)).toFixed(2)} MB/s, ${Math.round(parse.resources / (parse.ms / 1000))} resources/s; ` +
    `declared graph ${parse.graphMs.toFixed(0)} ms; peak RSS ${parse.peakMb.toFixed(0)} MB`,
);

const check = runNode("stage-check.mjs", [root]);
console.log(
  `check end to end (in process, after start-up): ${check.ms.toFixed(0)} ms, ${check.findings} findings; ` +
    `stages: ${Object.entries(check.stages)
      .map(([stage, ms]) => `${stage} ${ms.toFixed(0)} ms`)
      .join(", ")}; peak RSS ${check.peakMb.toFixed(0)} MB`,
);

const started = performance.now();
const cli = spawnSync(
  process.execPath,
  [path.join(repo, "bin", "archlint"), "check", root, "--format", "json", "--quiet"],
  {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  },
);
const cliMs = performance.now() - started;
console.log(
  `archlint check ${path.relative(repo, root)} (whole CLI process): ${cliMs.toFixed(0)} ms, exit ${cli.status}`,
);

const startup = [];
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  spawnSync(process.execPath, [path.join(repo, "bin", "archlint"), "--version"], { encoding: "utf8" });
  startup.push(performance.now() - t0);
}
startup.sort((a, b) => a - b);
console.log(`cold start (archlint --version, median of 5): ${startup[2].toFixed(0)} ms`);
