import { checkPassRates } from "./check-pass-rates.js";
import {
  type ClassIndexGradebook,
  type ClassIndexTeam,
  gradedTeams,
  meanPercent,
} from "./class-gradebook.js";
import { escapeHtml as h } from "./escape-html.js";
import { formatDate, formatPoints } from "./format.js";
import { histogramSection } from "./histogram-section.js";
import { pageHead } from "./page-head.js";
import { passRateSection } from "./pass-rate-section.js";
import { scoreHistogram } from "./score-histogram.js";
import { SORT_SCRIPT, SORT_SCRIPT_HASH } from "./sort-script.js";
import { CLASS_INDEX_CSS } from "./stylesheet.js";
import { teamsSection } from "./teams-section.js";

export type { ClassIndexGradebook, ClassIndexTeam } from "./class-gradebook.js";

/**
 * OUT/index.html, the class at a glance: a summary line, the score distribution as a histogram,
 * the pass rate of each check, and a table of the teams (sortable by any column) with a mark per
 * check and a link to each team's report. One self-contained page: inline style, inline SVG, one
 * small inline script that only sorts the table (allowed by its hash, nothing else may run).
 * Everything that comes from a submission (team names, members, messages) is HTML-escaped. Each
 * section is a module of its own (histogram-section.ts, pass-rate-section.ts, teams-section.ts).
 */

export interface ClassIndexOptions {
  /** The page's title. Default "spikegrade: the class at a glance". */
  title?: string;
  /** When the grading ran; left out by default, so the same grades give the same page. */
  generatedAt?: Date;
}

/** The class page as one HTML document. */
export function renderClassIndex(
  gradebook: ClassIndexGradebook,
  options: ClassIndexOptions = {},
): string {
  const title = options.title ?? "spikegrade: the class at a glance";
  const teams = [...gradebook.teams].sort((a, b) =>
    a.team < b.team ? -1 : a.team > b.team ? 1 : 0,
  );
  const version = gradebook.generatedBy?.version;
  const made = [
    `Made by spikegrade${version ? ` ${h(version)}` : ""}`,
    options.generatedAt ? ` on ${h(formatDate(options.generatedAt))}` : "",
  ].join("");
  return [
    ...pageHead({
      title,
      css: CLASS_INDEX_CSS,
      // Nothing remote, and no script but the table's own sorting.
      contentSecurityPolicy: `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${SORT_SCRIPT_HASH}'`,
    }),
    "<main>",
    `<header>\n<p class="eyebrow">spikegrade \u00b7 instructor</p>\n<h1>${h(title)}</h1>\n${summaryLine(teams)}\n</header>`,
    warningsSection(gradebook.warnings),
    teams.length === 0
      ? '<p class="muted">No team was graded.</p>'
      : [
          '<div class="overview">',
          scoresSection(teams),
          passRateSection(checkPassRates({ checks: gradebook.checks, teams })),
          "</div>",
          teamsSection(gradebook.checks, teams, gradebook.questions),
        ].join("\n"),
    skippedSection(gradebook.skipped),
    `<footer>${made}. Each team's report opens from its folder, offline.</footer>`,
    "</main>",
    `<script>${SORT_SCRIPT}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/**
 * The score histogram of the teams whose score is a grade: a team with written answers not scored
 * yet is left out (its total would count them as 0), and the card says how many are.
 */
function scoresSection(teams: readonly ClassIndexTeam[]): string {
  const complete = gradedTeams(teams);
  const waiting = teams.length - complete.length;
  const note =
    waiting === 0
      ? ""
      : `<p class="small muted">${waiting} ${waiting === 1 ? "team is" : "teams are"} left out until ${waiting === 1 ? "its" : "their"} written answers are all scored.</p>`;
  if (complete.length === 0) {
    return `<section class="card" aria-labelledby="histogram-title"><h2 id="histogram-title">Scores</h2>\n${note}</section>`;
  }
  return histogramSection(scoreHistogram(complete), complete, note);
}

function summaryLine(teams: readonly ClassIndexTeam[]): string {
  const students = teams.reduce((n, t) => n + t.members.length, 0);
  const count = (s: ClassIndexTeam["status"]) => teams.filter((t) => t.status === s).length;
  const parts = [
    `${teams.length} ${teams.length === 1 ? "team" : "teams"}`,
    `${students} ${students === 1 ? "student" : "students"}`,
  ];
  if (teams.length > 0) {
    const maxima = [...new Set(teams.map((t) => t.maxScore))].sort((a, b) => a - b);
    const graded = gradedTeams(teams);
    if (graded.length === 0) {
      parts.push("no mean until the written answers are scored");
    } else if (maxima.length === 1) {
      const mean = graded.reduce((s, t) => s + t.score, 0) / graded.length;
      parts.push(`mean score ${formatPoints(mean)} of ${formatPoints(maxima[0])}`);
    } else {
      // Scores out of different maxima do not average: each team's percentage does.
      parts.push(
        `mean ${meanPercent(teams)}% of the attainable points (teams are scored out of ${maxima.map(formatPoints).join(", ")})`,
      );
    }
    parts.push(
      `<span class="st pass">\u2713 ${count("pass")} passed</span>`,
      `<span class="st fail">\u2717 ${count("fail")} failed</span>`,
      `<span class="st error">! ${count("error")} broke</span>`,
    );
  }
  return `<p class="summary">${parts.join('<span class="sep"> \u00b7 </span>')}</p>`;
}

function warningsSection(warnings: readonly string[] | undefined): string {
  if (!warnings || warnings.length === 0) return "";
  return `<section class="warnings" aria-labelledby="warnings-title">
<h2 id="warnings-title">Worth a look</h2>
<ul>${warnings.map((w) => `<li>${h(w)}</li>`).join("")}</ul>
</section>`;
}

function skippedSection(skipped: ClassIndexGradebook["skipped"]): string {
  if (!skipped || skipped.length === 0) return "";
  return `<section aria-labelledby="skipped-title">
<h2 id="skipped-title">Not graded</h2>
<ul class="skipped">${skipped
    .map((s) => `<li><code>${h(s.name)}</code>: ${h(s.reason)}</li>`)
    .join("")}</ul>
</section>`;
}
