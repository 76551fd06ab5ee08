import { lstat, realpath } from "node:fs/promises";
import { basename, join, resolve, sep } from "node:path";
import { JSON_SIZE_LIMITS, readJsonFile } from "../protocol/read-json.js";
import { shownPath } from "../protocol/shown-path.js";
import type { Manifest } from "../protocol/types.js";
import { validateManifest } from "../protocol/validate-manifest.js";
import type { ValidationError } from "../protocol/validation.js";
import { scanFolder } from "./folder-scan.js";

/** A submission folder whose submission.json is valid and whose named file is there. */
export interface Submission {
  /** Absolute path of the folder. */
  dir: string;
  manifest: Manifest;
  /** The team it is graded as: the folder's name when grading a class, else the manifest's. */
  team: string;
  kind: "simulator" | "results";
  /** The simulator's entry or the results file, relative to dir. */
  file: string;
  /** Things a student should know that do not stop the checks. */
  warnings: string[];
}

export type SubmissionRead =
  | { ok: true; submission: Submission }
  /** kind: what the manifest declared, when it was read far enough to tell. */
  | { ok: false; errors: ValidationError[]; kind?: Submission["kind"] };

export interface ReadSubmissionOptions {
  /**
   * "folder" when grading a class (docs/contract.md: a folder's name is its team; a manifest that names
   * another team is reported, not trusted); "manifest" for a student's self-check, whose working
   * folder may have any name.
   */
  teamFrom: "folder" | "manifest";
}

/**
 * Checks what the folder holds (scanFolder), reads DIR/submission.json, validates it, and checks
 * that the file it names is a regular file inside the folder. Never throws for what the folder
 * holds.
 */
export async function readSubmission(
  dirPath: string,
  options: ReadSubmissionOptions,
): Promise<SubmissionRead> {
  const dir = resolve(dirPath);
  const fail = (message: string, path = "", kind?: Submission["kind"]): SubmissionRead => ({
    ok: false,
    errors: [{ path, message }],
    ...(kind ? { kind } : {}),
  });
  // Before anything in it is read: a named pipe or a link out of the folder stops here.
  const scan = await scanFolder(dir);
  if (!scan.ok) return fail(scan.message);
  const read = await readJsonFile(join(dir, "submission.json"), {
    maxBytes: JSON_SIZE_LIMITS.manifest,
    label: "submission.json",
  });
  if (!read.ok) return read;
  const checked = validateManifest(read.value);
  if (!checked.ok) return checked;
  const manifest = checked.value;
  const kind = manifest.simulator !== undefined ? "simulator" : "results";
  const file = manifest.simulator !== undefined ? manifest.simulator.entry : manifest.results;
  const field = kind === "simulator" ? "simulator.entry" : "results";

  const target = resolve(dir, file);
  try {
    const info = await lstat(target);
    const real = await realpath(target);
    const realDir = await realpath(dir);
    if (!(real + sep).startsWith(realDir + sep) || real === realDir) {
      return fail(`${field} ${file} leads outside the submission folder`, field, kind);
    }
    if (!info.isFile() && !info.isSymbolicLink()) {
      return fail(`${field} ${file} is not a file`, field, kind);
    }
  } catch {
    const where = shownPath(dir);
    return fail(
      `${field} names ${file}, which is not in the submission folder (${where})${await writeItHint(dir, kind)}`,
      field,
      kind,
    );
  }

  const warnings: string[] = [];
  const folderName = basename(dir);
  let team = manifest.team;
  if (options.teamFrom === "folder" && manifest.team !== folderName) {
    team = folderName;
    warnings.push(
      `submission.json names team "${manifest.team}" but the folder is "${folderName}"; graded as "${folderName}"`,
    );
  }
  return { ok: true, submission: { dir, manifest, team, kind, file, warnings } };
}

/** For a results file not written yet: how to write it, where init's script is there. */
async function writeItHint(dir: string, kind: Submission["kind"]): Promise<string> {
  if (kind !== "results") return "";
  try {
    await lstat(join(dir, "make_results.py"));
    return ": write it with python3 make_results.py (its run_panel returns your simulation's data)";
  } catch {
    return ": write your Figure 1 data there first";
  }
}
