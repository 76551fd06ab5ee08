import { formatBand } from "../checks/band-text.js";
import { fmt } from "../checks/verdict.js";
import { validate } from "../protocol/schemas.js";
import type {
  CheckReport,
  CheckResult,
  CheckStatus,
  PanelMetrics,
  Tolerances,
} from "../protocol/types.js";
import { type Comparison, checkComparisons } from "./check-comparisons.js";
import { escapeHtml as h } from "./escape-html.js";
import { FIGURE_KEYS, FIGURES, figureOfCheck, type ReportFigure } from "./figures.js";
import { formatDate, formatLevel, formatNumber, formatPoints, NOT_MEASURED } from "./format.js";
import { type ImageMode, type ImageSource, imageSource } from "./image-source.js";
import { defaultIsolationNote } from "./isolation-note.js";
import { logExcerpt } from "./log-excerpt.js";
import { pageHead } from "./page-head.js";
import { type Audience, type ReportView, reportView, splitHint } from "./report-view.js";
import { REPORT_CSS } from "./stylesheet.js";

/**
 * One team's report as a single self-contained HTML page: the verdict and score, what to fix
 * first, the checklist with every observed value beside the band it was compared with, the
 * Figure 1 measures beside the reference's, the figures, how the code was run and what it
 * printed. No script, no network: style inline, figures embedded as data: URIs or linked as
 * PNG files next to the page. Everything that comes from the student is HTML-escaped.
 */

/**
 * Figures and extras a report shows; each is optional. A figure (figures.ts FIGURES) is PNG bytes
 * or the name of a PNG next to the page.
 */
export interface ReportAssets extends Partial<Record<ReportFigure, Buffer | string>> {
  /** What the simulator printed; overrides report.log. */
  log?: string;
  /** What the isolation blocks and why it was chosen (the simulator's isolationNote). */
  isolationNote?: string;
  /** The reference's Figure 1 measures, shown beside the submission's. */
  referenceMetrics?: { A: PanelMetrics; B: PanelMetrics };
  /** reference/tolerances.json: the reference's median and range beside each measure. */
  tolerances?: Tolerances;
}

export interface ReportOptions {
  /**
   * "student" (default): hidden checks are not shown, only counted, and the score is that of
   * the public checks; "instructor": every check, marked hidden where it is.
   */
  audience?: Audience;
  /**
   * "embed" (default): figures given as bytes become data: URIs; "link": they are linked as
   * REPORT_IMAGE_FILES next to the page, which the caller writes (reportImageFiles). A figure
   * given as a file name is always linked.
   */
  images?: ImageMode;
  /** Device pixels per layout pixel of the figures given as bytes. Default 2. */
  imageScale?: number;
  /** The most characters of the log shown. Default 20000. */
  maxLogChars?: number;
  /** When the report was made. Default now. */
  generatedAt?: Date;
  /** spikegrade's version, when the report does not carry one. */
  version?: string;
}

const DEFAULTS = { imageScale: 2, maxLogChars: 20_000 };

/** A CheckReport that does not match its schema: nothing is rendered from it. */
export class InvalidReportError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`the check report cannot be rendered: ${problems.join("; ")}`);
    this.name = "InvalidReportError";
    this.problems = problems;
  }
}

/** The figures given as bytes, with the file names "link" mode refers to them by. */
export function reportImageFiles(assets: ReportAssets): { fileName: string; png: Buffer }[] {
  const out: { fileName: string; png: Buffer }[] = [];
  for (const key of FIGURE_KEYS) {
    const asset = assets[key];
    if (Buffer.isBuffer(asset)) out.push({ fileName: FIGURES[key].fileName, png: asset });
  }
  return out;
}

/**
 * The report as an HTML page. The report is validated against the check-report schema first
 * (InvalidReportError lists what is wrong); a figure that is neither PNG bytes nor a plain
 * relative .png name is a RangeError.
 */
