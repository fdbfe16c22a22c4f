/** Runs the CLI in-process with captured streams. */
import { Writable } from "node:stream";
import { main } from "../../src/cli/main.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

class Capture extends Writable {
  text = "";
  isTTY = false;
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

export async function runCli(
  argv: string[],
  cwd: string = process.cwd(),
  env: NodeJS.ProcessEnv = {},
): Promise<CliRun> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(argv, { stdout, stderr, cwd, env });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
