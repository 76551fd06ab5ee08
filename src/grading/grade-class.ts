import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import type { GradingReference } from "../checks/load-reference.js";
import { orderedChecks } from "../checks/run-checks.js";
import { formatJson } from "../protocol/json-format.js";
import { referenceFile } from "../protocol/reference-files.js";
import type {
  Gradebook,
  GradebookTeam,
  GradingRubric,
  RubricCheck,
  Shard,
  Skipped,
  TeamMember,
} from "../protocol/types.js";
import type { IsolationRequest } from "../submission/call-result.js";
import { readSubmission } from "../submission/read-submission.js";
import {
  type AnswersTemplate,
  anyNotebook,
  readAnswersTemplate,
  writeAnswers,
} from "./answers-writer.js";
import { writeClassIndex } from "./class-index-writer.js";
import { type ClassIntake, openClass } from "./class-intake.js";
import { courseReference } from "./course-rubric.js";
import { isInside, shardOf, type TeamFolder } from "./discover.js";
import { checksOfRubric, folderFiles, gradingFingerprint, rubricDigest } from "./fingerprint.js";
import { checkGradeOptions, GradeSetupError } from "./grade-options.js";
import type { TeamDone, TeamJob } from "./grade-team.js";
import { buildGradebook, gradebookColumns, gradebookCsv, gradebookTeam } from "./gradebook.js";
import {
  deriveHiddenInputs,
  type HiddenInputs,
  SECRET_VARIABLE,
  secretId,
} from "./hidden-inputs.js";
import {
  type ManualPart,
  questionColumns,
  readManualScores,
  unknownTeamsWarning,
  withManualScores,
  writeManualReports,
} from "./manual-scores.js";
import { INSTRUCTOR_FOLDER } from "./out-folders.js";
import { lockOutput } from "./out-lock.js";
import { ProcessPool } from "./pool.js";
import {
  graderFailureReport,
  holdsOldLayout,
  installStagedTeam,
  readStoredTeam,
  removeTemporaryFiles,
  teamFolders,
  writeTeamOutputs,
} from "./team-output.js";
import { SPIKEGRADE_VERSION } from "./version.js";
import { writeAtomic } from "./write-atomic.js";

export interface GradeClassOptions {
  /** The class folder: one folder per team. */
  dir: string;
  /** The output folder. */
  out: string;
  /** Teams graded at once, each in its own worker process. Default: the machine's cores. */
  jobs?: number;
  /** Time limit of each simulator call, ms. */
  timeoutMs: number;
  /** The isolation of every simulator (default auto). */
  isolation?: IsolationRequest;
  /** Run the hidden checks, with inputs derived from this course secret. */
  secret?: string;
  /** Grade only this team (the gradebook still lists every team, from stored results). */
  team?: string;
  /** Grade again even where a stored result is up to date. */
  force?: boolean;
  /** Grade one shard of the class and write its part of the gradebook. */
  shard?: Shard;
  /**
   * A course's own rubric (a path) instead of the package's reference/rubric.json, held to what
   * a course may change of the default (docs/rubric.md).
   */
  rubric?: string;
  /**
   * A manual-scores file (the written answers graded by hand): merged into the gradebook, the
   * class page and each team's report, without grading any team again for it.
   */
  manual?: string;
  /**
   * The notebook handed out to the class, whose QUESTION prompts are the questions of the answer
   * pages (OUT/answers/), written when a team handed in a notebook.
   */
  template?: string;
  /** Wall-clock limit of one team, ms. Default: 10 min, or 40 simulator calls' time limit. */
  teamWallMs?: number;
  /** The worker module (tests replace it); default: ./grade-worker next to this module. */
  workerModule?: string;
  /** Told what is planned and of each team as it is done (a progress display). */
  onEvent?: (event: GradeEvent) => void;
}

