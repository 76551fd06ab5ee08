import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { type GradingReference, loadCourseReference } from "../checks/load-reference.js";
import { referenceFile } from "../protocol/reference-files.js";
import { GradeSetupError } from "./grade-options.js";
import { writeAtomic } from "./write-atomic.js";

/**
 * The reference a run grades with: the package's rubric, or a course's own (`--rubric FILE`),
 * checked against its schema and what a course may change (docs/rubric.md). A rubric that
 * cannot be used is the caller's misuse (GradeSetupError), said before anything is run or written.
 */
export async function courseReference(rubric?: string): Promise<GradingReference> {
  const loaded = await loadCourseReference(rubric);
  if (!loaded.ok) {
    throw new GradeSetupError(
      `the rubric cannot be used, so nothing was run or written:\n${loaded.errors.map((e) => `  - ${e.message}`).join("\n")}`,
    );
  }
  return loaded.value;
}

/**
 * The default rubric as the package holds it (reference/rubric.json, byte for byte), once it has
 * passed every check a course's rubric must pass: the file to start a course's own from.
 */
export async function defaultRubricText(): Promise<string> {
  const loaded = await loadCourseReference();
  if (!loaded.ok) {
    throw new Error(
      `the package's reference/rubric.json is broken (reinstall spikegrade): ${loaded.errors.map((e) => e.message).join("; ")}`,
    );
  }
  return readFile(referenceFile("rubric.json"), "utf8");
}

/**
 * Writes the default rubric to path, which must not exist yet: a course's rubric there may hold
 * an instructor's changes (GradeSetupError).
 */
export async function writeDefaultRubric(path: string): Promise<void> {
  const text = await defaultRubricText();
  if (existsSync(path)) {
    throw new GradeSetupError(
      `${path} already exists, and spikegrade does not write over a rubric (it may hold your changes): give another file name, or remove it first`,
    );
  }
  await writeAtomic(path, text);
}
