import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder of the runners shipped with spikegrade (src/submission/runners). Found by walking
 * up from this module to the package root, so it works from src/ (vitest) and from dist/ (the
 * compiled package, which ships src/ beside it).
 */
export function runnersFolder(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(folder, "package.json"))) {
      return join(folder, "src", "submission", "runners");
    }
    const parent = dirname(folder);
    if (parent === folder) {
      throw new Error("spikegrade's package root (package.json) was not found above its modules");
    }
    folder = parent;
  }
}

export const NODE_RUNNER = "node_runner.mjs";
export const PYTHON_RUNNER = "python_runner.py";
