import type { GradeEvent } from "../grading/grade-class.js";
import { INSTRUCTOR_FOLDER } from "../grading/out-folders.js";
import type { Gradebook, GradebookTeam } from "../protocol/types.js";
import { printable } from "./terminal-text.js";

/** "3.1 s" under a minute, "2 min 05 s" above. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, "0")} s`;
}

/** "1:05", "12:30", "1:02:03": a clock for the progress bar. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

export interface ProgressState {
  done: number;
  total: number;
  /** Teams that failed some check, and teams in error, so far. */
  failed: number;
  errors: number;
  elapsedMs: number;
  /** Estimated time left, ms; undefined until a team has been graded. */
  leftMs?: number;
  /** What is counted; default "teams". */
  unit?: string;
}

/** The bar: "███████░░░░░░░░░  12/30 teams  0:41 elapsed  ~1:02 left  2 failed, 1 error". */
export function progressBar(state: ProgressState, width = 24): string {
  const filled = state.total === 0 ? width : Math.round((state.done / state.total) * width);
  const bar = `${"█".repeat(filled)}${"░".repeat(width - filled)}`;
  const left = state.leftMs === undefined ? "" : `  ~${clock(state.leftMs)} left`;
  const problems = [
    state.failed > 0 ? `${state.failed} failed` : "",
    state.errors > 0 ? `${state.errors} ${state.errors === 1 ? "error" : "errors"}` : "",
  ].filter(Boolean);
  return `${bar} ${state.done}/${state.total} ${state.unit ?? "teams"}  ${clock(state.elapsedMs)} elapsed${left}${problems.length > 0 ? `  ${problems.join(", ")}` : ""}`;
}

/** How a finished team reads in one line: "team-07  15/17  2 failed  3.1 s". */
export function teamLine(
  line: GradebookTeam,
  options: { elapsedMs: number; reused: boolean; nameWidth?: number },
): string {
  const name = line.team.padEnd(options.nameWidth ?? 0);
  const score = `${line.score}/${line.maxScore}`.padStart(5);
  let verdict: string;
  if (line.status === "pass") verdict = "passed";
  else if (line.status === "error") {
    verdict = `error: ${line.message.length > 90 ? `${line.message.slice(0, 89)}…` : line.message}`;
  } else {
    const count = (status: string) =>
      line.checks.filter((c) => c.status === status && c.maxPoints > 0).length;
    const failed = count("fail");
    const errors = count("error");
    verdict = [
      failed > 0 ? `${failed} failed` : "",
      errors > 0 ? `${errors} ${errors === 1 ? "error" : "errors"}` : "",
    ]
      .filter(Boolean)
      .join(", ");
    if (verdict === "") verdict = "not passed";
  }
  const when = options.reused ? "unchanged, reused" : formatDuration(options.elapsedMs);
  return printable(`${name}  ${score}  ${verdict}  ${when}`, { oneLine: true });
}

/** Warnings shown at the end; the rest are in gradebook.json. */
const MAX_WARNINGS = 5;

/**
 * The class's mean for the summary line, and how many teams it leaves out while their written
 * answers wait to be scored.
 */
function classMean(gradebook: Gradebook): string {
  const { summary } = gradebook;
  // A mean of scores out of different maxima (8 for a results file, 22 for a simulator) means
  // nothing: then only the mean of each team's percentage is given.
  const maxima = [...new Set(gradebook.teams.map((t) => t.maxScore))].sort((a, b) => a - b);
  const mean =
    summary.meanScore === null
      ? ""
      : maxima.length === 1
        ? `, mean score ${summary.meanScore} of ${maxima[0]} (${summary.meanPercent}%)`
        : `, mean ${summary.meanPercent}% of each team's attainable points (teams are scored out of ${maxima.join(", ")})`;
  const waiting = gradebook.teams.filter((t) => (t.manual?.notScored ?? 0) > 0).length;
  if (waiting === 0) return mean;
  return `${mean} (${waiting} ${waiting === 1 ? "team" : "teams"} left out until ${waiting === 1 ? "its" : "their"} written answers are all scored)`;
}

