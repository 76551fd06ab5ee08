/**
 * Runs the numpy scripts of tests/numpy for the tests that compare the reference with numpy.
 * Those tests skip, saying why, only where python3 with numpy is truly missing.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The folder of the numpy scripts and vectors. */
export const NUMPY_DIR = fileURLToPath(new URL(".", import.meta.url));

/** Why python3 with numpy cannot run here, or undefined when it can. */
export function numpyMissing(): string | undefined {
  const probe = spawnSync("python3", ["-c", "import numpy"], { encoding: "utf8" });
  if (probe.error) return `python3 not found (${probe.error.message})`;
  if (probe.status !== 0) return `python3 cannot import numpy: ${probe.stderr.trim()}`;
  return undefined;
}

/** Runs `python3 <script> ...args` from tests/numpy and returns its stdout; throws on failure. */
export function runPython(script: string, args: string[] = []): string {
  const run = spawnSync("python3", [script, ...args], {
    cwd: NUMPY_DIR,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  if (run.status !== 0) {
    throw new Error(`python3 ${script} exited with ${run.status}: ${run.stderr}`);
  }
  return run.stdout;
}
