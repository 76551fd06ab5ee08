import type { CheckPassRate } from "./check-pass-rates.js";
import { escapeHtml as h } from "./escape-html.js";
import { STATUS_MARKS } from "./status-badge.js";

/** The pass rate of each check, as stacked bars with their counts in words. */
export function passRateSection(rates: readonly CheckPassRate[]): string {
  const rows = rates.map((rate) => {
    const n = rate.applicable;
    const pct = (k: number) => (n > 0 ? (100 * k) / n : 0);
    const segments = (["pass", "fail", "error", "skip"] as const)
      .filter((s) => rate[s] > 0)
      .map((s) => `<span class="seg ${s}" style="width:${pct(rate[s]).toFixed(2)}%"></span>`)
      .join("");
    const counts = (["fail", "error", "skip"] as const)
      .filter((s) => rate[s] > 0)
      .map((s) => `${rate[s]} ${STATUS_MARKS[s].word}`)
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