export type GradeEvent =
  | {
      kind: "plan";
      /** Teams this run is about (the shard's, or only --team's), by name. */
      teams: string[];
      toGrade: string[];
      reused: string[];
      skipped: Skipped[];
      jobs: number;
    }
  | { kind: "team"; line: GradebookTeam; elapsedMs: number; reused: boolean };

export interface GradeClassResult {
  gradebook: Gradebook;
  graded: string[];
  reused: string[];
  /** The files written: the gradebook (or the shard's part) and the class page, if any. */
  files: string[];
  /** OUT/answers/index.html, when a team handed in a notebook (the written answers by question). */
  answersPage?: string;
  elapsedMs: number;
}

/** OUT/gradebook.part-K-of-N.json: a shard's part of the gradebook. */
function partFileName(shard: Shard): string {
  return `gradebook.part-${shard.index}-of-${shard.count}.json`;
}

export const PART_FILE = /^gradebook\.part-(\d+)-of-(\d+)\.json$/;

/** The worker module beside this one: the TypeScript source under tests, else the compiled .js. */
function defaultWorkerModule(): string {
  const here = fileURLToPath(import.meta.url);
  return join(here, "..", here.endsWith(".ts") ? "grade-worker.ts" : "grade-worker.js");
}

async function sha256(path: string): Promise<string> {
  return createHash("sha256")
    .update(await readFile(path))
    .digest("hex");
}

/** The students a team's manifest names, or none when it cannot be read. */
async function membersOf(dir: string): Promise<TeamMember[]> {
  const read = await readSubmission(dir, { teamFrom: "folder" });
  return read.ok ? read.submission.manifest.members : [];
}

/** The checks a run reports, in the rubric's order: the public ones, and the hidden when run. */
function reportedChecks(reference: GradingReference, includeHidden: boolean): RubricCheck[] {
  const ran = new Set(
    ["manifest", "load", ...orderedChecks(reference.rubric, includeHidden).map((c) => c.id)].map(
      String,
    ),
  );
  return reference.rubric.checks.filter((c) => ran.has(c.id));
}

/**
 * Grades a class: every team of options.dir (a class folder, a Moodle download or its zip: see
 * openClass), or one shard of them, or one team, in a pool
 * of worker processes, reusing each stored result whose fingerprint is unchanged, then writes the
 * gradebook (gradebook.json, gradebook.csv and the class page index.html) or, for a shard, its
 * part. Every file is written atomically and each team's marker
 * last, so a run killed at any moment is completed by running it again.
 *
 * Throws GradeSetupError for what the caller asked wrongly (no such team, no secret, an unusable
 * rubric); never for anything a submission does.
 */
export async function gradeClass(options: GradeClassOptions): Promise<GradeClassResult> {
  const started = performance.now();
  checkGradeOptions(options);
  const classDir = resolve(options.dir);
  const out = resolve(options.out);
  const reference = await courseReference(options.rubric);
  const manual = await manualPart(options, reference);
  const template =
    options.template === undefined ? undefined : await readAnswersTemplate(options.template);
  const discovery = await openClass(options.dir, out);
  try {
    const found = { classDir, out, reference, manual, template, discovery, started };
    return await gradeDiscovered(options, found);
  } finally {
    await discovery.close();
  }
}

/** --manual's scores, checked before anything is run or written (GradeSetupError). */
async function manualPart(
  options: GradeClassOptions,
  reference: GradingReference,
): Promise<ManualPart | undefined> {
  if (options.manual === undefined) return undefined;
  if (options.shard !== undefined) {
    throw new GradeSetupError(
      "--manual goes with a whole-class run, not a --shard: merge the parts first, then run grade DIR --out OUT --manual FILE, which reuses every stored result and rewrites only the gradebook and the reports",
    );
  }
  return readManualScores(options.manual, reference.rubric.questions);
}

