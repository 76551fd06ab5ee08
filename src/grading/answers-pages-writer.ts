import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { type AnswersPagesInput, renderAnswersPages } from "../report/answers-pages.js";
import { writeAtomic } from "./write-atomic.js";

/**
 * Writes OUT/answers/index.html and one page per question (renderAnswersPages), each atomically,
 * so a rerun over an instructor's open pages replaces them whole. Returns the pages' paths. The
 * scores typed on the pages live in the browser and in manual-scores.json, never in these files,
 * so rewriting them loses nothing.
 */
export async function writeAnswersPages(
  outDir: string,
  input: AnswersPagesInput,
): Promise<string[]> {
  const dir = join(outDir, "answers");
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const page of renderAnswersPages(input)) {
    const path = join(dir, page.fileName);
    await writeAtomic(path, page.html);
    paths.push(path);
  }
  return paths;
}
