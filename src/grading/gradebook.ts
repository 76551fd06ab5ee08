import type {
  CheckReport,
  CheckStatus,
  Gradebook,
  GradebookColumn,
  GradebookQuestionColumn,
  GradebookStudent,
  GradebookTeam,
  GradingRubric,
  RubricCheck,
  Shard,
  Skipped,
  TeamStatus,
} from "../protocol/types.js";
import { idKey, isPlaceholder, PLACEHOLDER_MEMBER } from "../protocol/validate-manifest.js";
import { gradedTeams, meanPercent } from "../report/class-gradebook.js";
import { notScoredNote } from "../report/written-answers.js";
import { csvRecord } from "./csv.js";
import { byName } from "./discover.js";

/** A message of any length and lines as one line of at most max characters. */
export function oneLine(text: string, max = 300): string {
  const line = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .join("; ")
    .replace(/\s+/g, " ");
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** A team's status and the one-line message that says why (see TeamStatus). */
export function teamStatus(
  report: CheckReport,
  graderError?: string,
): { status: TeamStatus; message: string } {
  if (graderError !== undefined) return { status: "error", message: oneLine(graderError) };
  for (const id of ["manifest", "load"]) {
    const check = report.checks.find((c) => c.id === id);
    if (check !== undefined && check.status !== "pass") {
      return { status: "error", message: oneLine(`${id}: ${check.message}`) };
    }
  }
  if (report.passed) return { status: "pass", message: "" };
  const judged = report.checks.filter(
    (c) => c.id !== "manifest" && c.id !== "load" && c.maxPoints > 0 && c.status !== "skip",
  );
  if (judged.length > 0 && judged.every((c) => c.status === "error")) {
    return {
      status: "error",
      message: oneLine(
        `every check ended in error; the first, ${judged[0].id}: ${judged[0].message}`,
      ),
    };
  }
  // A skip worth nothing did not apply; a fail or error worth nothing (a course's rubric gave the
  // check 0 points) is still why the status is not pass.
  const ids = (status: CheckStatus) =>
    report.checks
      .filter((c) => c.status === status && (c.maxPoints > 0 || status !== "skip"))
      .map((c) => c.id);
  const failed = ids("fail");
  const errors = ids("error");
  const notRun = ids("skip");
  const parts = [
    failed.length > 0 ? `failed: ${failed.join(", ")}` : "",
    errors.length > 0 ? `errors: ${errors.join(", ")}` : "",
    notRun.length > 0 ? `not run: ${notRun.join(", ")}` : "",
  ].filter(Boolean);
  return { status: "fail", message: oneLine(parts.join("; ")) };
}

/**
 * A team's gradebook line from its result and how it was graded (its marker, or the run's
 * options): the grader's failure if it broke, whether the hidden checks ran, the rubric.
 */
export function gradebookTeam(
  report: CheckReport,
  options: { graderError?: string; hidden: boolean; rubric?: GradingRubric },
): GradebookTeam {
  const { status, message } = teamStatus(report, options.graderError);
  return {
    team: report.team,
    members: report.members.map((m) => ({ id: m.id, name: m.name })),
    status,
    score: report.score,
    maxScore: report.maxScore,
    message,
    checks: report.checks.map((c) => ({
      id: c.id,
      status: c.status,
      points: c.points,
      maxPoints: c.maxPoints,
    })),
    hidden: options.hidden,
    report: `${report.team}/report.html`,
    ...(report.manifestTeam !== undefined ? { manifestTeam: report.manifestTeam } : {}),
    ...(options.rubric !== undefined ? { rubric: options.rubric.sha256 } : {}),
  };
}

/**
 * The columns of a gradebook: the rubric's checks in its order, public ones always, hidden ones
 * where at least one team ran them.
 */
export function gradebookColumns(
  rubric: readonly RubricCheck[],
  teams: readonly GradebookTeam[],
): GradebookColumn[] {
  const ran = new Set(teams.flatMap((t) => t.checks.map((c) => c.id)));
  return rubric
    .filter((c) => c.visibility === "public" || ran.has(c.id))
    .map((c) => ({ id: c.id, title: c.title, points: c.points, visibility: c.visibility }));
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** A warning for each student who is a member of more than one team. */
function sharedMembers(students: readonly GradebookStudent[]): string[] {
  const warnings: string[] = [];
  // Ids compare as the manifest compares them: S2101234 is s2101234.
  const teamsOf = new Map<string, { ids: Set<string>; teams: string[] }>();
  for (const s of students) {
    const entry = teamsOf.get(idKey(s.id)) ?? { ids: new Set<string>(), teams: [] };
    entry.ids.add(s.id);
    entry.teams.push(s.team);
    teamsOf.set(idKey(s.id), entry);
  }
  for (const { ids, teams: list } of teamsOf.values()) {
    if (list.length < 2) continue;
    const [first, ...others] = [...ids];
    const also = others.length > 0 ? ` (also written ${others.join(", ")})` : "";
    warnings.push(`student ${first}${also} is a member of ${list.join(", ")}`);
  }
  return warnings;
}

/** The teams graded with each rubric, by its SHA-256 (teams not graded have none). */
function teamsByRubric(teams: readonly GradebookTeam[]): Map<string, string[]> {
  const byRubric = new Map<string, string[]>();
  for (const { team, rubric } of teams) {
    if (rubric !== undefined) byRubric.set(rubric, [...(byRubric.get(rubric) ?? []), team]);
  }
  return byRubric;
}

/**
 * When teams were graded with more than one rubric, what says so ("rubric 1a2b3c4d5e6f: a, b;
 * rubric ...: c"), naming each by the start of its SHA-256 (grading.json holds it whole); else
 * undefined.
 */
export function mixedRubrics(teams: readonly GradebookTeam[]): string | undefined {
  const byRubric = teamsByRubric(teams);
  if (byRubric.size < 2) return undefined;
  return [...byRubric]
    .map(([sha256, names]) => `rubric ${sha256.slice(0, 12)}: ${names.join(", ")}`)
    .join("; ");
}

/**
 * What an instructor should look at: a student in two teams, init's placeholder student, teams
 * graded without the hidden checks beside columns of them, teams graded with different rubrics, manifests built from a Moodle download.
 */
function gradebookWarnings(
  teams: readonly GradebookTeam[],
  students: readonly GradebookStudent[],
  columns: readonly GradebookColumn[],
): string[] {
  const warnings = sharedMembers(students);
  const unnamed = teams.filter((t) => t.members.some(isPlaceholder)).map((t) => t.team);
  if (unnamed.length > 0) {
    warnings.push(
      `still listing spikegrade init's placeholder student (${PLACEHOLDER_MEMBER.id}) instead of its members: ${unnamed.join(", ")}`,
    );
  }
  const built = teams.filter((t) => t.moodle?.builtManifest).map((t) => t.team);
  if (built.length > 0) {
    warnings.push(
      `handed in a notebook or .py without submission.json, so spikegrade wrote one from the Moodle participants (their names and numbers, not their student ids): ${built.join(", ")}`,
    );
  }
  const hiddenColumns = columns.some((c) => c.visibility === "hidden");
  const withoutHidden = teams.filter((t) => !t.hidden).map((t) => t.team);
  if (hiddenColumns && withoutHidden.length > 0) {
    warnings.push(
      `graded without the hidden checks (their hidden cells are empty): ${withoutHidden.join(", ")}`,
    );
  }
  const mixed = mixedRubrics(teams);
  if (mixed !== undefined) {
    warnings.push(
      `graded with different rubrics (${mixed}): grade the class again without --team to grade every team with one`,
    );
  }
  return warnings;
}

/** Assembles a gradebook: teams sorted by name, one student line per member, the summary. */
export function buildGradebook(input: {
  version: string;
  columns: GradebookColumn[];
  teams: GradebookTeam[];
  skipped: Skipped[];
  shard?: Shard;
  secretId?: string;
  /** The rubric's questions, when manual scores were merged into the teams (grade --manual). */
  questions?: GradebookQuestionColumn[];
  /** What the manual scores gave to look at (teams the class does not have). */
  manualWarnings?: string[];
}): Gradebook {
  const teams = [...input.teams].sort((a, b) => byName(a.team, b.team));
  const students: GradebookStudent[] = teams.flatMap((t) =>
    t.members.map((m) => ({
      id: m.id,
      name: m.name,
      team: t.team,
      score: t.score,
      maxScore: t.maxScore,
      status: t.status,
    })),
  );
  const count = (status: TeamStatus) => teams.filter((t) => t.status === status).length;
  const warnings = [
    ...gradebookWarnings(teams, students, input.columns),
    ...(input.manualWarnings ?? []),
  ];
  const skipped = [...input.skipped].sort((a, b) => byName(a.name, b.name));
  return {
    generatedBy: { name: "spikegrade", version: input.version },
    ...(input.shard !== undefined ? { shard: input.shard } : {}),
    ...(input.secretId !== undefined ? { secretId: input.secretId } : {}),
    checks: input.columns,
    ...(input.questions !== undefined ? { questions: input.questions } : {}),
    teams,
    students,
    skipped,
    summary: {
      teams: teams.length,
      students: students.length,
      pass: count("pass"),
      fail: count("fail"),
      error: count("error"),
      meanScore: meanScore(teams),
      maxScore: teams.reduce((m, t) => Math.max(m, t.maxScore), 0),
      meanPercent: meanPercent(teams),
    },
    warnings,
  };
}

/** gradebook.csv's fixed columns, before one column per check and the closing message. */
const CSV_LEADING_COLUMNS = [
  "student_id",
  "student_name",
  "team",
  "score",
  "max_score",
  "status",
] as const;

/**
 * The mean score over the teams whose score is a grade (3 decimals), or null without one: a team
 * with written answers not scored yet is left out, as meanPercent leaves it out.
 */
function meanScore(teams: readonly GradebookTeam[]): number | null {
  const scored = gradedTeams(teams);
  if (scored.length === 0) return null;
  return round3(scored.reduce((s, t) => s + t.score, 0) / scored.length);
}

/**
 * A team's score in percent of its own maximum, 1 decimal, or undefined when it could earn
 * nothing: a results-only team's 8 of 8 is 100, whatever other teams could earn.
 */
export function percentOf(score: number, maxScore: number): number | undefined {
  return maxScore > 0 ? Math.round((1000 * score) / maxScore) / 10 : undefined;
}

/**
 * A team's percent as a grade (percentOf), or undefined while some of its questions are not
 * scored yet: a total that counts them as 0 is not a grade to hand on.
 */
export function gradePercent(team: GradebookTeam): number | undefined {
  if ((team.manual?.notScored ?? 0) > 0) return undefined;
  return percentOf(team.score, team.maxScore);
}

/** The team's questions as gradebook.csv's cells (empty: not scored yet), then the note. */
function questionCells(gradebook: Gradebook, team: GradebookTeam): (string | number)[] {
  if (gradebook.questions === undefined) return [];
  const cells = gradebook.questions.map(
    (q) => team.manual?.questions.find((m) => m.id === q.id)?.points ?? "",
  );
  const notScored = team.manual?.notScored ?? 0;
  return [...cells, notScored > 0 ? notScoredNote(notScored) : ""];
}

/**
 * gradebook.csv: one row per student (a team whose manifest could not be read keeps one row with
 * empty id and name), then one column per check holding the points earned (empty where the
 * check did not run for that team or is worth nothing to it), then the team's message, then its
 * percent (gradePercent; added after the columns that importers already rely on); with manual
 * scores, one column per question (empty: not scored yet) and written_answers, saying how many
 * are not scored yet, come last, so that every earlier column keeps its place.
 */
export function gradebookCsv(gradebook: Gradebook): string {
  const ids = gradebook.checks.map((c) => c.id);
  const questionIds = gradebook.questions?.map((q) => q.id) ?? [];
  const manualHeader = gradebook.questions === undefined ? [] : [...questionIds, "written_answers"];
  let text = csvRecord([...CSV_LEADING_COLUMNS, ...ids, "message", "percent", ...manualHeader]);
  for (const team of gradebook.teams) {
    const cells = ids.map((id) => {
      const check = team.checks.find((c) => c.id === id);
      return check === undefined || check.maxPoints === 0 ? "" : check.points;
    });
    const people = team.members.length > 0 ? team.members : [{ id: "", name: "" }];
    for (const person of people) {
      text += csvRecord([
        person.id,
        person.name,
        team.team,
        team.score,
        team.maxScore,
        team.status,
        ...cells,
        team.message,
        gradePercent(team) ?? "",
        ...questionCells(gradebook, team),
      ]);
    }
  }
  return text;
}
