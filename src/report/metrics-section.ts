import type { CheckReport, PanelMetrics } from "../protocol/types.js";
import { escapeHtml as h } from "./escape-html.js";
import { NOT_MEASURED } from "./format.js";
import type { ReportAssets } from "./report-assets.js";

const METRICS: { key: keyof PanelMetrics; name: string; unit: string; digits: number }[] = [
  { key: "reliability", name: "Reliability", unit: "", digits: 2 },
  { key: "precisionMs", name: "Precision", unit: "ms", digits: 2 },
  { key: "rcorr", name: "rcorr", unit: "", digits: 2 },
  { key: "rateHz", name: "Rate", unit: "Hz", digits: 1 },
];

/** The Figure 1 measures of panels A and B, beside the reference's and its spread where given. */
export function metricsSection(report: CheckReport, assets: ReportAssets): string {
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