export function renderReportHtml(
  report: CheckReport,
  assets: ReportAssets = {},
  options: ReportOptions = {},
): string {
  const checked = validate("check-report", report);
  if (!checked.ok) throw new InvalidReportError(checked.errors.map((e) => e.message));
  const audience = options.audience ?? "student";
  const view = reportView(checked.value, audience);
  const images = {
    mode: options.images ?? "embed",
    scale: options.imageScale ?? DEFAULTS.imageScale,
  };
  const figures = collectFigures(assets, images.mode, images.scale);
  const version = report.spikegradeVersion ?? options.version ?? "unknown";
  const generatedAt = options.generatedAt ?? new Date();
  const title = `spikegrade report: ${report.team}`;
  return [
    ...pageHead({
      title,
      css: REPORT_CSS,
      // No script, no remote anything: the page may only show its own inline style and images.
      contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; img-src data: 'self'",
    }),
    "<main>",
    headerSection(checked.value, view, audience),
    checklistSection(view, audience, figures, assets.tolerances),
    metricsSection(checked.value, assets),
    figuresSection(figures),
    runSection(checked.value, assets),
    logSection(checked.value, assets, view, audience, options.maxLogChars ?? DEFAULTS.maxLogChars),
    `<footer>Made by spikegrade ${h(version)} on ${h(formatDate(generatedAt))}${
      audience === "instructor" ? " \u00b7 instructor's copy: includes hidden checks" : ""
    }.</footer>`,
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------
// Header: team, members, verdict, what to fix first.

const STATUS_WORDS: Record<CheckStatus, { symbol: string; word: string }> = {
  pass: { symbol: "\u2713", word: "PASS" },
  fail: { symbol: "\u2717", word: "FAIL" },
  error: { symbol: "!", word: "ERROR" },
  skip: { symbol: "\u2013", word: "SKIPPED" },
};

function badge(status: CheckStatus): string {
  const { symbol, word } = STATUS_WORDS[status];
  return `<span class="badge ${status}"><span aria-hidden="true">${symbol}</span> ${word}</span>`;
}

function headerSection(report: CheckReport, view: ReportView, audience: Audience): string {
  const members =
    report.members.length > 0
      ? `<ul class="members">${report.members
          .map((m) => `<li>${h(m.name)} <span class="muted mono">(${h(m.id)})</span></li>`)
          .join("")}</ul>`
      : `<p class="members muted">No members listed: submission.json could not be read.</p>`;
  const counts = countStatuses(view.checks);
  const attention = view.checks.filter((c) => c.status === "fail" || c.status === "error");
  const headline = view.passed
    ? `All ${view.checks.length} checks pass`
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
  return `<p class="hidden-note"><strong>${n} ${checks}</strong> run when the submission is graded: they repeat checks of this list on inputs you have not seen, so a simulator that follows the protocol passes them too. They are not shown here${
    view.withheld > 0 ? ", and neither their points nor their results count in the score above" : ""
  }.</p>`;
}

// ---------------------------------------------------------------------------------------------
// The checklist.

function anchorOf(view: ReportView, check: CheckResult): string {
  const index = view.checks.indexOf(check);
  const slug = check.id.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return `check-${index + 1}-${slug}`;
}

function checklistSection(
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
${badge(check.status)}
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

function comparisonTable(comparisons: readonly Comparison[], tolerances?: Tolerances): string {
  if (comparisons.length === 0) return "";
  const rows = comparisons.map((c) => {
    const observed =
      c.observed.length === 0
        ? '<span class="muted">not measured</span>'
        : c.observed.map((o) => observedCell(o.label, o.value, o.inBand, c)).join("");
    return `<tr><td>${h(c.measure)}</td><td class="num">${observed}</td><td class="num">${h(bandText(c))}</td><td class="small muted">${h(spreadText(c, tolerances))}</td></tr>`;
  });
  return `<table class="values">
<thead><tr><th scope="col">Measure</th><th scope="col">Yours</th><th scope="col">Accepted</th><th scope="col">From the reference's spread</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>`;
}

function observedCell(
  label: string | undefined,
  value: number | null,
  inBand: boolean,
  c: Comparison,
): string {
  const prefix = label ? `${h(label)}: ` : "";
  if (value === null)
    return `<span class="obs">${prefix}<span class="out">\u2717 none</span></span>`;
  const text = `${formatNumber(value)}${c.unit ? ` ${c.unit}` : ""}`;
  if (inBand) {
    return `<span class="obs">${prefix}${h(text)} <span class="in">\u2713 in range</span></span>`;
  }
  const side = c.low !== undefined && value < c.low ? "too low" : "too high";
  return `<span class="obs">${prefix}<strong>${h(text)}</strong> <span class="out">\u2717 ${side}</span></span>`;
}

/** The band as every message prints it (src/checks/band-text.ts). */
function bandText(c: Comparison): string {
  return formatBand(c);
}

/** "quantiles 0.1% and 99.9% (median 13.15 Hz)" of the reference's spread. */
function spreadText(c: Comparison, tolerances?: Tolerances): string {
  const levels = [c.lowerQuantile, c.upperQuantile].filter((q): q is number => q !== undefined);
  const parts: string[] = [];
  if (levels.length === 2)
    parts.push(`${formatLevel(levels[0])} to ${formatLevel(levels[1])} quantiles`);
  else if (levels.length === 1) parts.push(`${formatLevel(levels[0])} quantile`);
  const spread = tolerances?.measures[c.tolerance];
  const median = spread?.quantiles["0.5"];
  if (median !== undefined)
    parts.push(`median ${formatNumber(median)}${c.unit ? ` ${c.unit}` : ""}`);
  if (spread) parts.push(`n = ${spread.n}`);
  if (c.falseRejectProbability !== undefined) parts.push(chanceText(c.falseRejectProbability));
  return parts.length > 0 ? parts.join("; ") : c.tolerance;
}

/**
 * Under a failed check, how often a correct simulator fails it by chance (what a student who
 * believes their code is right asks first).
 */
function chanceNote(check: CheckResult): string {
  const p = check.falseRejectProbability;
  if (check.status !== "fail" || p === undefined) return "";
  const said =
    p <= 0
      ? "A correct simulator never fails this check by chance: its bands hold every faithful variant of the calibration."
      : `A correct simulator fails this check by chance about 1 time in ${timesText(p)}.`;
  return `\n<p class="small muted">${h(said)}</p>`;
}

function timesText(p: number): string {
  const times = 1 / p;
  return times >= 1e6
    ? `${fmt(times / 1e6, 2)} million`
    : times >= 1e3
      ? `${fmt(times / 1e3, 2)} thousand`
      : fmt(times, 2);
}

/** "a faithful value falls outside 1 time in 8.6 million", or "never" for an envelope. */
function chanceText(p: number): string {
  if (p <= 0) return "no faithful variant of the calibration falls outside";
  return `a faithful value falls outside about 1 time in ${timesText(p)}`;
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

// ---------------------------------------------------------------------------------------------
// Figure 1 measures.

const METRICS: { key: keyof PanelMetrics; name: string; unit: string; digits: number }[] = [
  { key: "reliability", name: "Reliability", unit: "", digits: 2 },
  { key: "precisionMs", name: "Precision", unit: "ms", digits: 2 },
  { key: "rcorr", name: "rcorr", unit: "", digits: 2 },
  { key: "rateHz", name: "Rate", unit: "Hz", digits: 1 },
];

function metricsSection(report: CheckReport, assets: ReportAssets): string {
  if (!report.metrics) return "";
  const metrics = report.metrics;
  const reference = assets.referenceMetrics;
  const tolerances = assets.tolerances;
  const showReference = reference !== undefined || tolerances !== undefined;
  const cell = (value: number | null | undefined, digits: number, unit: string) =>
    value === null || value === undefined || !Number.isFinite(value)
      ? NOT_MEASURED
      : h(`${value.toFixed(digits)}${unit ? ` ${unit}` : ""}`);
  const referenceCell = (panel: "A" | "B", m: (typeof METRICS)[number]) => {
    const spread = tolerances?.measures[`figure1.${panel}.${m.key}.single.dt0.5`];
    const value = reference?.[panel][m.key] ?? spread?.quantiles["0.5"];
    const lo = spread?.quantiles["0.001"];
    const hi = spread?.quantiles["0.999"];
    const range =
      lo !== undefined && hi !== undefined
        ? `<span class="range">${h(`${lo.toFixed(m.digits)} \u2013 ${hi.toFixed(m.digits)}`)}</span>`
        : "";
    return `${cell(value, m.digits, m.unit)}${range}`;
  };
  const head = showReference
    ? '<tr><th scope="col">Measure</th><th scope="col">A: yours</th><th scope="col">A: reference</th><th scope="col">B: yours</th><th scope="col">B: reference</th></tr>'
    : '<tr><th scope="col">Measure</th><th scope="col">Panel A</th><th scope="col">Panel B</th></tr>';
  const rows = METRICS.map((m) => {
    const a = cell(metrics.A[m.key], m.digits, m.unit);
    const b = cell(metrics.B[m.key], m.digits, m.unit);
    return showReference
      ? `<tr><td>${m.name}</td><td class="num">${a}</td><td class="num muted">${referenceCell("A", m)}</td><td class="num">${b}</td><td class="num muted">${referenceCell("B", m)}</td></tr>`
      : `<tr><td>${m.name}</td><td class="num">${a}</td><td class="num">${b}</td></tr>`;
  }).join("\n");
  const rangeNote = tolerances
    ? " Under each reference value, the range its faithful variants span over many noise seeds (0.1% to 99.9% quantiles)."
    : "";
  return `<section aria-labelledby="metrics-title">
<h2 id="metrics-title">Figure 1 measures</h2>
<p class="small muted">Panel A: a constant 150 pA step; panel B: the frozen fluctuating current. Measured over the stimulus window. Expect A to be unreliable (low reliability and rcorr) and B reliable and precise (high reliability and rcorr, precision under a millisecond).${rangeNote}</p>
<table class="metrics">
<thead>${head}</thead>
<tbody>
${rows}
</tbody>
</table>
</section>`;
}

// ---------------------------------------------------------------------------------------------
// Figures.

interface ShownFigure {
  key: ReportFigure;
  source: ImageSource;
  title: string;
  alt: string;
  caption: string;
}

function collectFigures(assets: ReportAssets, mode: ImageMode, scale: number): ShownFigure[] {
  const out: ShownFigure[] = [];
  for (const key of FIGURE_KEYS) {
    const asset = assets[key];
    if (asset === undefined) continue;
    const { fileName, title, alt, caption } = FIGURES[key];
    const source = imageSource(asset, key, mode, fileName, scale);
    out.push({ key, source, title, alt, caption });
  }
  return out;
}

function figuresSection(figures: readonly ShownFigure[]): string {
  if (figures.length === 0) return "";
  const items = figures.map((f) => {
    const size =
      f.source.width !== undefined && f.source.height !== undefined
        ? ` width="${f.source.width}" height="${f.source.height}"`
        : "";
    return `<figure id="figure-${f.key}">
<img src="${h(f.source.src)}" alt="${h(f.alt)}"${size}>
<figcaption>${f.caption}</figcaption>
</figure>`;
  });
  return `<section aria-labelledby="figures-title">
<h2 id="figures-title">Figures</h2>
${items.join("\n")}
</section>`;
}

// ---------------------------------------------------------------------------------------------
// How the code ran, and what it printed.

const LANGUAGES: Record<string, string> = {
  python: "Python",
  typescript: "TypeScript",
  javascript: "JavaScript",
  notebook: "Jupyter notebook (Python)",
  results: "results only (no code run)",
};

function runSection(report: CheckReport, assets: ReportAssets): string {
  const rows: string[] = [];
  if (report.entry !== undefined || report.language !== undefined) {
    const language = report.language ? (LANGUAGES[report.language] ?? report.language) : undefined;
    const entry = report.entry ? `<code>${h(report.entry)}</code>` : "";
    rows.push(
      `<dt>Entry</dt><dd>${entry}${language ? ` ${entry ? "\u00b7 " : ""}${h(language)}` : ""}</dd>`,
    );
  }
  if (report.manifestTeam !== undefined) {
    rows.push(
      `<dt>Team in submission.json</dt><dd><strong>${h(report.manifestTeam)}</strong>, but the folder is <strong>${h(report.team)}</strong>: the folder's name was used. Fix the "team" in submission.json.</dd>`,
    );
  }
  const note =
    assets.isolationNote ??
    (report.isolation !== undefined ? defaultIsolationNote(report.isolation) : undefined);
  if (report.isolation !== undefined) {
    rows.push(
      `<dt>Isolation</dt><dd><strong>${h(report.isolation)}</strong>${note ? `: ${h(note)}` : ""}</dd>`,
    );
  } else if (report.language === "results") {
    rows.push("<dt>Isolation</dt><dd>none needed: a results-only submission runs no code.</dd>");
  } else {
    rows.push("<dt>Isolation</dt><dd>not recorded: the simulator did not start.</dd>");
  }
  const warnings =
    report.warnings && report.warnings.length > 0
      ? `<p><strong>Worth knowing</strong> (costs no points):</p><ul class="warnings">${report.warnings
          .map((w) => `<li>${h(w)}</li>`)
          .join("")}</ul>`
      : "";
  return `<section aria-labelledby="run-title">
<h2 id="run-title">How your code was run</h2>
<div class="panel">
<dl>
${rows.join("\n")}
</dl>
${warnings}
<p class="note">Your simulator ran in its own process with a time limit per call, a memory limit and a cap on its output; what it printed went to the log below, never into the results.</p>
</div>
</section>`;
}

function logSection(
  report: CheckReport,
  assets: ReportAssets,
  view: ReportView,
  audience: Audience,
  maxChars: number,
): string {
  const head =
    '<section aria-labelledby="log-title">\n<h2 id="log-title">What your simulator printed</h2>';
  if (audience === "student" && view.withheld > 0) {
    // The log of a run with hidden checks holds whatever the simulator printed of their inputs.
    return `${head}\n<p class="muted">Not shown: this run included hidden checks, whose inputs the log could reveal.</p>\n</section>`;
  }
  const log = assets.log ?? report.log;
  if (log === undefined) return "";
  if (log.trim() === "")
    return `${head}\n<p class="muted">Nothing: the simulator printed no output.</p>\n</section>`;
  const excerpt = logExcerpt(log, maxChars);
  const note =
    excerpt.omittedChars > 0
      ? `<p class="note">The log is long: ${excerpt.omittedChars.toLocaleString("en-US")} characters from its middle are left out; its start and end are shown.</p>\n`
      : "";
  return `${head}
${note}<pre class="log" tabindex="0">${h(excerpt.text)}</pre>
</section>`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
