import { createHash } from "node:crypto";
import { doesNotApply } from "../checks/verdict.js";
import type { CheckStatus } from "../protocol/types.js";
import { escapeHtml as h } from "./escape-html.js";
import { formatDate, formatPoints } from "./format.js";
import { pageHead } from "./page-head.js";
import { CLASS_INDEX_CSS } from "./stylesheet.js";

/**
 * OUT/index.html, the class at a glance: a summary line, the score distribution as a histogram,
 * the pass rate of each check, and a table of the teams (sortable by any column) with a mark per
 * check and a link to each team's report. One self-contained page: inline style, inline SVG, one
 * small inline script that only sorts the table (allowed by its hash, nothing else may run).
 * Everything that comes from a submission (team names, members, messages) is HTML-escaped.
 */

/** One student. */
export interface ClassIndexMember {
  id: string;
  name: string;
}

/** One check of one team. */
export interface ClassIndexCheckResult {
  id: string;
  status: CheckStatus;
  points: number;
  maxPoints: number;
}

/** One team's line. */
export interface ClassIndexTeam {
  team: string;
  members: readonly ClassIndexMember[];
  score: number;
  maxScore: number;
  /** pass: every check passed; fail: graded, some check did not pass; error: it could not be graded. */
  status: "pass" | "fail" | "error";
  /** Why it failed or broke, in one line. */
  message?: string;
  checks: readonly ClassIndexCheckResult[];
  /** The team's report relative to the page. Default `<team>/report.html`. */
  report?: string;
}

/** A check column, in the rubric's order. */
export interface ClassIndexColumn {
  id: string;
  title: string;
  visibility?: "public" | "hidden";
}

/** What the page shows: the grader's gradebook, or any object of this shape. */
export interface ClassIndexGradebook {
  checks: readonly ClassIndexColumn[];
  teams: readonly ClassIndexTeam[];
  /** Folders that were not graded, and why. */
  skipped?: readonly { name: string; reason: string }[];
  /** Things an instructor should look at. */
  warnings?: readonly string[];
  generatedBy?: { version: string };
}

export interface ClassIndexOptions {
  /** The page's title. Default "spikegrade: the class at a glance". */
  title?: string;
  /** When the grading ran; left out by default, so the same grades give the same page. */
  generatedAt?: Date;
}

// ---------------------------------------------------------------------------------------------
// What the page computes.

/** One bar of the score histogram: teams whose score lies in [low, high) (the last bar: [low, high]). */
export interface ScoreBin {
  label: string;
  low: number;
  high: number;
  count: number;
}

export interface ScoreHistogram {
  /** "points": one bar per whole score; "percent": ten bars of the maximum's tenths. */
  unit: "points" | "percent";
  bins: ScoreBin[];
}

/** The most bars of whole points; a larger maximum is binned in tenths. */
const MAX_POINT_BARS = 40;

/**
 * The score distribution: one bar per whole score 0..max when every team has the same whole
 * maximum (at most 40) and whole scores; otherwise ten bars of the fraction of each team's own
 * maximum (0-10%, ..., 90-100%, a full score in the last).
 */
export function scoreHistogram(
  teams: readonly Pick<ClassIndexTeam, "score" | "maxScore">[],
): ScoreHistogram {
  const max = teams.length > 0 ? teams[0].maxScore : 0;
  const whole =
    teams.length > 0 &&
    Number.isInteger(max) &&
    max >= 1 &&
    max <= MAX_POINT_BARS &&
    teams.every(
      (t) => t.maxScore === max && Number.isInteger(t.score) && t.score >= 0 && t.score <= max,
    );
  if (whole) {
    const bins = Array.from({ length: max + 1 }, (_, k) => ({
      label: String(k),
      low: k,
      high: k + 1,
      count: 0,
    }));
    for (const t of teams) bins[t.score].count++;
    return { unit: "points", bins };
  }
  const bins = Array.from({ length: 10 }, (_, k) => ({
    label: `${k * 10}%`,
    low: k * 10,
    high: (k + 1) * 10,
    count: 0,
  }));
  for (const t of teams) {
    const fraction = t.maxScore > 0 ? Math.min(1, Math.max(0, t.score / t.maxScore)) : 0;
    // The epsilon keeps 0.7 * 10 = 6.999... out of the bar below.
    bins[Math.min(9, Math.floor(fraction * 10 + 1e-9))].count++;
  }
  return { unit: "percent", bins };
}

