/**
 * The checklist as GitHub-flavoured Markdown, for a CI's job summary (`check --summary FILE`,
 * which a GitHub workflow points at $GITHUB_STEP_SUMMARY): the terminal's score line and words
 * (checklist.ts), a table of every check, and each message to act on in a code block, where
 * nothing a simulator printed can turn into markup. GitHub refuses a step's summary over 1 MiB
 * and shows nothing of it then, so what is written here stays well below that.
 */

import type { CheckReport, CheckResult } from "../protocol/types.js";
import { statusWord, summaryLines } from "./checklist.js";
import { printable } from "./terminal-text.js";

const EMOJI: Record<CheckResult["status"], string> = {
  pass: "✅",
  fail: "❌",
  error: "⚠️",
  skip: "➖",
};

/** The most the summary takes, in bytes of UTF-8: half of GitHub's 1 MiB for one step. */
export const SUMMARY_BYTES = 512 * 1024;

/** A message longer than this (in characters) is cut in the summary; the report has it whole. */
export const MESSAGE_CHARACTERS = 4000;

/**
 * text shown literally on one line (a table cell, a list item): line breaks become spaces,
 * control characters are written out, and every character Markdown or HTML would act on is
 * escaped.
 */
export function markdownText(text: string): string {
  return printable(text.replace(/\s*\n\s*/g, " "), { oneLine: true })
    .replace(/&/g, "&amp;")
    .replace(/[\\`*_{}[\]()<>#+\-.!|~]/g, "\\$&");
}

/** text in a fenced code block whose fence no run of backticks in text can close. */
export function codeBlock(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}text\n${text}\n${fence}`;
}

/** A check's message as the summary shows it: printable, and cut after MESSAGE_CHARACTERS. */
function shownMessage(message: string): string {
  const characters = Array.from(printable(message));
  if (characters.length <= MESSAGE_CHARACTERS) return characters.join("");
  return `${characters.slice(0, MESSAGE_CHARACTERS).join("")}\n… (cut here: the report has the whole message)`;
}

function label(status: CheckResult["status"]): string {
  return `${EMOJI[status]} ${statusWord(status)}`;
}

function table(checks: readonly CheckResult[]): string {
  const rows = checks.map(
    (c) =>
      `| ${label(c.status)} | ${markdownText(c.id)} | ${markdownText(c.title)} | ${c.points}/${c.maxPoints} |`,
  );
  return ["| | check | what it checks | points |", "|---|---|---|--:|", ...rows].join("\n");
}

/** A failed or erring check: its heading, then its message whole, in a code block. */
function problem(check: CheckResult): string {
  return [
    `### ${label(check.status)}: ${markdownText(check.id)} (${check.points}/${check.maxPoints})`,
    markdownText(check.title),
    codeBlock(shownMessage(check.message)),
  ].join("\n\n");
}

/** Checks of one status folded away, one line each: what the passes measured, why skips were. */
function folded(checks: readonly CheckResult[], status: "pass" | "skip"): string | undefined {
  const these = checks.filter((c) => c.status === status);
  if (these.length === 0) return undefined;
  const what = status === "pass" ? "passed: what they measured" : "skipped: why";
  const items = these.map((c) => `- **${markdownText(c.id)}**: ${markdownText(c.message)}`);
  return [
    `<details><summary>${label(status)}: ${these.length} ${these.length === 1 ? "check" : "checks"} ${what}</summary>`,
    "",
    ...items,
    "",
    "</details>",
  ].join("\n");
}

/**
 * The job summary of one `check`: the score, a table of every check, each failure's message,
 * the passes and skips folded away, and where the report is (reportPath, as the reader finds it
 * from the submission's folder). Sections that would take the summary past SUMMARY_BYTES are
 * left out, and the summary says so.
 */
export function checklistMarkdown(report: CheckReport, reportPath: string): string {
  const [score, ...rest] = summaryLines(
    { ...report, hiddenChecks: report.hiddenChecks ?? 0, hiddenPoints: report.hiddenPoints ?? 0 },
    { color: false },
  );
  const head = [
    `## spikegrade check: ${markdownText(report.team)}`,
    `**${markdownText(score)}**${rest.map((line) => `\\\n${markdownText(line)}`).join("")}`,
    table(report.checks),
  ].join("\n\n");
  const foot = `The report, with the figures and the log: ${markdownText(reportPath)}`;
  const sections = [
    ...report.checks.filter((c) => c.status === "fail" || c.status === "error").map(problem),
    folded(report.checks, "pass"),
    folded(report.checks, "skip"),
  ].filter((s): s is string => s !== undefined);
  return `${withinBudget(head, sections, foot)}\n`;
}

/** head, as many sections as fit in SUMMARY_BYTES, a note of those left out, then foot. */
function withinBudget(head: string, sections: readonly string[], foot: string): string {
  const bytes = (text: string) => Buffer.byteLength(text, "utf8") + 2;
  let used = bytes(head) + bytes(foot) + 200;
  const kept: string[] = [];
  for (const section of sections) {
    if (used + bytes(section) > SUMMARY_BYTES) break;
    kept.push(section);
    used += bytes(section);
  }
  const left = sections.length - kept.length;
  const note =
    left === 0
      ? []
      : [`… ${left} more ${left === 1 ? "section is" : "sections are"} in the report.`];
  return [head, ...kept, ...note, foot].join("\n\n");
}
