import type { ClassIndexTeam } from "./class-gradebook.js";
import { escapeHtml as h } from "./escape-html.js";
import { formatPoints } from "./format.js";
import type { ScoreBin, ScoreHistogram } from "./score-histogram.js";

const PLOT = { width: 460, height: 230, left: 44, right: 18, top: 16, bottom: 44 };

/**
 * The score distribution as inline SVG, with a title and a description a screen reader reads.
 * One function because the bars, ticks and labels all share the same scales and slot widths.
 */
export function histogramSection(
  histogram: ScoreHistogram,
  teams: readonly ClassIndexTeam[],
  /** A line under the note, HTML (written here, never from a submission). */
  after = "",
): string {
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
  });
  parts.push(...scoreLabels(histogram, slot, every, y(0)));
  parts.push(
    `<line class="axis" x1="${PLOT.left}" x2="${PLOT.left + plotW}" y1="${r(y(0))}" y2="${r(y(0))}"/>`,
    `<text class="label" x="${PLOT.left + plotW / 2}" y="${PLOT.height - 6}" text-anchor="middle">${
      histogram.unit === "points" ? "Score (points)" : "Score (% of each team's maximum)"
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
${scoreNote(teams)}${after}
</section>`;
}

/**
 * The median and mean under the histogram (of the points where every team has one maximum, else
 * of each team's percentage, as the bars are), and what a broken team scored.
 */
function scoreNote(teams: readonly ClassIndexTeam[]): string {
  const maxima = [...new Set(teams.map((t) => t.maxScore))];
  const onePoints = maxima.length === 1;
  const values = teams
    .map((t) => (onePoints ? t.score : t.maxScore > 0 ? (100 * t.score) / t.maxScore : 0))
    .sort((a, b) => a - b);
  const mid = Math.floor(values.length / 2);
  const median = values.length % 2 === 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  const mean = values.reduce((s, x) => s + x, 0) / values.length;
  const broke = teams.filter((t) => t.status === "error").length;
  const brokeNote =
    broke > 0
      ? ` ${broke} ${broke === 1 ? "team" : "teams"} broke and ${broke === 1 ? "is" : "are"} counted at what ${broke === 1 ? "it" : "they"} earned.`
      : "";
  const said = onePoints
    ? `Median ${formatPoints(median)}, mean ${formatPoints(mean)} of ${formatPoints(maxima[0])} points.`
    : `Median ${median.toFixed(1)}%, mean ${mean.toFixed(1)}% of each team's maximum.`;
  return `<p class="small muted">${said}${brokeNote}</p>`;
}

/**
 * The labels under the bars, every `every`th: whole points label their bar; percentages label the
 * bars' edges, 0% to 100%, so the last bar (a full score) reads as 90 to 100%, not as 90%.
 */
function scoreLabels(
  histogram: ScoreHistogram,
  slot: number,
  every: number,
  baseline: number,
): string[] {
  const { bins } = histogram;
  const shown = (k: number, count: number) => k % every === 0 || k === count - 1;
  if (histogram.unit === "points") {
    return bins.flatMap((bin, k) =>
      shown(k, bins.length)
        ? [
            `<text class="tick" x="${r(PLOT.left + slot * (k + 0.5))}" y="${r(baseline + 14)}" text-anchor="middle">${h(bin.label)}</text>`,
          ]
        : [],
    );
  }
  const edges = [...bins.map((b) => b.low), bins[bins.length - 1]?.high ?? 100];
  return edges.flatMap((edge, k) => {
    if (!shown(k, edges.length)) return [];
    const x = r(PLOT.left + slot * k);
    return [
      `<line class="axis" x1="${x}" x2="${x}" y1="${r(baseline)}" y2="${r(baseline + 4)}"/>`,
      `<text class="tick" x="${x}" y="${r(baseline + 15)}" text-anchor="middle">${edge}%</text>`,
    ];
  });
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

/** An SVG coordinate: a tenth of a pixel is finer than any screen shows. */
function r(value: number): string {
  return String(Number(value.toFixed(1)));
}