/** How one check went across the class. */
export interface CheckPassRate {
  id: string;
  title: string;
  hidden: boolean;
  pass: number;
  fail: number;
  error: number;
  /** Not run (after an earlier failure) though it was worth points. */
  skip: number;
  /** Teams it applied to: every team that has it, less those for which it was worth nothing (skipped as not applicable). */
  applicable: number;
}

/** The pass rate of each column: passes over the teams the check applied to. */
export function checkPassRates(
  gradebook: Pick<ClassIndexGradebook, "checks" | "teams">,
): CheckPassRate[] {
  return gradebook.checks.map((column) => {
    const rate: CheckPassRate = {
      id: column.id,
      title: column.title,
      hidden: column.visibility === "hidden",
      pass: 0,
      fail: 0,
      error: 0,
      skip: 0,
      applicable: 0,
    };
    for (const team of gradebook.teams) {
      const result = team.checks.find((c) => c.id === column.id);
      if (result === undefined || doesNotApply(result)) continue;
      rate.applicable++;
      rate[result.status]++;
    }
    return rate;
  });
}

// ---------------------------------------------------------------------------------------------
// The page.

/** The table's sorting: the only script on the page. Rows tie-break by team name. */
const SORT_SCRIPT = `(function () {
  var table = document.getElementById("teams");
  if (!table) return;
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var body = table.tBodies[0];
  function key(row, col, numeric) {
    var cell = row.cells[col];
    var value = cell.getAttribute("data-sort");
    if (value === null) value = cell.textContent.trim();
    return numeric ? Number(value) : value.toLowerCase();
  }
  headers.forEach(function (th, col) {
    var button = th.querySelector("button");
    if (!button) return;
    button.addEventListener("click", function () {
      var numeric = th.getAttribute("data-type") === "number";
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = key(a, col, numeric), y = key(b, col, numeric);
        var c = numeric ? x - y : x < y ? -1 : x > y ? 1 : 0;
        if (c === 0) return key(a, 0, false) < key(b, 0, false) ? -1 : 1;
        return ascending ? c : -c;
      });
      headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
})();`;

const SCRIPT_HASH = createHash("sha256").update(SORT_SCRIPT).digest("base64");

const STATUS: Record<CheckStatus, { symbol: string; word: string; rank: number }> = {
  error: { symbol: "!", word: "error", rank: 0 },
  fail: { symbol: "\u2717", word: "fail", rank: 1 },
  skip: { symbol: "\u2013", word: "skipped", rank: 2 },
  pass: { symbol: "\u2713", word: "pass", rank: 3 },
};