/** gradeClass, once the class's teams are found (and staged, for a Moodle download). */
async function gradeDiscovered(
  options: GradeClassOptions,
  found: {
    classDir: string;
    out: string;
    reference: GradingReference;
    manual: ManualPart | undefined;
    template: AnswersTemplate | undefined;
    discovery: ClassIntake;
    started: number;
  },
): Promise<GradeClassResult> {
  const { classDir, out, reference, manual, template, discovery, started } = found;
  await refuseOutInsideATeam(out, discovery.teams);
  const inShard = shardOf(discovery.teams, options.shard);
  const selected = selectedTeams(inShard, options, classDir);
  const run = await startRun(options, out, reference);

  await mkdir(out, { recursive: true });
  const lock = lockOutput(out);
  if (!lock.ok) throw new GradeSetupError(lock.message);
  try {
    await removeTemporaryFiles(out);
    if (options.team !== undefined) await refuseOtherHiddenInputs(run, inShard, selected);
    const { toGrade, reused } = await storedOrStale(run, selected);
    const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), toGrade.length || 1));
    options.onEvent?.({
      kind: "plan",
      teams: selected.map((t) => t.team),
      toGrade: toGrade.map((t) => t.folder.team),
      reused: reused.map((t) => t.team),
      skipped: discovery.skipped,
      jobs,
    });
    for (const line of reused)
      options.onEvent?.({ kind: "team", line, elapsedMs: 0, reused: true });
    await gradeInPool(run, toGrade, jobs);

    const scope = options.shard === undefined ? discovery.teams : inShard;
    const { gradebook, files } = await rebuildGradebook(run, scope, discovery.skipped, manual);
    const answersPage =
      options.shard === undefined
        ? await answerPages(discovery.teams, out, template, reference)
        : undefined;
    return {
      ...(answersPage === undefined ? {} : { answersPage }),
      gradebook,
      graded: toGrade.map((t) => t.folder.team),
      reused: reused.map((t) => t.team),
      files,
      elapsedMs: performance.now() - started,
    };
  } finally {
    lock.release();
  }
}

/** OUT/answers/ when some team handed in a notebook: returns its index page, else undefined. */
async function answerPages(
  teams: TeamFolder[],
  out: string,
  template: AnswersTemplate | undefined,
  reference: GradingReference,
): Promise<string | undefined> {
  if (!(await anyNotebook(teams))) return undefined;
  const answers = await writeAnswers({
    teams,
    outDir: out,
    ...(template ? { template } : {}),
    questions: reference.rubric.questions ?? [],
  });
  return answers.pages[0];
}

/**
 * The gradebook (or the shard's part), rebuilt from what is stored so that it is the same however
 * the results came (graded now, reused, or graded by an earlier run killed half-way), with the
 * manual scores merged into it and into each team's report.
 */
async function rebuildGradebook(
  run: Run,
  scope: TeamFolder[],
  skipped: Skipped[],
  manual: ManualPart | undefined,
): Promise<{ gradebook: Gradebook; files: string[] }> {
  const lines = await storedLines(run, scope);
  const gradebook = buildGradebook({
    version: SPIKEGRADE_VERSION,
    columns: gradebookColumns(run.reference.rubric.checks, lines),
    skipped,
    shard: run.options.shard,
    ...(run.secretId !== undefined ? { secretId: run.secretId } : {}),
    ...manualLines(lines, manual),
  });
  const files = await writeGradebook(run.out, gradebook);
  if (run.options.shard === undefined) {
    await writeManualReports(run.out, gradebook.teams, gradebook.questions);
  }
  return { gradebook, files };
}

/** The teams' lines with the manual scores merged in, the question columns and warnings. */
function manualLines(
  lines: GradebookTeam[],
  manual: ManualPart | undefined,
): Pick<Parameters<typeof buildGradebook>[0], "teams" | "questions" | "manualWarnings"> {
  if (manual === undefined) return { teams: lines };
  const unknown = unknownTeamsWarning(
    manual,
    lines.map((l) => l.team),
  );
  return {
    teams: lines.map((line) => withManualScores(line, manual)),
    questions: questionColumns(manual),
    manualWarnings: [...manual.warnings, ...(unknown === undefined ? [] : [unknown])],
  };
}

