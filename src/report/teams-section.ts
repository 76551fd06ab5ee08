import { doesNotApply } from "../checks/verdict.js";
import type { CheckStatus } from "../protocol/types.js";
import type { ClassIndexColumn, ClassIndexGradebook, ClassIndexTeam } from "./class-gradebook.js";
import { escapeHtml as h } from "./escape-html.js";
import { formatPoints } from "./format.js";
import { STATUS_MARKS, statusBadge } from "./status-badge.js";
import { notScoredNote } from "./written-answers.js";

/** How a mark sorts: the worst first. */
const STATUS_RANK: Record<CheckStatus, number> = { error: 0, fail: 1, skip: 2, pass: 3 };

const TEAM_STATUS_RANK = { error: 0, fail: 1, pass: 2 } as const;

/** The teams as a table, sortable by any column, with a mark per check. */
export function teamsSection(
  columns: readonly ClassIndexColumn[],
  teams: readonly ClassIndexTeam[],
  questions: readonly QuestionColumn[] = [],
): string {
  const header = (label: string, type: "text" | "number", extra = "", sorted = false) =>
    `<th scope="col" data-type="${type}"${sorted ? ' aria-sort="ascending"' : ""}${extra}><button type="button">${label}</button></th>`;
  const checkHeaders = columns.map((c) =>
    header(
      `<span class="vertical">${h(c.id)}${c.visibility === "hidden" ? " \u2020" : ""}</span>`,
      "number",
      ` class="check-col" title="${h(`${c.id}: ${c.title}${c.visibility === "hidden" ? " (hidden)" : ""}`)}"`,
    ),
  );
  const head = `<tr>${[
    header("Team", "text", "", true),
    header("Members", "text"),
    header("Score", "number", ' class="num"'),
    header("Status", "number"),
    ...checkHeaders,
    ...questions.map((q) =>
      header(
        `<span class="vertical">${h(q.id)}</span>`,
        "number",
        ` class="check-col" title="${h(`${q.id}: ${q.title} (${formatPoints(q.points)} points, graded by hand)`)}"`,
      ),
    ),
  ].join("")}</tr>`;
  const rows = teams.map((t) => teamRow(t, columns, questions));
  const hiddenNote = columns.some((c) => c.visibility === "hidden")
    ? " \u2020 marks a hidden check."
    : "";
  return `<section aria-labelledby="teams-title">
<h2 id="teams-title">Teams</h2>
<p class="small muted">Click a column's heading to sort by it; click again to reverse. Each check: <span class="mark pass">\u2713</span> pass, <span class="mark fail">\u2717</span> fail, <span class="mark error">!</span> error (the code broke), <span class="mark skip">\u2013</span> not run or not applicable.${hiddenNote}</p>
<div class="table-wrap">
<table id="teams" class="teams">
<thead>${head}</thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>
</div>
</section>`;
}

/** A question graded by hand, as a column of the table. */
type QuestionColumn = NonNullable<ClassIndexGradebook["questions"]>[number];

/** A question's cell: its points, or "not scored" (sorted first), never a 0 it was not given. */
function questionCell(team: ClassIndexTeam, question: QuestionColumn): string {
  const scored = team.manual?.questions.find((q) => q.id === question.id);
  if (scored === undefined || scored.points === null) {
    return `<td class="num" data-sort="-1" title="${h(`${question.id}: not scored yet`)}"><span class="muted">not scored</span></td>`;
  }
  const label = `${question.id}: ${formatPoints(scored.points)} of ${formatPoints(scored.maxPoints)} points`;
  return `<td class="num" data-sort="${scored.points}" title="${h(label)}">${formatPoints(scored.points)}</td>`;
}

/** The score's cell: the points, and the percent once nothing is left to score. */
function scoreCell(team: ClassIndexTeam): string {
  const fraction = team.maxScore > 0 ? team.score / team.maxScore : 0;
  const notScored = team.manual?.notScored ?? 0;
  const after =
    notScored > 0
      ? `<span class="pct muted">${h(notScoredNote(notScored))}</span>`
      : `<span class="pct muted">${Math.round(100 * fraction)}%</span>`;
  return `<td class="num" data-sort="${fraction}"><strong>${formatPoints(team.score)}</strong> <span class="muted">/ ${formatPoints(team.maxScore)}</span>${after}</td>`;
}

function teamRow(
  team: ClassIndexTeam,
  columns: readonly ClassIndexColumn[],
  questions: readonly QuestionColumn[],
): string {
  const members =
    team.members.length > 0
      ? team.members
          .map((m) => `${h(m.name)} <span class="muted mono">${h(m.id)}</span>`)
          .join("<br>")
      : '<span class="muted">none listed</span>';
  const names = team.members.map((m) => m.name).join(", ");
  const message =
    team.message && team.status === "error" ? `<span class="why">${h(team.message)}</span>` : "";
  const cells = columns.map((column) => {
    const result = team.checks.find((c) => c.id === column.id);
    if (result === undefined) {
      return `<td class="mark-cell" data-sort="-1" title="${h(`${column.id}: not run for this team`)}"><span class="mark none" aria-hidden="true">\u00b7</span><span class="sr">not run</span></td>`;
    }
    const { symbol, word: said } = STATUS_MARKS[result.status];
    const word = doesNotApply(result) ? "not applicable" : said;
    const label = `${column.id}: ${word}, ${formatPoints(result.points)} of ${formatPoints(result.maxPoints)} points`;
    return `<td class="mark-cell" data-sort="${STATUS_RANK[result.status]}" title="${h(label)}"><span class="mark ${result.status}" aria-hidden="true">${symbol}</span><span class="sr">${h(word)}</span></td>`;
  });
  return `<tr class="${team.status}">
<th scope="row" data-sort="${h(team.team)}"><a href="${h(reportHref(team))}">${h(team.team)}</a></th>
<td data-sort="${h(names)}">${members}</td>
${scoreCell(team)}
<td data-sort="${TEAM_STATUS_RANK[team.status]}"${team.message ? ` title="${h(team.message)}"` : ""}>${statusBadge(team.status)}${message}</td>
${cells.join("")}${questions.map((q) => questionCell(team, q)).join("")}
</tr>`;
}

/** The team's report as a relative link: each path segment percent-encoded, so no name can make it absolute or another scheme. */
export function reportHref(team: Pick<ClassIndexTeam, "team" | "report">): string {
  const path = team.report ?? `${team.team}/report.html`;
  return path
    .split("/")
    .filter((segment) => segment !== "" && segment !== "." && segment !== "..")
    .map(encodeURIComponent)
    .join("/");
}