const TEAM_STATUS_RANK = { error: 0, fail: 1, pass: 2 } as const;

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
      contentSecurityPolicy: `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${SCRIPT_HASH}'`,
    }),
    "<main>",
    `<header>\n<p class="eyebrow">spikegrade \u00b7 instructor</p>\n<h1>${h(title)}</h1>\n${summaryLine(teams)}\n</header>`,
    warningsSection(gradebook.warnings),
    teams.length === 0
      ? '<p class="muted">No team was graded.</p>'
      : [
          '<div class="overview">',
          histogramSection(scoreHistogram(teams), teams),
          passRateSection(checkPassRates({ checks: gradebook.checks, teams })),
          "</div>",
          teamsSection(gradebook.checks, teams),
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

function summaryLine(teams: readonly ClassIndexTeam[]): string {
  const students = teams.reduce((n, t) => n + t.members.length, 0);
  const count = (s: ClassIndexTeam["status"]) => teams.filter((t) => t.status === s).length;
  const parts = [
    `${teams.length} ${teams.length === 1 ? "team" : "teams"}`,
    `${students} ${students === 1 ? "student" : "students"}`,
  ];
  if (teams.length > 0) {
    const mean = teams.reduce((s, t) => s + t.score, 0) / teams.length;
    const maxima = [...new Set(teams.map((t) => t.maxScore))];
    const of = maxima.length === 1 ? ` of ${formatPoints(maxima[0])}` : "";
    parts.push(`mean score ${formatPoints(mean)}${of}`);
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

// The histogram, as inline SVG.

const PLOT = { width: 460, height: 230, left: 44, right: 10, top: 16, bottom: 44 };

function histogramSection(histogram: ScoreHistogram, teams: readonly ClassIndexTeam[]): string {
  const { bins } = histogram;
  const most = Math.max(1, ...bins.map((b) => b.count));
  const top = niceCeiling(most);
  const plotW = PLOT.width - PLOT.left - PLOT.right;
  const plotH = PLOT.height - PLOT.top - PLOT.bottom;
  const slot = plotW / bins.length;
  const barW = Math.max(2, slot * 0.8);
  const y = (count: number) => PLOT.top + plotH - (count / top) * plotH;
  const ticks = countTicks(top);
  // Every label when they fit; otherwise every 2nd, 5th or 10th.
  const every = [1, 2, 5, 10].find((k) => slot * k >= 22) ?? 10;
  const parts: string[] = [];
  for (const t of ticks) {
    parts.push(
      `<line class="grid" x1="${PLOT.left}" x2="${PLOT.left + plotW}" y1="${r(y(t))}" y2="${r(y(t))}"/>`,
      `<text class="tick" x="${PLOT.left - 6}" y="${r(y(t))}" text-anchor="end" dominant-baseline="middle">${t}</text>`,
    );
  }
  bins.forEach((bin, k) => {
    const cx = PLOT.left + slot * (k + 0.5);
    if (bin.count > 0) {
      parts.push(
        `<rect class="bar" x="${r(cx - barW / 2)}" y="${r(y(bin.count))}" width="${r(barW)}" height="${r(y(0) - y(bin.count))}"><title>${h(binTitle(histogram, bin))}</title></rect>`,
        `<text class="count" x="${r(cx)}" y="${r(y(bin.count) - 4)}" text-anchor="middle">${bin.count}</text>`,
      );
    }
    if (k % every === 0 || k === bins.length - 1) {
      parts.push(
        `<text class="tick" x="${r(cx)}" y="${r(y(0) + 14)}" text-anchor="middle">${h(bin.label)}</text>`,
      );
    }
  });
  parts.push(
    `<line class="axis" x1="${PLOT.left}" x2="${PLOT.left + plotW}" y1="${r(y(0))}" y2="${r(y(0))}"/>`,
    `<text class="label" x="${PLOT.left + plotW / 2}" y="${PLOT.height - 6}" text-anchor="middle">${
      histogram.unit === "points" ? "Score (points)" : "Score (% of the maximum, bars of 10%)"
    }</text>`,
    `<text class="label" transform="translate(12 ${PLOT.top + plotH / 2}) rotate(-90)" text-anchor="middle">Teams</text>`,
  );
  const description = bins
    .filter((b) => b.count > 0)
    .map((b) => binTitle(histogram, b))
    .join("; ");
  return `<section class="card" aria-labelledby="histogram-title">
<h2 id="histogram-title">Scores</h2>
<svg class="histogram" viewBox="0 0 ${PLOT.width} ${PLOT.height}" width="${PLOT.width}" height="${PLOT.height}" role="img" aria-labelledby="histogram-svg-title histogram-svg-desc">
<title id="histogram-svg-title">Score distribution of ${teams.length} ${teams.length === 1 ? "team" : "teams"}</title>
<desc id="histogram-svg-desc">${h(description)}</desc>
${parts.join("\n")}
</svg>
${scoreNote(teams)}
</section>`;
}

/** The median and mean under the histogram, and what a broken team scored. */
function scoreNote(teams: readonly ClassIndexTeam[]): string {
  const scores = teams.map((t) => t.score).sort((a, b) => a - b);
  const mid = Math.floor(scores.length / 2);
  const median = scores.length % 2 === 1 ? scores[mid] : (scores[mid - 1] + scores[mid]) / 2;
  const mean = scores.reduce((s, x) => s + x, 0) / scores.length;
  const maxima = [...new Set(teams.map((t) => t.maxScore))];
  const of = maxima.length === 1 ? ` of ${formatPoints(maxima[0])}` : "";
  const broke = teams.filter((t) => t.status === "error").length;
  const brokeNote =
    broke > 0
      ? ` ${broke} ${broke === 1 ? "team" : "teams"} broke and ${broke === 1 ? "is" : "are"} counted at what ${broke === 1 ? "it" : "they"} earned.`
      : "";
  return `<p class="small muted">Median ${formatPoints(median)}, mean ${formatPoints(mean)}${of} points.${brokeNote}</p>`;
}

function binTitle(histogram: ScoreHistogram, bin: ScoreBin): string {
  const teams = `${bin.count} ${bin.count === 1 ? "team" : "teams"}`;
  if (histogram.unit === "points") return `${teams} scored ${bin.label}`;
  const last = bin.high >= 100;
  return `${teams} scored ${bin.low}% to ${last ? "100% inclusive" : `under ${bin.high}%`}`;
}

/** 1, 2, 5 times a power of ten, at or above n. */
function niceCeiling(n: number): number {
  for (let p = 1; ; p *= 10) {
    for (const m of [1, 2, 5]) if (m * p >= n) return m * p;
  }
}

/** Whole-number ticks from 0 to top, at most 5 intervals. */
function countTicks(top: number): number[] {
  const step = [1, 2, 5, 10, 20, 50, 100, 200, 500].find((s) => top / s <= 5) ?? Math.ceil(top / 5);
  const ticks: number[] = [];
  for (let t = 0; t <= top; t += step) ticks.push(t);
  return ticks;
}

// The pass rate of each check, as stacked bars with their counts in words.

function passRateSection(rates: readonly CheckPassRate[]): string {
  const rows = rates.map((rate) => {
    const n = rate.applicable;
    const pct = (k: number) => (n > 0 ? (100 * k) / n : 0);
    const segments = (["pass", "fail", "error", "skip"] as const)
      .filter((s) => rate[s] > 0)
      .map((s) => `<span class="seg ${s}" style="width:${pct(rate[s]).toFixed(2)}%"></span>`)
      .join("");
    const counts = (["fail", "error", "skip"] as const)
      .filter((s) => rate[s] > 0)
      .map((s) => `${rate[s]} ${STATUS[s].word}`)
      .join(", ");
    const text =
      n === 0
        ? "applied to no team"
        : `${rate.pass} of ${n} pass (${Math.round(pct(rate.pass))}%)${counts ? `; ${counts}` : ""}`;
    const hidden = rate.hidden ? ' <span class="tag">hidden</span>' : "";
    return `<tr>
<th scope="row"><span class="mono">${h(rate.id)}</span>${hidden}<span class="check-title">${h(rate.title)}</span></th>
<td class="rate"><span class="track" role="img" aria-label="${h(text)}">${segments}</span><span class="rate-text">${h(text)}</span></td>
</tr>`;
  });
  return `<section class="card" aria-labelledby="rates-title">
<h2 id="rates-title">Pass rate of each check</h2>
<p class="legend small"><span class="key pass"></span>pass <span class="key fail"></span>fail <span class="key error"></span>error <span class="key skip"></span>not run; out of the teams each check applied to.</p>
<table class="rates">
<tbody>
${rows.join("\n")}
</tbody>
</table>
</section>`;
}

// The teams.

function teamsSection(
  columns: readonly ClassIndexColumn[],
  teams: readonly ClassIndexTeam[],
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
  ].join("")}</tr>`;
  const rows = teams.map((t) => teamRow(t, columns));
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

function teamRow(team: ClassIndexTeam, columns: readonly ClassIndexColumn[]): string {
  const members =
    team.members.length > 0
      ? team.members
          .map((m) => `${h(m.name)} <span class="muted mono">${h(m.id)}</span>`)
          .join("<br>")
      : '<span class="muted">none listed</span>';
  const names = team.members.map((m) => m.name).join(", ");
  const fraction = team.maxScore > 0 ? team.score / team.maxScore : 0;
  const status = STATUS[team.status];
  const message =
    team.message && team.status === "error" ? `<span class="why">${h(team.message)}</span>` : "";
  const cells = columns.map((column) => {
    const result = team.checks.find((c) => c.id === column.id);
    if (result === undefined) {
      return `<td class="mark-cell" data-sort="-1" title="${h(`${column.id}: not run for this team`)}"><span class="mark none" aria-hidden="true">\u00b7</span><span class="sr">not run</span></td>`;
    }
    const s = STATUS[result.status];
    const notApplicable = doesNotApply(result);
    const word = notApplicable ? "not applicable" : s.word;
    const label = `${column.id}: ${word}, ${formatPoints(result.points)} of ${formatPoints(result.maxPoints)} points`;
    return `<td class="mark-cell" data-sort="${s.rank}" title="${h(label)}"><span class="mark ${result.status}" aria-hidden="true">${s.symbol}</span><span class="sr">${h(word)}</span></td>`;
  });
  return `<tr class="${team.status}">
<th scope="row" data-sort="${h(team.team)}"><a href="${h(reportHref(team))}">${h(team.team)}</a></th>
<td data-sort="${h(names)}">${members}</td>
<td class="num" data-sort="${fraction}"><strong>${formatPoints(team.score)}</strong> <span class="muted">/ ${formatPoints(team.maxScore)}</span><span class="pct muted">${Math.round(100 * fraction)}%</span></td>
<td data-sort="${TEAM_STATUS_RANK[team.status]}"${team.message ? ` title="${h(team.message)}"` : ""}><span class="badge ${team.status}"><span aria-hidden="true">${status.symbol}</span> ${status.word.toUpperCase()}</span>${message}</td>
${cells.join("")}
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

/** An SVG coordinate: a tenth of a pixel is finer than any screen shows. */
function r(value: number): string {
  return String(Number(value.toFixed(1)));
}
