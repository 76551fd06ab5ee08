import { tally as tallyOf } from "../checks/run-checks.js";
import type { CheckReport, CheckResult, CheckStatus } from "../protocol/types.js";
import { anchorOf } from "./check-anchor.js";
import { escapeHtml as h } from "./escape-html.js";
import { formatPoints } from "./format.js";
import type { Audience, ReportView } from "./report-view.js";

/** The report's header: team, members, the verdict and score, what to fix first. */
export function reportHeader(report: CheckReport, view: ReportView, audience: Audience): string {
  const members =
    report.members.length > 0
      ? `<ul class="members">${report.members
          .map((m) => `<li>${h(m.name)} <span class="muted mono">(${h(m.id)})</span></li>`)
          .join("")}</ul>`
      : `<p class="members muted">No members listed: submission.json could not be read.</p>`;
  const counts = countStatuses(view.checks);
  const attention = view.checks.filter((c) => c.status === "fail" || c.status === "error");
  const { applicable } = tallyOf(view.checks);
  const headline = view.passed
    ? applicable === view.checks.length
      ? `All ${view.checks.length} checks pass`
      : `All ${applicable} checks that apply pass`
    : attention.length > 0
      ? `${attention.length} of ${view.checks.length} checks need attention`
      : "Not all checks ran";
  const tally = (["pass", "fail", "error", "skip"] as const)
    .filter((s) => counts[s] > 0)
    .map((s) => `<span>${counts[s]} ${STATUS_TALLY[s]}</span>`)
    .join("");
  const verdict = `<section class="verdict ${view.passed ? "passed" : "failed"}" aria-label="Verdict">
<p class="headline">${view.passed ? "\u2713" : "\u2717"} ${h(headline)}</p>
<p class="score">${formatPoints(view.score)} <small>of ${formatPoints(view.maxScore)} points${
    view.withheld > 0 ? " (public checks)" : ""
  }</small></p>
<p class="tally">${tally}</p>
</section>`;
  return `<header>
<p class="eyebrow">spikegrade report${audience === "instructor" ? " \u00b7 instructor" : ""}</p>
<h1>${h(report.team)}</h1>
${members}
${verdict}
${todoList(view, attention, audience)}
${hiddenNote(view, audience)}
</header>`;
}

const STATUS_TALLY: Record<CheckStatus, string> = {
  pass: "passed",
  fail: "failed",
  error: "broke (error)",
  skip: "skipped",
};

function countStatuses(checks: readonly CheckResult[]): Record<CheckStatus, number> {
  const counts = { pass: 0, fail: 0, error: 0, skip: 0 };
  for (const c of checks) counts[c.status]++;
  return counts;
}

/** The failing and broken checks first, each linked to its row, errors before failures. */
function todoList(view: ReportView, attention: readonly CheckResult[], audience: Audience): string {
  if (attention.length === 0) return "";
  const ordered = [
    ...attention.filter((c) => c.status === "error"),
    ...attention.filter((c) => c.status === "fail"),
  ];
  const items = ordered
    .map((c) => {
      const what =
        c.status === "error"
          ? `${audience === "student" ? "your" : "the"} code broke`
          : `lost ${formatPoints(c.maxPoints - c.points)} pt`;
      return `<li><a href="#${anchorOf(view, c)}">${h(c.title)}</a> <span class="muted">(${h(c.id)}: ${what})</span></li>`;
    })
    .join("\n");
  return `<section class="todo" aria-labelledby="todo-title">
<h2 id="todo-title">${audience === "student" ? "Fix these first" : "Needs attention"}</h2>
<ol>
${items}
</ol>
<p class="note">Errors first: a check that broke (a crash, a timeout, output of the wrong shape) can hide what the others would find. Each check below says what was measured and what was expected.</p>
</section>`;
}

function hiddenNote(view: ReportView, audience: Audience): string {
  if (view.hiddenCount === 0) return "";
  const n = view.hiddenCount;
  const checks = n === 1 ? "hidden check" : "hidden checks";
  if (audience === "instructor") {
    return `<p class="hidden-note">${n} ${checks} did not run in this report (run <code>spikegrade grade --hidden</code> to include them).</p>`;
  }
  const points = view.hiddenPoints === 1 ? "1 point" : `${formatPoints(view.hiddenPoints)} points`;
  return `<p class="hidden-note"><strong>${n} ${checks}</strong> (${points}) run when the submission is graded: they repeat checks of this list on inputs you have not seen, so a simulator that follows the protocol passes them too. The grade is out of ${formatPoints(view.maxScore + view.hiddenPoints)}. They are not shown here${
    view.withheld > 0 ? ", and neither their points nor their results count in the score above" : ""
  }.</p>`;
}