/** OUT inside a team's folder would be graded as part of that team's submission. */
async function refuseOutInsideATeam(out: string, teams: TeamFolder[]): Promise<void> {
  for (const { team, dir } of teams) {
    if (await isInside(out, dir)) {
      throw new GradeSetupError(`--out ${out} lies inside the submission folder of ${team}`);
    }
  }
}

/** The shard's teams, or only options.team among them (GradeSetupError when it is not there). */
function selectedTeams(
  inShard: TeamFolder[],
  options: GradeClassOptions,
  classDir: string,
): TeamFolder[] {
  if (options.team === undefined) return inShard;
  const selected = inShard.filter((t) => t.team === options.team);
  if (selected.length === 0) {
    const where = options.shard ? ` in shard ${options.shard.index}/${options.shard.count}` : "";
    throw new GradeSetupError(
      `there is no team ${JSON.stringify(options.team)}${where} in ${classDir} (a folder with a submission.json)`,
    );
  }
  return selected;
}

/** What every team of one run is graded with. */
interface Run {
  options: GradeClassOptions;
  out: string;
  reference: GradingReference;
  includeHidden: boolean;
  hidden: HiddenInputs;
  /** The name of the course secret (secretId) when the hidden checks run. */
  secretId?: string;
  /** The checks a report lists, for the row of a team the grader broke on. */
  checks: RubricCheck[];
  /** Hidden checks that exist but this run does not run. */
  hiddenNotRun: number;
  /** sha256 of the reference figure, part of every fingerprint. */
  referenceFigure: string;
  /** The rubric every team is graded with, as each team's marker records it. */
  rubric: GradingRubric;
}

async function startRun(
  options: GradeClassOptions,
  out: string,
  reference: GradingReference,
): Promise<Run> {
  const includeHidden = options.secret !== undefined;
  return {
    options,
    out,
    reference,
    includeHidden,
    hidden: includeHidden
      ? deriveHiddenInputs(options.secret as string, reference.rubric)
      : { byCheck: {}, seeds: [] },
    ...(includeHidden ? { secretId: secretId(options.secret as string) } : {}),
    checks: reportedChecks(reference, includeHidden),
    hiddenNotRun: includeHidden
      ? 0
      : reference.rubric.checks.filter((c) => c.visibility === "hidden").length,
    referenceFigure: await sha256(referenceFile("figure1.json")),
    rubric: {
      sha256: rubricDigest(checksOfRubric(reference.rubric)),
      file: resolve(options.rubric ?? referenceFile("rubric.json")),
    },
  };
}

/** What a team's result depends on: its files, the reference, the version and the options. */
async function fingerprintOf(run: Run, team: TeamFolder): Promise<string> {
  const { options, reference, includeHidden } = run;
  return gradingFingerprint({
    files: await folderFiles(team.dir),
    rubric: checksOfRubric(reference.rubric),
    tolerances: reference.tolerances,
    referenceFigure: run.referenceFigure,
    spikegradeVersion: SPIKEGRADE_VERSION,
    options: {
      includeHidden,
      timeoutMs: options.timeoutMs,
      ...(run.secretId !== undefined ? { secretId: run.secretId } : {}),
    },
  });
}

interface Stale {
  folder: TeamFolder;
  fingerprint: string;
}

/**
 * The selected teams split into those to grade and those whose stored result is complete and
 * still current (same fingerprint, no grader failure), kept unless options.force.
 */
async function storedOrStale(
  run: Run,
  selected: TeamFolder[],
): Promise<{ toGrade: Stale[]; reused: GradebookTeam[] }> {
  const toGrade: Stale[] = [];
  const reused: GradebookTeam[] = [];
  for (const folder of selected) {
    const fingerprint = await fingerprintOf(run, folder);
    const stored = await readStoredTeam(teamFolders(run.out, folder.team));
    if (
      !run.options.force &&
      stored !== undefined &&
      stored.marker.fingerprint === fingerprint &&
      stored.marker.graderError === undefined
    ) {
      reused.push(gradebookTeam(stored.report, stored.marker));
    } else {
      toGrade.push({ folder, fingerprint });
    }
  }
  return { toGrade, reused };
}

