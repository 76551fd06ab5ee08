import { BOOTSTRAP_DEFAULTS } from "../analysis/bootstrap.js";
import { COINCIDENCE_DEFAULTS } from "../analysis/coincidence.js";
import { EVENT_RELIABILITY_DEFAULTS } from "../analysis/events.js";
import { RCORR_DEFAULTS } from "../analysis/rcorr.js";
import type { ParameterValues } from "../protocol/types.js";

/** The measure parameters every check and every tolerance uses (docs/contract.md: "named in the rubric"). */
export function measureParameters(): Record<string, ParameterValues> {
  const { startMs, endMs } = EVENT_RELIABILITY_DEFAULTS;
  return {
    window: { startMs, endMs },
    events: {
      binMs: EVENT_RELIABILITY_DEFAULTS.binMs,
      kernelSdMs: EVENT_RELIABILITY_DEFAULTS.kernelSdMs,
      minPeakFraction: EVENT_RELIABILITY_DEFAULTS.minPeakFraction,
      boundaryFraction: EVENT_RELIABILITY_DEFAULTS.boundaryFraction,
      maxHalfWidthMs: EVENT_RELIABILITY_DEFAULTS.maxHalfWidthMs,
    },
    rcorr: { sigmaMs: RCORR_DEFAULTS.sigmaMs },
    coincidence: { deltaMs: COINCIDENCE_DEFAULTS.deltaMs },
    bootstrap: { resamples: BOOTSTRAP_DEFAULTS.resamples, seed: BOOTSTRAP_DEFAULTS.seed },
  };
}
