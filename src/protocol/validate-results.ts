/**
 * A results-only Figure 1 file beyond its schema: the stimulus window inside the trial, every
 * panel's current round(durationMs / dtMs) samples long, spike times finite and ascending in
 * [0, durationMs] ms, voltage traces (at most one per trial) as long as the current and finite.
 * validateResults runs schema and semantics.
 */

import { sampleCount } from "./canonical.js";
import { type ValidateOptions, validate } from "./schemas.js";
import type { Figure1Panel, Figure1Results } from "./types.js";
import { spikeTimesProblems, traceProblems, voltageProblems } from "./validate-response.js";
import { capErrors, type Validation, type ValidationError } from "./validation.js";

function panelProblems(
  panel: Figure1Panel,
  results: Figure1Results,
  path: string,
): ValidationError[] {
  const samples = sampleCount(results.durationMs, results.dtMs);
  const trials = panel.spikeTimesMs.length;
  const problems = traceProblems(
    panel.currentPa,
    samples,
    `${path}.currentPa`,
    `round(durationMs ${results.durationMs} / dtMs ${results.dtMs})`,
  );
  problems.push(
    ...spikeTimesProblems(
      panel.spikeTimesMs,
      results.durationMs,
      `${path}.spikeTimesMs`,
      trials,
      results.dtMs,
    ),
  );
  if (panel.voltageMv !== undefined) {
    problems.push(
      ...voltageProblems(panel.voltageMv, samples, trials, `${path}.voltageMv`, "one per trial"),
    );
  }
  return problems;
}

/** Problems of a schema-valid results file that its schema cannot express. */
export function resultsProblems(results: Figure1Results): ValidationError[] {
  const problems: ValidationError[] = [];
  if (results.onsetMs >= results.offsetMs) {
    problems.push({
      path: "offsetMs",
      message: `offsetMs is ${results.offsetMs}, not after onsetMs ${results.onsetMs}; the stimulus must last a while`,
    });
  }
  if (results.offsetMs > results.durationMs) {
    problems.push({
      path: "offsetMs",
      message: `offsetMs is ${results.offsetMs}, after the end of the trial at ${results.durationMs} ms`,
    });
  }
  problems.push(...panelProblems(results.panels.A, results, "panels.A"));
  problems.push(...panelProblems(results.panels.B, results, "panels.B"));
  return problems;
}

/** A parsed results file, checked against its schema and its semantics. */
export function validateResults(
  value: unknown,
  options: ValidateOptions = {},
): Validation<Figure1Results> {
  const checked = validate("results", value, options);
  if (!checked.ok) return checked;
  const problems = resultsProblems(checked.value);
  return problems.length === 0
    ? checked
    : { ok: false, errors: capErrors(problems, options.maxErrors) };
}
