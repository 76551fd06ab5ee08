import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../protocol/package-root.js";

/**
 * spikegrade's version, read from its package.json, its one home: `--version`, reports, results
 * and gradebooks all name this.
 */
export const SPIKEGRADE_VERSION: string = JSON.parse(
  readFileSync(join(packageRoot(), "package.json"), "utf8"),
).version;
