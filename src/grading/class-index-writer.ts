import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import {
  type ClassIndexGradebook,
  type ClassIndexOptions,
  renderClassIndex,
} from "../report/class-index.js";
import { writeAtomic } from "./write-atomic.js";

/**
 * Writes OUT/index.html, the class at a glance (renderClassIndex), atomically: a reader, or a
 * rerun after a kill, sees the old page or the new one, never half of one. Returns its path.
 */
export async function writeClassIndex(
  outDir: string,
  gradebook: ClassIndexGradebook,
  options: ClassIndexOptions = {},
): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const path = join(outDir, "index.html");
  await writeAtomic(path, renderClassIndex(gradebook, options));
  return path;
}
