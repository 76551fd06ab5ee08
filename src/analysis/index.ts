/**
 * Spike-train and stimulus measures: pure functions over plain arrays, times in ms, one concept
 * per file. Every measure ignores spikes outside its window (by default the canonical stimulus
 * window [50, 950) ms) and never throws on empty input: "no spike" gives 0 where 0 means
 * "nothing reliable" and NaN is kept for a mean over nothing (no event, no pair, no trial).
 */
export * from "./autocorrelation.js";
export * from "./bootstrap.js";
export * from "./coincidence.js";
export * from "./correlation-time.js";
export * from "./events.js";
export * from "./isi-rate.js";
export * from "./ou-statistics.js";
export * from "./panel-metrics.js";
export * from "./psth.js";
export * from "./rate.js";
export * from "./rcorr.js";
export * from "./window.js";
