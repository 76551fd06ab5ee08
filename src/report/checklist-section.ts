import type { CheckResult, Tolerances } from "../protocol/types.js";
import { chanceNote } from "./chance-text.js";
import { anchorOf } from "./check-anchor.js";
import { checkComparisons } from "./check-comparisons.js";
import { comparisonTable } from "./comparison-table.js";
import { escapeHtml as h } from "./escape-html.js";
import { figureOfCheck } from "./figures.js";
import type { ShownFigure } from "./figures-section.js";
import { formatPoints } from "./format.js";
import { type Audience, type ReportView, splitHint } from "./report-view.js";
import { statusBadge } from "./status-badge.js";

/** Every check the audience may see, in the order they ran, each with its values and its figure. */
export function checklistSection(
  view: ReportView,
  audience: Audience,
  figures: readonly ShownFigure[],
  tolerances?: Tolerances,
): string {
  const rows = view.checks.map((c) => checkRow(view, c, audience, figures, tolerances)).join("\n");
  return `<section aria-labelledby="checks-title">
<h2 id="checks-title">Checklist</h2>
${view.checks.length === 0 ? '<p class="muted">No check ran.</p>' : `<ol class="checks">\n${rows}\n</ol>`}
</section>`;
}

function checkRow(
  view: ReportView,
  check: CheckResult,
  audience: Audience,
  figures: readonly ShownFigure[],
  tolerances?: Tolerances,
): string {
  const hiddenTag =
    audience === "instructor" && check.visibility === "hidden"
      ? '<span class="tag">hidden</span>'
      : "";
  const head = `<div class="check-head">
${statusBadge(check.status)}
<h3>${h(check.title)}<span class="check-id mono">${h(check.id)}</span>${hiddenTag}</h3>
<span class="points">${formatPoints(check.points)} / ${formatPoints(check.maxPoints)} pt</span>
</div>`;
  const table = comparisonTable(checkComparisons(check), tolerances);
  // A failure's values are the point of its row; a pass's are there for whoever wants them.
  const open = check.status === "fail" || check.status === "error";
  const body = open
    ? `${table}\n${rawDetails(check, "All measured and expected values")}`
    : table === ""
      ? rawDetails(check, "All measured and expected values")
      : `<details><summary>Measured values</summary>\n${table}\n${rawDetails(check, "As JSON")}\n</details>`;
  return `<li class="check ${check.status}" id="${anchorOf(view, check)}">
${head}
${messageBlock(check)}${chanceNote(check)}
${body}
${figureLink(check, figures)}
</li>`;
}

function figureLink(check: CheckResult, figures: readonly ShownFigure[]): string {
  // The figures show the public inputs; a hidden check ran on others.
  if (check.visibility === "hidden") return "";
  const key = figureOfCheck(check.id);
  const figure = figures.find((f) => f.key === key);
  if (!figure) return "";
  return `<p class="figure-link"><a href="#figure-${figure.key}">See the figure: ${h(figure.title)} \u2193</a></p>`;
}

const PROBLEM_LABELS: Record<"fail" | "error", string> = {
  fail: "What was found:",
  error: "What broke:",
};

function messageBlock(check: CheckResult): string {
  if (check.message === "") return "";
  if (check.status !== "fail" && check.status !== "error") {
    return `<p class="message">${h(check.message)}</p>`;
  }
  const { finding, hint } = splitHint(check.message);
  return `<div class="problem">
<p><span class="label">${PROBLEM_LABELS[check.status]}</span> ${h(finding)}</p>${
    hint
      ? `\n<p class="hint"><span class="label">What to check:</span> ${h(capitalise(hint))}</p>`
      : ""
  }
</div>`;
}

function rawDetails(check: CheckResult, summary: string): string {
  if (check.observed === undefined && check.expected === undefined) return "";
  const parts: string[] = [];
  if (check.observed !== undefined) parts.push(`observed: ${compactJson(check.observed)}`);
  if (check.expected !== undefined) parts.push(`expected: ${compactJson(check.expected)}`);
  return `<details><summary>${h(summary)}</summary><pre>${h(parts.join("\n\n"))}</pre></details>`;
}

/** JSON with two-space indentation, but short arrays and objects kept on one line. */
function compactJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\[\s+([^[\]{}]*?)\s+\]/g, (_, inner: string) =>
    inner.length < 80 ? `[${inner.replace(/\s*\n\s*/g, " ")}]` : `[\n${inner}\n]`,
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
