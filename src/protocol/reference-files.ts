import { join } from "node:path";
import { packageRoot } from "./package-root.js";

/**
 * The folder of the committed reference (figure1.json, figure1.png, tolerances.json, rubric.json,
 * schema/), shipped with the package. Every layer that reads it finds it here, without loading the
 * layer that writes it.
 */
export function referenceDir(): string {
  return join(packageRoot(), "reference");
}

/** One file of the committed reference, e.g. referenceFile("rubric.json"). */
export function referenceFile(name: string): string {
  return join(referenceDir(), name);
}
