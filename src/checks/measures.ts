import type { EventReliabilityOptions } from "../analysis/events.js";
import type { AnalysisWindow } from "../analysis/window.js";
import type { ParameterValues, Rubric } from "../protocol/types.js";
import type { Validation } from "../protocol/validation.js";
import { ParameterReader } from "./parameters.js";

/**
 * The parameters of every measure, as the rubric names them (docs/contract.md, "The checks"): the analysis
 * window, the event detection of reliability and precision, rcorr's filter, Gamma's coincidence
 * window and the bootstrap of figure1.contrast. Times in ms.
 */
export interface MeasureSettings {
  window: AnalysisWindow;
  events: Omit<EventReliabilityOptions, "startMs" | "endMs">;
  rcorr: { sigmaMs: number };
  coincidence: { deltaMs: number };
  bootstrap: { resamples: number; seed: number };
}

/** The rubric's `measures`, read and checked. */
export function readMeasures(rubric: Rubric): Validation<MeasureSettings> {
  const errors: { path: string; message: string }[] = [];
  const group = (name: string): ParameterReader => {
    const values: ParameterValues = rubric.measures[name] ?? {};
    if (rubric.measures[name] === undefined) {
      errors.push({ path: `measures.${name}`, message: `measures.${name} is missing` });
    }
    const reader = new ParameterReader(`measures.${name}`, values);
    return reader;
  };
  const positive = (what: string) => ({ above: 0, what });
  const window = group("window");
  const events = group("events");
  const rcorr = group("rcorr");
  const coincidence = group("coincidence");
  const bootstrap = group("bootstrap");
  const settings: MeasureSettings = {
    window: {
      startMs: window.number("startMs", { min: 0, what: "a time in ms" }),
      endMs: window.number("endMs", { min: 0, what: "a time in ms" }),
    },
    events: {
      binMs: events.number("binMs", positive("a bin width in ms")),
      kernelSdMs: events.number("kernelSdMs", positive("a kernel SD in ms")),
      minPeakFraction: events.number("minPeakFraction", { min: 0, max: 1, what: "a fraction" }),
      boundaryFraction: events.number("boundaryFraction", { min: 0, max: 1, what: "a fraction" }),
      maxHalfWidthMs: events.number("maxHalfWidthMs", positive("a half-width in ms")),
    },
    rcorr: { sigmaMs: rcorr.number("sigmaMs", positive("a filter SD in ms")) },
    coincidence: { deltaMs: coincidence.number("deltaMs", positive("a coincidence window in ms")) },
    bootstrap: {
      resamples: bootstrap.number("resamples", { min: 1, integer: true, what: "a count" }),
      seed: bootstrap.seed("seed"),
    },
  };
  for (const reader of [window, events, rcorr, coincidence, bootstrap]) {
    // Messages read "measures.window: parameters.startMs ..."; say it the rubric's way.
    for (const e of reader.errors) {
      errors.push({
        path: e.path,
        message: e.message.replace(/^check (measures\.\w+): parameters\./, "$1."),
      });
    }
  }
  if (errors.length === 0 && !(settings.window.endMs > settings.window.startMs)) {
    errors.push({
      path: "measures.window",
      message: `measures.window ends at ${settings.window.endMs} ms, not after its start at ${settings.window.startMs} ms`,
    });
  }
  return errors.length === 0 ? { ok: true, value: settings } : { ok: false, errors };
}
