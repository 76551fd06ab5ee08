import { existsSync } from "node:fs";
import { lstat, mkdir, readdir, readFile, realpath, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import { formatJson } from "../protocol/json-format.js";
import { readJsonFile } from "../protocol/read-json.js";
import { validate } from "../protocol/schemas.js";
import type {
  CheckReport,
  CheckResult,
  GradingMarker,
  GradingRubric,
  HiddenParameterValues,
  RubricCheck,
  TeamMember,
} from "../protocol/types.js";
import { REPORT_IMAGE_FILES } from "../report/figures.js";
import type { CheckedSubmission } from "./check-submission.js";
import { gradescopeResults } from "./gradescope.js";
import { INSTRUCTOR_FOLDER } from "./out-folders.js";
import { redactReport } from "./redact.js";
import { SPIKEGRADE_VERSION } from "./version.js";
import { writeAtomic } from "./write-atomic.js";
import { writeSubmissionReport } from "./write-report.js";

/**
 * OUT/.instructor/<team>/grading.json: how the team's outputs were made. Written last, after
 * every other file of the team, and removed before the team is graded again: a result counts as
 * complete only while its marker is there, so a run killed half-way through a team regrades it.
 */
export const MARKER_FILE = "grading.json";

/** A team's results in Gradescope's format, beside its report. */
export const GRADESCOPE_FILE = "gradescope.json";

/**
 * The instructor's files of a team: result.json holds every check, the hidden ones with their
 * inputs in their details (the same seeds and time steps for the whole class); the marker says how
 * the team was graded, hidden inputs included. Everything else of a team goes back to its students.
 */
const INSTRUCTOR_FILES: ReadonlySet<string> = new Set(["result.json", MARKER_FILE]);

/** A team's two folders in OUT: what goes back to its students, and what stays with you. */
export interface TeamFolders {
  /** OUT/<team>/: report.html, its figures, gradescope.json. */
  student: string;
  /** OUT/.instructor/<team>/: result.json and grading.json. */
  instructor: string;
}

export function teamFolders(out: string, team: string): TeamFolders {
  return { student: join(out, team), instructor: join(out, INSTRUCTOR_FOLDER, team) };
}

/** The folder a file of a team's outputs goes to. */
export function folderOf(folders: TeamFolders, name: string): string {
  return INSTRUCTOR_FILES.has(name) ? folders.instructor : folders.student;
}

/** A team's stored outputs, as the gradebook reads them. */
export interface StoredTeam {
  report: CheckReport;
  marker: GradingMarker;
}

/** A temporary file of writeAtomic that a killed run left behind. */
const TEMPORARY = /\.tmp-\d+-[a-z0-9]+$/;

/** Removes the leftovers of writeAtomic from a folder (not its subfolders). */
export async function removeTemporaryFiles(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  await Promise.all(
    names.filter((n) => TEMPORARY.test(n)).map((n) => rm(join(dir, n), { force: true })),
  );
}

/**
 * Makes a team's stored result incomplete before it is graded again (see MARKER_FILE), and takes
 * out of the students' folder the instructor's files that spikegrade 0.1.0 kept there.
 */
async function beginTeam(folders: TeamFolders): Promise<void> {
  await mkdir(folders.instructor, { recursive: true });
  await rm(join(folders.instructor, MARKER_FILE), { force: true });
  await mkdir(folders.student, { recursive: true });
  for (const name of INSTRUCTOR_FILES) await rm(join(folders.student, name), { force: true });
  await removeTemporaryFiles(folders.instructor);
  await removeTemporaryFiles(folders.student);
}

/**
 * Whether OUT/<team>/ still holds a result of spikegrade 0.1.0, which kept result.json and
 * grading.json there: such a team counts as not graded, and its next grading moves them out.
 */
export function holdsOldLayout(folders: TeamFolders): boolean {
  return existsSync(join(folders.student, MARKER_FILE));
}

export interface TeamOutputOptions {
  fingerprint: string | null;
  hidden: boolean;
  /** Seeds derived from the course secret: kept out of everything a student reads. */
  hiddenSeeds: readonly number[];
  /** The name of the course secret of the hidden inputs (secretId), when they ran. */
  secretId?: string;
  /** Each hidden check's inputs, recorded in the marker when the hidden checks ran. */
  hiddenInputs: Record<string, HiddenParameterValues>;
  rubric: GradingRubric;
  elapsedMs: number;
  graderError?: string;
}

/**
 * Writes a team's outputs, each file atomically: into folders.student its figures, report.html
 * (hidden checks withheld) and gradescope.json, into folders.instructor result.json, then the
 * marker. Every text a student reads is stored with the hidden inputs replaced (redactReport),
 * since their code was sent those seeds and may have printed them. (A worker stages both in one
 * folder; installStagedTeam sorts them. Written straight into OUT, for a team the grader broke
 * on, the old marker goes first, as installStagedTeam does it.)
 */
export async function writeTeamOutputs(
  checked: CheckedSubmission,
  folders: TeamFolders,
  options: TeamOutputOptions,
): Promise<void> {
  const report: CheckReport = redactReport(checked.report, options.hiddenSeeds);
  await beginTeam(folders);
  await writeSubmissionReport({ ...checked, report }, folders.student, {
    audience: "student",
    resultDir: folders.instructor,
  });
  const gradescope = validate("gradescope", gradescopeResults(report));
  if (!gradescope.ok) {
    throw new Error(
      `gradescope.json would not be valid: ${gradescope.errors.map((e) => e.message).join("; ")}`,
    );
  }
  await writeAtomic(join(folders.student, GRADESCOPE_FILE), formatJson(gradescope.value));
  const marker: GradingMarker = {
    fingerprint: options.fingerprint,
    hidden: options.hidden,
    ...(options.secretId !== undefined ? { secretId: options.secretId } : {}),
    rubric: options.rubric,
    ...(options.hidden ? { hiddenInputs: options.hiddenInputs } : {}),
    ...(options.graderError !== undefined ? { graderError: options.graderError } : {}),
    elapsedMs: Math.round(options.elapsedMs),
    spikegradeVersion: SPIKEGRADE_VERSION,
  };
  await writeAtomic(join(folders.instructor, MARKER_FILE), formatJson(marker));
}

/**
 * A team's complete stored outputs (its marker and result.json in the instructor's folder, each
 * valid against its schema), or undefined: the team is then graded again.
 */
export async function readStoredTeam(folders: TeamFolders): Promise<StoredTeam | undefined> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(join(folders.instructor, MARKER_FILE), "utf8"));
  } catch {
    return undefined;
  }
  const marker = validate("grading-marker", parsed);
  if (!marker.ok) return undefined;
  const read = await readJsonFile(join(folders.instructor, "result.json"));
  if (!read.ok) return undefined;
  const report = validate("check-report", read.value);
  return report.ok ? { report: report.value, marker: marker.value } : undefined;
}

