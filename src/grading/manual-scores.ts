import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { closestKey } from "../protocol/closest-key.js";
import { readJsonFile } from "../protocol/read-json.js";
import { validate } from "../protocol/schemas.js";
import type {
  GradebookQuestionColumn,
  GradebookTeam,
  ManualScores,
  RubricQuestion,
} from "../protocol/types.js";
import { withWrittenAnswers, writtenAnswersSection } from "../report/written-answers.js";
import { GradeSetupError } from "./grade-options.js";
import { writeAtomic } from "./write-atomic.js";

/**
 * The written answers graded by hand (`grade --manual FILE`): the manual-scores file checked
 * against the rubric's questions, then merged into each team's gradebook line (the total is the
 * checks' points plus the scored questions'; a question not scored yet is null, never 0) and into
 * each team's report. The checks' stored results are not touched: manual scores are no part of a
 * team's grading fingerprint, so scoring an answer never runs a simulator again.
 */

/** Manual scores checked against the rubric, and what the instructor should look at. */
export interface ManualPart {
  questions: RubricQuestion[];
  scores: ManualScores["scores"];
  warnings: string[];
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Problems that make the file unusable: a question the rubric lacks, points out of range. */
function scoreProblems(file: ManualScores, questions: RubricQuestion[]): string[] {
  const max = new Map(questions.map((q) => [q.id, q.points]));
  const ids = [...max.keys()];
  const unknown = (id: string, where: string) => {
    const guess = closestKey(id, ids);
    return `${where} names question ${JSON.stringify(id)}, which the rubric does not have${guess ? ` (did you mean "${guess}"?)` : ""}; its questions are ${ids.join(", ")}`;
  };
  const problems: string[] = [];
  file.questions.forEach((q, i) => {
    if (!max.has(q.id)) problems.push(unknown(q.id, `questions[${i}]`));
  });
  for (const [team, byQuestion] of Object.entries(file.scores)) {
    for (const [id, score] of Object.entries(byQuestion)) {
      const most = max.get(id);
      if (most === undefined) problems.push(unknown(id, `scores of ${team}`));
      else if (score.points !== null && score.points > most) {
        problems.push(
          `scores of ${team}: ${id} has ${score.points} points, more than the ${most} it is worth in the rubric`,
        );
      }
    }
  }
  return problems;
}

/** Where the file's maxima differ from the rubric's, which is the one graded with. */
function maximaWarnings(file: ManualScores, questions: RubricQuestion[]): string[] {
  return file.questions.flatMap((q) => {
    const inRubric = questions.find((r) => r.id === q.id);
    return inRubric !== undefined && inRubric.points !== q.points
      ? [
          `the manual scores were saved with ${q.id} worth ${q.points} points; the rubric says ${inRubric.points}, which counts`,
        ]
      : [];
  });
}

/**
 * Reads and checks a manual-scores file against the rubric's questions; GradeSetupError (misuse:
 * nothing is run or written) when it is not JSON, fails its schema, names a question the rubric
 * does not have or gives more points than a question is worth.
 */
export async function readManualScores(
  path: string,
  questions: RubricQuestion[] = [],
): Promise<ManualPart> {
  const refuse = (problems: string[]) =>
    new GradeSetupError(
      `the manual scores ${path} cannot be used, so nothing was run or written:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
  if (questions.length === 0) {
    throw refuse([
      "the rubric has no questions: list them under questions in your --rubric FILE (docs/rubric.md)",
    ]);
  }
  const read = await readJsonFile(path, { label: path, maxBytes: 10_000_000 });
  const checked = read.ok ? validate("manual-scores", read.value) : read;
  if (!checked.ok) throw refuse(checked.errors.map((e) => e.message));
  const problems = scoreProblems(checked.value, questions);
  if (problems.length > 0) throw refuse(problems);
  return {
    questions,
    scores: checked.value.scores,
    warnings: maximaWarnings(checked.value, questions),
  };
}

/** A warning naming the teams the file scores that the class does not have, if any. */
export function unknownTeamsWarning(
  manual: ManualPart,
  teams: readonly string[],
): string | undefined {
  const unknown = Object.keys(manual.scores).filter((t) => !teams.includes(t));
  if (unknown.length === 0) return undefined;
  return `the manual scores name teams that are not in the class, whose scores count nowhere (a renamed folder?): ${unknown.join(", ")}`;
}

/** The gradebook's question columns. */
export function questionColumns(manual: ManualPart): GradebookQuestionColumn[] {
  return manual.questions.map(({ id, title, points }) => ({ id, title, points }));
}

/** A team's line with its written answers: the total is the checks' plus the scored questions'. */
export function withManualScores(line: GradebookTeam, manual: ManualPart): GradebookTeam {
  const given = manual.scores[line.team] ?? {};
  const questions = manual.questions.map((q) => {
    const score = Object.hasOwn(given, q.id) ? given[q.id] : undefined;
    const comment = score?.comment;
    return {
      id: q.id,
      points: score?.points ?? null,
      maxPoints: q.points,
      ...(comment !== undefined && comment.trim() !== "" ? { comment } : {}),
    };
  });
  return {
    ...line,
    score: round3(line.score + questions.reduce((s, q) => s + (q.points ?? 0), 0)),
    maxScore: round3(line.maxScore + questions.reduce((s, q) => s + q.maxPoints, 0)),
    manual: {
      checksScore: line.score,
      checksMaxScore: line.maxScore,
      questions,
      notScored: questions.filter((q) => q.points === null).length,
    },
  };
}

/**
 * Sets the written answers' section of each team's report.html in OUT (or takes it out, for a
 * gradebook without manual scores); a team without a report is left alone.
 */
export async function writeManualReports(
  out: string,
  teams: readonly GradebookTeam[],
  columns: readonly GradebookQuestionColumn[] | undefined,
): Promise<void> {
  for (const team of teams) {
    const path = join(out, team.report);
    const html = await readFile(path, "utf8").catch(() => undefined);
    if (html === undefined) continue;
    const section =
      team.manual !== undefined && columns !== undefined
        ? writtenAnswersSection(team.manual, columns)
        : undefined;
    const updated = withWrittenAnswers(html, section);
    if (updated !== html) await writeAtomic(path, updated);
  }
}
