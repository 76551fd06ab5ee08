import type { PanelMetrics as PanelMetricsDocument } from "../protocol/types.js";
import {
  EVENT_RELIABILITY_DEFAULTS,
  type EventReliabilityOptions,
  eventReliability,
} from "./events.js";
import { meanRateHz } from "./rate.js";
import { RCORR_DEFAULTS, type RcorrOptions, rcorr } from "./rcorr.js";
import type { AnalysisWindow } from "./window.js";

/**
 * The four numbers a Figure 1 panel is summarised by, as computed: NaN where a measure has no
 * value (protocol's PanelMetrics, where the keys and their units are documented, has null there).
 */
export type PanelMetrics = PanelMetricsDocument<number>;

export interface PanelMetricsOptions {
  window: AnalysisWindow;
  events: Partial<EventReliabilityOptions>;
  rcorr: Partial<RcorrOptions>;
}

const PANEL_METRICS_DEFAULTS: PanelMetricsOptions = {
  window: { startMs: EVENT_RELIABILITY_DEFAULTS.startMs, endMs: EVENT_RELIABILITY_DEFAULTS.endMs },
  events: {},
  rcorr: { sigmaMs: RCORR_DEFAULTS.sigmaMs },
};

/** Reliability, precision, rcorr and rate of one panel's trials, all over the same window. */
export function panelMetrics(
  spikeTimesMs: readonly number[][],
  options: Partial<PanelMetricsOptions> = {},
): PanelMetrics {
  const o = { ...PANEL_METRICS_DEFAULTS, ...options };
  const events = eventReliability(spikeTimesMs, { ...o.events, ...o.window });
  return {
    reliability: events.reliability,
    precisionMs: events.precisionMs,
    rcorr: rcorr(spikeTimesMs, { ...o.rcorr, ...o.window }),
    rateHz: meanRateHz(spikeTimesMs, o.window),
  };
}