/** Grades the stale teams, jobs at once, each in a worker process of the pool. */
async function gradeInPool(run: Run, toGrade: Stale[], jobs: number): Promise<void> {
  // The secret stays in this process: workers get the derived inputs, never the variable.
  const env = { ...process.env };
  delete env[SECRET_VARIABLE];
  const pool = new ProcessPool<TeamJob, TeamDone>({
    size: jobs,
    module: run.options.workerModule ?? defaultWorkerModule(),
    env,
    wallMs: run.options.teamWallMs ?? Math.max(600_000, 40 * run.options.timeoutMs),
  });
  try {
    await Promise.all(toGrade.map((stale) => gradeTeamInPool(run, pool, stale)));
  } finally {
    await pool.close();
  }
}

/** One team through a worker; its outputs installed in OUT, or its error row when that broke. */
async function gradeTeamInPool(
  run: Run,
  pool: ProcessPool<TeamJob, TeamDone>,
  { folder, fingerprint }: Stale,
): Promise<void> {
  const { options, includeHidden } = run;
  const folders = teamFolders(run.out, folder.team);
  const teamStarted = performance.now();
  const outcome = await pool.run({
    team: folder.team,
    dir: folder.dir,
    timeoutMs: options.timeoutMs,
    isolation: options.isolation ?? "auto",
    includeHidden,
    hiddenInputs: run.hidden.byCheck,
    hiddenSeeds: run.hidden.seeds,
    ...(run.secretId !== undefined ? { secretId: run.secretId } : {}),
    fingerprint,
    rubric: { ...run.rubric, json: run.reference.rubric },
  });
  // Only this process writes OUT, and only what it checked of what the worker staged.
  const installed = outcome.ok ? await installStagedTeam(outcome.value.staged, folders) : outcome;
  if (outcome.ok) await rm(outcome.value.staged, { recursive: true, force: true });
  if (installed.ok) {
    const line = gradebookTeam(installed.report, { hidden: includeHidden, rubric: run.rubric });
    const elapsedMs = outcome.ok ? outcome.value.elapsedMs : 0;
    options.onEvent?.({ kind: "team", line, elapsedMs, reused: false });
    return;
  }
  const elapsedMs = performance.now() - teamStarted;
  const line = await recordGraderFailure(run, folder, installed.message, elapsedMs);
  options.onEvent?.({ kind: "team", line, elapsedMs, reused: false });
}

/** The grader broke on this team: it still gets its outputs and its row, an error saying why. */
async function recordGraderFailure(
  run: Run,
  folder: TeamFolder,
  graderError: string,
  elapsedMs: number,
): Promise<GradebookTeam> {
  const report = graderFailureReport(
    folder.team,
    await membersOf(folder.dir),
    run.checks,
    run.hiddenNotRun,
  );
  await writeTeamOutputs(
    { report, panels: undefined, isolationNote: undefined },
    teamFolders(run.out, folder.team),
    {
      fingerprint: null,
      hidden: run.includeHidden,
      hiddenSeeds: run.hidden.seeds,
      ...(run.secretId !== undefined ? { secretId: run.secretId } : {}),
      hiddenInputs: run.hidden.byCheck,
      rubric: run.rubric,
      elapsedMs,
      graderError,
    },
  );
  return gradebookTeam(report, { graderError, hidden: run.includeHidden, rubric: run.rubric });
}

/**
 * `--team` grades one team into a gradebook whose other rows stay as stored: refuses (before
 * anything is graded) when those rows were graded with other hidden inputs (another course
 * secret, or hidden checks run where this run runs none, or the reverse), since the team would
 * then be judged on other inputs, or out of another maximum, than the rest of its class.
 */
