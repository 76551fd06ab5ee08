import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { join } from "node:path";
import { canonicalJson } from "../protocol/canonical-json.js";
import type { Rubric } from "../protocol/types.js";
import { scanFolder } from "../submission/folder-scan.js";

/**
 * Folders a team's folder may hold that its own files do not depend on: what tools write beside
 * the sources (Python's bytecode cache, a student's own `spikegrade check` report, a notebook's
 * autosaves). Counting them would make a folder that grading or a self-check touched look changed.
 */
const IGNORED_FOLDERS: ReadonlySet<string> = new Set([
  "__pycache__",
  ".spikegrade",
  ".ipynb_checkpoints",
]);

function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(path)
      .on("data", (chunk) => hash.update(chunk))
      .on("error", reject)
      .on("end", () => resolve(hash.digest("hex")));
  });
}

/**
 * Every file of a folder, as [path relative to the folder with "/" between names, content hash],
 * sorted by path; bytecode caches and notebook autosaves left out (IGNORED_FOLDERS). A symbolic
 * link is hashed as its target's name, never followed. A folder that scanFolder refuses (a named
 * pipe, a file too big to hash) is one entry holding the reason: nothing in it is read.
 */
export async function folderFiles(dir: string): Promise<[string, string][]> {
  const scan = await scanFolder(dir);
  if (!scan.ok) return [["", `refused:${scan.message}`]];
  const out: [string, string][] = [];
  for (const file of scan.files) {
    if (file.path.split("/").some((name) => IGNORED_FOLDERS.has(name))) continue;
    out.push([
      file.path,
      file.kind === "link" ? `symlink:${file.target}` : await sha256File(join(dir, file.path)),
    ]);
  }
  return out;
}

/** What a team's stored result depends on, besides the grader's code. */
export interface FingerprintInputs {
  /** The team's files, as folderFiles gives them. */
  files: [string, string][];
  /** The rubric and tolerances as loaded (their values, not their file's bytes). */
  rubric: unknown;
  tolerances: unknown;
  /** reference/figure1.json's hash: the report's reference panels and measures. */
  referenceFigure: string;
  spikegradeVersion: string;
  /** Options that change a verdict. */
  options: { includeHidden: boolean; timeoutMs: number; secretId?: string };
}

/**
 * The SHA-256 (hex) of everything a team's grade depends on: its files, the rubric, the
 * tolerances, the reference figure, spikegrade's version and the options of the run. Equal
 * fingerprints mean a stored result may be reused.
 */
export function gradingFingerprint(inputs: FingerprintInputs): string {
  return createHash("sha256")
    .update(canonicalJson({ format: "spikegrade-fingerprint/v1", ...inputs }))
    .digest("hex");
}

/** SHA-256 (hex) of a rubric's content as loaded: equal for equal rubrics, whatever the file's layout. */
export function rubricDigest(rubric: unknown): string {
  return createHash("sha256").update(canonicalJson(rubric)).digest("hex");
}

/**
 * The part of a rubric a team's check results depend on: all of it but the questions graded by
 * hand, so that adding, retitling or reweighting a question never grades a simulator again (the
 * gradebook and reports are rebuilt from the stored results and the manual scores instead).
 */
export function checksOfRubric(rubric: Rubric): Omit<Rubric, "questions"> {
  const { questions: _handGraded, ...checks } = rubric;
  return checks;
}
