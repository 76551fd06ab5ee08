import { join } from "node:path";
import { packageRoot } from "../protocol/package-root.js";

/**
 * The folder of the runners shipped with spikegrade (src/submission/runners): the package ships
 * src/ beside dist/, so the compiled modules find them there too.
 */
export function runnersFolder(): string {
  return join(packageRoot(), "src", "submission", "runners");
}

export const NODE_RUNNER = "node-runner.mjs";
export const PYTHON_RUNNER = "python_runner.py";
/**
 * Inside the runners folder: Python packages put last on a submission's import path where the
 * interpreter lacks them (matplotlib: imports and plotting calls work and draw nothing).
 */
export const PYTHON_STAND_INS = "stand-ins";