/**
 * The result of a team that was not graded because the grader broke (its process died or hung):
 * every check of the run as an error worth nothing, with a message that says so to the student
 * (the details, for the instructor, go to the marker and the gradebook).
 */
export function graderFailureReport(
  team: string,
  members: TeamMember[],
  checks: readonly RubricCheck[],
  hiddenChecks: number,
): CheckReport {
  const message =
    "spikegrade could not grade this submission: its grading process stopped before the end; your instructor has the details";
  const results: CheckResult[] = checks.map((c) => ({
    id: c.id,
    title: c.title,
    status: "error",
    points: 0,
    maxPoints: c.points,
    visibility: c.visibility,
    message,
  }));
  return {
    team,
    members,
    passed: false,
    score: 0,
    maxScore: results.reduce((s, c) => s + c.maxPoints, 0),
    checks: results,
    hiddenChecks,
    spikegradeVersion: SPIKEGRADE_VERSION,
  };
}

/** The files a worker may stage for a team, and how large each may be. */
const STAGED_JSON = ["result.json", GRADESCOPE_FILE, MARKER_FILE] as const;
const STAGED_FILES = new Set<string>([
  ...STAGED_JSON,
  "report.html",
  ...Object.values(REPORT_IMAGE_FILES),
]);
const STAGED_MAX_BYTES = 32 * 1024 * 1024;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export type Installed = { ok: true; report: CheckReport } | { ok: false; message: string };

/**
 * Moves a team's outputs, staged by a worker in a temporary folder, into its folders of OUT
 * (result.json and the marker to the instructor's, the rest to the students'): only the
 * grader's main process writes OUT, and only what it checked first (known file names, regular
 * files of bounded size, result.json, gradescope.json and the marker valid against their schemas,
 * PNG files that are PNG). The marker is written last; files of an earlier grading that this
 * one did not make (a figure that no longer applies) are removed.
 */
export async function installStagedTeam(staged: string, folders: TeamFolders): Promise<Installed> {
  const fail = (message: string): Installed => ({ ok: false, message });
  let real: string;
  try {
    real = await realpath(staged);
  } catch {
    return fail(`the worker's staged outputs ${staged} are missing`);
  }
  const temporary = await realpath(tmpdir());
  if (!real.startsWith(temporary + sep)) {
    return fail(`the worker staged its outputs outside the temporary folder (${staged})`);
  }
  const contents = new Map<string, Buffer>();
  for (const name of await readdir(real)) {
    if (!STAGED_FILES.has(name)) return fail(`the worker staged an unexpected file ${name}`);
    const info = await lstat(join(real, name));
    if (!info.isFile() || info.size > STAGED_MAX_BYTES) {
      return fail(`the worker staged ${name}, which is not a file of at most 32 MiB`);
    }
    contents.set(name, await readFile(join(real, name)));
  }
  for (const name of STAGED_JSON) {
    if (!contents.has(name)) return fail(`the worker staged no ${name}`);
  }
  const parsed = (name: string): unknown => {
    try {
      return JSON.parse((contents.get(name) as Buffer).toString("utf8"));
    } catch {
      return undefined;
    }
  };
  const report = validate("check-report", parsed("result.json"));
  if (!report.ok) return fail("the worker staged a result.json that is not a valid check report");
  if (!validate("gradescope", parsed(GRADESCOPE_FILE)).ok) {
    return fail("the worker staged a gradescope.json that is not valid");
  }
  const marker = validate("grading-marker", parsed(MARKER_FILE), { maxErrors: 5 });
  if (!marker.ok) {
    const problems = marker.errors.map((e) => e.message).join("; ");
    return fail(`the worker staged a marker of the wrong shape: ${problems}`);
  }
  for (const [name, bytes] of contents) {
    if (name.endsWith(".png") && !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
      return fail(`the worker staged ${name}, which is not a PNG image`);
    }
  }
  await beginTeam(folders);
  for (const name of STAGED_FILES) {
    if (name !== MARKER_FILE && !contents.has(name)) {
      await rm(join(folderOf(folders, name), name), { force: true });
    }
  }
  for (const [name, bytes] of contents) {
    if (name !== MARKER_FILE) await writeAtomic(join(folderOf(folders, name), name), bytes);
  }
  await writeAtomic(join(folders.instructor, MARKER_FILE), contents.get(MARKER_FILE) as Buffer);
  return { ok: true, report: report.value };
}
