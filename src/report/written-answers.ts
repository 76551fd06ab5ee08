import { plural } from "../protocol/plural.js";
import type { GradebookManual, GradebookQuestionColumn } from "../protocol/types.js";
import { escapeHtml as h } from "./escape-html.js";
import { formatPoints } from "./format.js";

/**
 * The written answers' part of the pages: what a team reads of the points and comments its
 * answers were given by hand, and how a total with questions still to score is said.
 */

/** "2 questions not scored yet": said wherever a total is shown that is not yet a grade. */
export function notScoredNote(notScored: number): string {
  return `${plural(notScored, "question")} not scored yet`;
}

/** Where the section sits in report.html, so that a later merge replaces it whole. */
const START = "<!-- spikegrade:written-answers -->";
const END = "<!-- /spikegrade:written-answers -->";
const FOOTER = "\n<footer>";

/** The section "Written answers" of a team's report: each question's points and comment. */
export function writtenAnswersSection(
  manual: GradebookManual,
  columns: readonly GradebookQuestionColumn[],
): string {
  const titles = new Map(columns.map((c) => [c.id, c.title]));
  const items = manual.questions.map((q) => {
    const points =
      q.points === null
        ? '<span class="muted">not scored yet</span>'
        : `<strong>${formatPoints(q.points)}</strong> of ${formatPoints(q.maxPoints)} ${q.maxPoints === 1 ? "point" : "points"}`;
    const comment =
      q.comment === undefined || q.comment.trim() === ""
        ? ""
        : `\n<p class="comment">${h(q.comment)}</p>`;
    return `<li><p><span class="mono">${h(q.id)}</span> ${h(titles.get(q.id) ?? "")}: ${points}</p>${comment}</li>`;
  });
  const questionsMax = manual.questions.reduce((s, q) => s + q.maxPoints, 0);
  const given = manual.questions.reduce((s, q) => s + (q.points ?? 0), 0);
  const pending = manual.notScored > 0 ? ` (${notScoredNote(manual.notScored)})` : "";
  return `${START}
<section aria-labelledby="written-title">
<h2 id="written-title">Written answers</h2>
<p>The checks: ${formatPoints(manual.checksScore)} of ${formatPoints(manual.checksMaxScore)} points. The written answers, graded by hand: ${formatPoints(given)} of ${formatPoints(questionsMax)} points${h(pending)}.</p>
<ol class="written-answers">
${items.join("\n")}
</ol>
</section>
${END}`;
}

/**
 * report.html with its written answers' section set to section (before the footer), or taken
 * out when section is undefined; any section an earlier merge put there is replaced.
 */
export function withWrittenAnswers(html: string, section: string | undefined): string {
  const start = html.indexOf(START);
  const end = html.indexOf(END);
  const bare =
    start >= 0 && end > start ? html.slice(0, start - 1) + html.slice(end + END.length) : html;
  if (section === undefined) return bare;
  const at = bare.lastIndexOf(FOOTER);
  if (at < 0) return bare;
  return `${bare.slice(0, at)}\n${section}${bare.slice(at)}`;
}
