import { tally } from "../checks/run-checks.js";
import type { CheckResult } from "../protocol/types.js";
import { printable } from "./terminal-text.js";

/** How the terminal shows things: colour only on a terminal that wants it (NO_COLOR is honoured). */
export interface Style {
  color: boolean;
}

export function terminalStyle(stream: NodeJS.WriteStream): Style {
  return {
    color: Boolean(stream.isTTY) && !("NO_COLOR" in process.env) && process.env.TERM !== "dumb",
  };
}

const SGR = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;

function paint(style: Style, code: keyof typeof SGR, text: string): string {
  return style.color ? `\u001b[${SGR[code]}m${text}\u001b[0m` : text;
}

const MARK: Record<CheckResult["status"], { mark: string; word: string; code: keyof typeof SGR }> =
  {
    pass: { mark: "✓", word: "pass", code: "green" },
    fail: { mark: "✗", word: "FAIL", code: "red" },
    error: { mark: "!", word: "ERROR", code: "red" },
    skip: { mark: "-", word: "skip", code: "yellow" },
  };

/** The word the checklist gives a status: "pass", "FAIL", "ERROR", "skip" (the Markdown one too). */
export function statusWord(status: CheckResult["status"]): string {
  return MARK[status].word;
}

/**
 * One line per check: mark, word (so the status never rests on colour alone), id, title and
 * points; the message beside a pass, under anything else, where it cannot be missed.
 */
export function checkLine(result: CheckResult, style: Style): string {
  const m = MARK[result.status];
  const head = `${paint(style, m.code, `${m.mark} ${m.word.padEnd(5)}`)} ${result.id.padEnd(18)} ${result.title}`;
  const points = paint(style, "dim", `  [${result.points}/${result.maxPoints}]`);
  if (result.status === "pass") {
    const said = result.message && result.message !== result.title;
    return `${head}${points}${said ? paint(style, "dim", `\n          ${printable(result.message, { oneLine: true })}`) : ""}`;
  }
  const message = printable(result.message)
    .split("\n")
    .map((line) => `          ${line}`)
    .join("\n");
  return `${head}${points}\n${result.status === "skip" ? paint(style, "dim", message) : message}`;
}

export interface Summary {
  score: number;
  maxScore: number;
  checks: CheckResult[];
  hiddenChecks: number;
  hiddenPoints: number;
}

/** The closing lines: score, what went wrong, the hidden checks still to come. */
export function summaryLines(summary: Summary, style: Style): string[] {
  const count = (status: CheckResult["status"]) =>
    summary.checks.filter((c) => c.status === status).length;
  const failed = count("fail");
  const errors = count("error");
  const problems = [
    failed > 0 ? `${failed} failed` : "",
    errors > 0 ? `${errors} ${errors === 1 ? "error" : "errors"}` : "",
  ].filter(Boolean);
  const { applicable } = tally(summary.checks);
  const notApplying = summary.checks.length - applicable;
  const allPassed =
    notApplying === 0
      ? "every check passed"
      : `every check that applies passed (${notApplying} do not apply to this submission)`;
  const verdict =
    problems.length === 0
      ? paint(style, "green", allPassed)
      : paint(style, "red", problems.join(", "));
  const lines = [
    `${paint(style, "bold", `Score ${summary.score}/${summary.maxScore}`)} — ${verdict}`,
  ];
  if (summary.hiddenChecks > 0) {
    const n = summary.hiddenChecks;
    const points = summary.hiddenPoints === 1 ? "1 point" : `${summary.hiddenPoints} points`;
    lines.push(
      `${n} hidden ${n === 1 ? "check" : "checks"} (${points}) ${n === 1 ? "runs" : "run"} only at grading, on inputs you have not seen: the grade is out of ${summary.maxScore + summary.hiddenPoints}.`,
    );
  }
  return lines;
}
