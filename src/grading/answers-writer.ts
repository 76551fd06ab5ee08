/**
 * `spikegrade answers`: reads every team's notebook in a class folder (without running it) and
 * writes OUT/answers/answers.json, each team's written answers by question (schema answers).
 * A team's notebook is the one its submission.json names, else the only .ipynb in its folder.
 */

import { mkdir, readdir } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { readJsonFile } from "../protocol/read-json.js";
import { validate } from "../protocol/schemas.js";
import type {
  AnswersDocument,
  CheckStatus,
  RubricQuestion,
  TeamMember,
} from "../protocol/types.js";
import { classAnswers, type TeamNotebook } from "../submission/answers/class-answers.js";
import { notebookCells } from "../submission/answers/notebook-cells.js";
import { readSubmission } from "../submission/read-submission.js";
import { writeAnswersPages } from "./answers-pages-writer.js";
import { openClass } from "./class-intake.js";
import { courseReference } from "./course-rubric.js";
import { byName, type TeamFolder } from "./discover.js";
import { GradeSetupError } from "./grade-options.js";
import { SPIKEGRADE_VERSION } from "./version.js";
import { writeAtomic } from "./write-atomic.js";

/** The largest notebook read, in bytes: a notebook with saved figures is rarely over 20 MB. */
const NOTEBOOK_MAX_BYTES = 50_000_000;

async function teamNotebook(team: string, dir: string): Promise<TeamNotebook> {
  const read = await readSubmission(dir, { teamFrom: "folder" });
  let members: TeamMember[] = [];
  let notebook: string | null = null;
  if (read.ok) {
    members = read.submission.manifest.members;
    if (read.submission.file.endsWith(".ipynb")) notebook = read.submission.file;
  }
  if (notebook === null) {
    const found = (await readdir(dir)).filter((name) => name.endsWith(".ipynb")).sort(byName);
    if (found.length === 1) notebook = found[0];
  }
  if (notebook === null) return { team, members, notebook, content: null };
  const parsed = await readJsonFile(join(dir, notebook), {
    maxBytes: NOTEBOOK_MAX_BYTES,
    label: notebook,
  });
  const content = parsed.ok
    ? { ok: true as const, value: parsed.value }
    : { ok: false as const, message: parsed.errors[0]?.message ?? `${notebook} cannot be read` };
  return { team, members, notebook, content };
}

/** The template notebook: its name and cells (GradeSetupError when it is not a notebook). */
export async function readAnswersTemplate(path: string) {
  const parsed = await readJsonFile(path, { maxBytes: NOTEBOOK_MAX_BYTES });
  if (!parsed.ok) throw new GradeSetupError(`--template: ${parsed.errors[0]?.message}`);
  const read = notebookCells(parsed.value);
  if (!read.ok) throw new GradeSetupError(`--template: ${basename(path)} ${read.message}`);
  return { name: basename(path), cells: read.cells };
}

export interface AnswersOptions {
  classDir: string;
  outDir: string;
  /** The instructor's template notebook, whose prompts are the questions. */
  template?: string;
  /** A course's rubric (--rubric): its questions give each one's points and checks. */
  rubric?: string;
}

/** What the answer pages are written from, once the class's teams are found. */
export interface ClassAnswersInput {
  teams: readonly TeamFolder[];
  outDir: string;
  /** The template notebook, read (readAnswersTemplate). */
  template?: AnswersTemplate;
  /** The rubric's questions: each one's points and the checks shown beside it. */
  questions: readonly RubricQuestion[];
}

export type AnswersTemplate = Awaited<ReturnType<typeof readAnswersTemplate>>;

/**
 * Reads the class's notebooks (a class folder, a Moodle download or its zip, as grade takes them)
 * and writes OUT/answers/: answers.json and the pages; returns the document and the paths.
 */
export async function writeClassAnswers(
  options: AnswersOptions,
): Promise<{ document: AnswersDocument; path: string; pages: string[] }> {
  const template =
    options.template === undefined ? undefined : await readAnswersTemplate(options.template);
  const reference = await courseReference(options.rubric);
  const outDir = resolve(options.outDir);
  const intake = await openClass(options.classDir, outDir);
  try {
    return await writeAnswers({
      teams: intake.teams,
      outDir,
      ...(template ? { template } : {}),
      questions: reference.rubric.questions ?? [],
    });
  } finally {
    await intake.close();
  }
}

/** Whether any team's folder holds a notebook: grade writes the answer pages only then. */
export async function anyNotebook(teams: readonly TeamFolder[]): Promise<boolean> {
  for (const { dir } of teams) {
    const names = await readdir(dir).catch(() => [] as string[]);
    if (names.some((name) => name.endsWith(".ipynb"))) return true;
  }
  return false;
}

/** Writes OUT/answers/answers.json and the pages from the teams' notebooks. */
export async function writeAnswers(
  input: ClassAnswersInput,
): Promise<{ document: AnswersDocument; path: string; pages: string[] }> {
  const teams = await Promise.all(input.teams.map(({ team, dir }) => teamNotebook(team, dir)));
  const document = classAnswers({
    version: SPIKEGRADE_VERSION,
    ...(input.template ? { template: input.template } : {}),
    teams,
  });
  const mapped: AnswersDocument = {
    ...document,
    questions: document.questions.map((q) => {
      const checks = input.questions.find((r) => r.id === q.id)?.checks;
      return checks === undefined ? q : { ...q, checks };
    }),
  };
  const folder = join(input.outDir, "answers");
  await mkdir(folder, { recursive: true });
  const path = join(folder, "answers.json");
  await writeAtomic(path, `${JSON.stringify(mapped, null, 2)}\n`);
  const pages = await writeAnswersPages(input.outDir, {
    document: mapped,
    points: Object.fromEntries(input.questions.map((q) => [q.id, q.points])),
    verdicts: await storedVerdicts(input.outDir),
    figures: await teamFigures(
      input.outDir,
      mapped.teams.map((t) => t.team),
    ),
  });
  return { document: mapped, path, pages };
}

/** The figures each team's folder in OUT holds (OUT/<team>/*.png), to show beside its answers. */
async function teamFigures(
  outDir: string,
  teams: readonly string[],
): Promise<Record<string, string[]>> {
  const entries = await Promise.all(
    teams.map(async (team) => {
      const names = await readdir(join(outDir, team)).catch(() => [] as string[]);
      return [team, names.filter((name) => name.endsWith(".png")).sort(byName)] as const;
    }),
  );
  return Object.fromEntries(entries.filter(([, names]) => names.length > 0));
}

/**
 * The check verdicts of a class graded into outDir before (its gradebook.json), team -> check
 * -> status, to show beside the answers; none when it has not been graded there.
 */
async function storedVerdicts(
  outDir: string,
): Promise<Record<string, Record<string, CheckStatus>>> {
  const read = await readJsonFile(join(outDir, "gradebook.json"));
  const gradebook = read.ok ? validate("gradebook", read.value) : undefined;
  if (gradebook === undefined || !gradebook.ok) return {};
  return Object.fromEntries(
    gradebook.value.teams.map((t) => [
      t.team,
      Object.fromEntries(t.checks.map((c) => [c.id, c.status])),
    ]),
  );
}
