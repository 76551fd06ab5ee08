import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../protocol/package-root.js";

/** spikegrade's version, as its package.json gives it: reports and results name it. */
export const SPIKEGRADE_VERSION: string = JSON.parse(
  readFileSync(join(packageRoot(), "package.json"), "utf8"),
).version;
