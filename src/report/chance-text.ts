import { fmt } from "../checks/verdict.js";
import type { CheckResult } from "../protocol/types.js";
import { escapeHtml as h } from "./escape-html.js";

/**
 * Under a failed check, how often a correct simulator fails it by chance (what a student who
 * believes their code is right asks first).
 */
export function chanceNote(check: CheckResult): string {
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
export function chanceText(p: number): string {
  if (p <= 0) return "no faithful variant of the calibration falls outside";
  return `a faithful value falls outside about 1 time in ${timesText(p)}`;
}
