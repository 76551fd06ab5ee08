import { formatBand } from "../checks/band-text.js";
import type { Comparison, Tolerances } from "../protocol/types.js";
import { chanceText } from "./chance-text.js";
import { escapeHtml as h } from "./escape-html.js";
import { formatLevel, formatNumber } from "./format.js";

/** A check's comparisons as a table: each measure, the values observed with the check's in-band flags, the band, and where the band comes from. */
export function comparisonTable(
  comparisons: readonly Comparison[],
  tolerances?: Tolerances,
): string {
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
