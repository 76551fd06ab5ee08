import { join } from "node:path";
import { packageRoot } from "../protocol/package-root.js";

/**
 * The folder of the runners shipped with spikegrade (src/submission/runners): the package ships
 * src/ beside dist/, so the compiled modules find them there too.
 */
export function runnersFolder(): string {
  return join(packageRoot(), "src", "submission", "runners");
}

export const NODE_RUNNER = "node_runner.mjs";
export const PYTHON_RUNNER = "python_runner.py";