/** The closing lines of a grading run. */
export function gradeSummary(input: {
  gradebook: Gradebook;
  graded: number;
  reused: number;
  elapsedMs: number;
  files: string[];
  /** The written answers' pages, when the class handed in notebooks. */
  answersPage?: string;
  out: string;
}): string[] {
  const { summary } = input.gradebook;
  const mean = classMean(input.gradebook);
  const shard = input.gradebook.shard;
  // With --team, the other teams' rows are as an earlier run stored them: counted, so the parts
  // add up to the whole.
  const others = summary.teams - input.graded - input.reused;
  const kept = others > 0 ? `, ${others} not asked for (--team) and left as stored` : "";
  const lines = [
    `${shard ? `Shard ${shard.index}/${shard.count}: ` : ""}${summary.teams} ${summary.teams === 1 ? "team" : "teams"} in the gradebook (${input.graded} graded now, ${input.reused} unchanged and reused${kept}) in ${formatDuration(input.elapsedMs)}`,
    `pass ${summary.pass}, fail ${summary.fail}, error ${summary.error}${mean}; ${summary.students} ${summary.students === 1 ? "student" : "students"}`,
  ];
  if (input.gradebook.skipped.length > 0) {
    lines.push(
      `Skipped ${input.gradebook.skipped.length}: ${printable(input.gradebook.skipped.map((s) => `${s.name} (${s.reason})`).join("; "), { oneLine: true })}`,
    );
  }
  const { warnings } = input.gradebook;
  for (const warning of warnings.slice(0, MAX_WARNINGS)) lines.push(`Warning: ${warning}`);
  if (warnings.length > MAX_WARNINGS) {
    lines.push(`... and ${warnings.length - MAX_WARNINGS} more warnings in gradebook.json`);
  }
  lines.push(`Gradebook: ${input.files.filter((f) => !f.endsWith("index.html")).join(", ")}`);
  const index = input.files.find((f) => f.endsWith("index.html"));
  if (index) lines.push(`Class page: ${index}`);
  if (input.answersPage) {
    lines.push(
      `Written answers, by question: ${input.answersPage} (save manual-scores.json there, then grade --manual FILE)`,
    );
  }
  if (summary.teams > 0) {
    lines.push(
      `For the students: ${input.out}/<team>/ (report.html, its figures, gradescope.json)`,
      `For you only: ${input.out}/${INSTRUCTOR_FOLDER}/<team>/ (result.json with the hidden checks' inputs, grading.json)`,
    );
  }
  if (shard) lines.push("Join the parts with: spikegrade merge OUT...");
  return lines;
}

/**
 * Shows a grading run as it goes: on a terminal, finished teams scroll above a progress bar that
 * is redrawn in place (and each second, for the clock); elsewhere (a log, CI) one plain line per
 * team as it finishes.
 */
export class ProgressDisplay {
  private total = 0;
  private done = 0;
  private failed = 0;
  private errors = 0;
  private toGrade = 0;
  private gradedDone = 0;
  private nameWidth = 0;
  private readonly started = Date.now();
  private gradingStarted = Date.now();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly tty: boolean,
  ) {}

  event(event: GradeEvent): void {
    if (event.kind === "plan") {
      this.total = event.teams.length;
      this.toGrade = event.toGrade.length;
      this.nameWidth = Math.min(30, Math.max(0, ...event.teams.map((t) => t.length)));
      this.gradingStarted = Date.now();
      if (event.skipped.length > 0) {
        const list = event.skipped.map((s) => `${s.name} (${s.reason})`).join("; ");
        this.write(`Skipped: ${printable(list, { oneLine: true })}\n`);
      }
      const n = event.teams.length;
      const teams = `${n} ${n === 1 ? "team" : "teams"}`;
      const reused = event.reused.length > 0 ? `, ${event.reused.length} unchanged (reused)` : "";
      this.write(
        event.toGrade.length === 0
          ? `Nothing to grade: ${teams} unchanged since ${n === 1 ? "its" : "their"} stored results\n`
          : `${teams}: ${event.toGrade.length} to grade${reused}, ${event.jobs} at a time\n`,
      );
      if (this.tty) {
        this.timer = setInterval(() => this.redraw(), 1000);
        this.timer.unref();
        this.redraw();
      }
      return;
    }
    this.done += 1;
    if (event.line.status === "fail") this.failed += 1;
    if (event.line.status === "error") this.errors += 1;
    if (!event.reused) this.gradedDone += 1;
    const text = teamLine(event.line, { ...event, nameWidth: this.nameWidth });
    if (this.tty) {
      this.write(`\r\u001b[2K${text}\n`);
      this.redraw();
    } else {
      this.write(`${text}\n`);
    }
  }

  /** Clears the bar: the summary follows. */
  finish(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.tty) this.write("\r\u001b[2K");
  }

  private redraw(): void {
    const elapsedMs = Date.now() - this.started;
    const gradingMs = Date.now() - this.gradingStarted;
    const remaining = this.toGrade - this.gradedDone;
    const leftMs =
      this.gradedDone > 0 && remaining > 0 ? (gradingMs / this.gradedDone) * remaining : undefined;
    const bar = progressBar({
      done: this.done,
      total: this.total,
      failed: this.failed,
      errors: this.errors,
      elapsedMs,
      leftMs,
    });
    // A bar wider than the terminal would wrap, and \r would then redraw only its last part.
    const columns = (this.stream as { columns?: number }).columns;
    this.write(`\r\u001b[2K${columns ? bar.slice(0, columns - 1) : bar}`);
  }

  private write(text: string): void {
    this.stream.write(text);
  }
}
