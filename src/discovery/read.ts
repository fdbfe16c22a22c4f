/** Reading a candidate input: too large or binary files are skipped, never parsed. */
import { readFileSync, statSync } from "node:fs";

export const MAX_INPUT_BYTES = 10 * 1024 * 1024;
const BINARY_PROBE_BYTES = 8000;

export type ReadResult = { text: string } | { skipped: string };

export function readCandidate(file: string): ReadResult {
  try {
    const size = statSync(file).size;
    if (size > MAX_INPUT_BYTES) return { skipped: `larger than 10 MB (${(size / 1048576).toFixed(1)} MB)` };
    const bytes = readFileSync(file);
    // A NUL byte near the start is how git and grep tell binary files too.
    if (bytes.subarray(0, BINARY_PROBE_BYTES).includes(0)) return { skipped: "binary file" };
    return { text: bytes.toString("utf8") };
  } catch (error) {
    return { skipped: `unreadable: ${error instanceof Error ? error.message : String(error)}` };
  }
}