async function refuseOtherHiddenInputs(
  run: Run,
  scope: TeamFolder[],
  selected: TeamFolder[],
): Promise<void> {
  const chosen = new Set(selected.map((t) => t.team));
  for (const folder of scope) {
    if (chosen.has(folder.team)) continue;
    const stored = await readStoredTeam(teamFolders(run.out, folder.team));
    if (stored === undefined || stored.marker.graderError !== undefined) continue;
    const { hidden, secretId: storedId } = stored.marker;
    const rerun = `grade every team again without --team (add --force to regrade the unchanged ones)`;
    if (hidden && !run.includeHidden) {
      throw new GradeSetupError(
        `the other teams in ${run.out} (${folder.team} among them) were graded with --hidden; grade ${[...chosen].join(", ")} with --hidden and the same ${SECRET_VARIABLE}, or ${rerun}`,
      );
    }
    if (!hidden && run.includeHidden) {
      throw new GradeSetupError(
        `the other teams in ${run.out} (${folder.team} among them) were graded without the hidden checks; grading ${[...chosen].join(", ")} with --hidden would score it out of another maximum: drop --hidden, or ${rerun} with --hidden`,
      );
    }
    if (hidden && storedId !== undefined && storedId !== run.secretId) {
      throw new GradeSetupError(
        `the other teams in ${run.out} (${folder.team} among them) were graded with another course secret (${SECRET_VARIABLE}); this one would give ${[...chosen].join(", ")} other hidden inputs than its class: use the secret they were graded with, or ${rerun}`,
      );
    }
  }
}

/** The gradebook's line of each team in scope, from its stored result. */
async function storedLines(run: Run, scope: TeamFolder[]): Promise<GradebookTeam[]> {
  const lines: GradebookTeam[] = [];
  for (const folder of scope) {
    const folders = teamFolders(run.out, folder.team);
    const stored = await readStoredTeam(folders);
    const line =
      stored !== undefined
        ? gradebookTeam(stored.report, stored.marker)
        : notGraded(folder.team, await membersOf(folder.dir), holdsOldLayout(folders));
    lines.push(folder.moodle === undefined ? line : { ...line, moodle: folder.moodle });
  }
  return lines;
}

/**
 * The line of a team that has no complete stored result (another --team run, never graded, or
 * graded by spikegrade 0.1.0, whose result.json sits in the students' folder: never read there).
 */
function notGraded(team: string, members: TeamMember[], oldLayout: boolean): GradebookTeam {
  return {
    team,
    members,
    status: "error",
    score: 0,
    maxScore: 0,
    message: oldLayout
      ? `graded by an earlier spikegrade, which kept result.json and grading.json in ${team}/ with the students' files: grade the class without --team to grade it again (its next grading moves them to ${INSTRUCTOR_FOLDER}/${team}/)`
      : "not graded yet: grade the class without --team to grade it",
    checks: [],
    hidden: false,
    report: `${team}/report.html`,
  };
}

/**
 * Writes the gradebook: a shard's part, or gradebook.json, gradebook.csv and the class page
 * (index.html). A whole-class run removes the parts of earlier sharded runs, which it
 * supersedes; a merge keeps them (keepParts), so that it can be run again.
 */
export async function writeGradebook(
  out: string,
  gradebook: Gradebook,
  options: { keepParts?: boolean } = {},
): Promise<string[]> {
  if (gradebook.shard !== undefined) {
    const part = join(out, partFileName(gradebook.shard));
    await writeAtomic(part, formatJson(gradebook));
    return [part];
  }
  const json = join(out, "gradebook.json");
  const csv = join(out, "gradebook.csv");
  await writeAtomic(json, formatJson(gradebook));
  await writeAtomic(csv, gradebookCsv(gradebook));
  if (!options.keepParts) {
    for (const name of await readdir(out)) {
      if (PART_FILE.test(name)) await rm(join(out, name), { force: true });
    }
  }
  return [json, csv, await writeClassIndex(out, gradebook)];
}
