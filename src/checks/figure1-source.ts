import { type PanelMetrics, panelMetrics } from "../analysis/panel-metrics.js";
import {
  CANONICAL,
  CANONICAL_NEURON,
  canonicalOu,
  canonicalStep,
  sampleCount,
} from "../protocol/canonical.js";
import type { Figure1Panel, Figure1Results, StimulusRequest } from "../protocol/types.js";
import {
  askSimulate,
  askStimulus,
  overfullTrial,
  SubmissionBroke,
  simulateRequest,
} from "./ask.js";
import type { MeasureSettings } from "./measures.js";
import { CHECK_PROTOCOLS } from "./protocols.js";
import type { SimulatorSession } from "./session.js";
import { firstBadStepSample } from "./stimulus-step.js";
import { fmt } from "./verdict.js";

/** A Figure 1 panel and its measures, or why there is none. */
export type PanelOutcome =
  | { ok: true; panel: Figure1Panel; metrics: PanelMetrics }
  | { ok: false; message: string };

/** One panel B: its frozen current's seed (null for a results file's one panel) and outcome. */
export interface PanelB {
  stimulusSeed: number | null;
  outcome: PanelOutcome;
}

/** The seeds the public figure1 checks use: panel A's noises, panel B's currents and noise. */
export interface Figure1Defaults {
  aNoiseSeeds: number[];
  bStimulusSeeds: number[];
  bNoiseSeed: number;
}

export const FIGURE1_DEFAULTS: Figure1Defaults = {
  aNoiseSeeds: [...CHECK_PROTOCOLS.figure1.aNoiseSeeds],
  bStimulusSeeds: [...CHECK_PROTOCOLS.figure1.bStimulusSeeds],
  bNoiseSeed: CHECK_PROTOCOLS.figure1.bNoiseSeed,
};

/**
 * Where the figure1 checks get their panels: a simulator, whose panels are composed on demand and
 * kept (each panel once, however many checks use it), or a results file, which holds one A and
 * one B whatever seeds are asked for.
 */
export interface Figure1Source {
  readonly kind: "simulator" | "results";
  /** The trial's time step and stimulus window of the panels, ms. */
  readonly dtMs: number;
  readonly durationMs: number;
  readonly onsetMs: number;
  readonly offsetMs: number;
  panelA(noiseSeed: number): Promise<PanelOutcome>;
  panelsB(stimulusSeeds: readonly number[], noiseSeed: number): Promise<PanelB[]>;
}

function measure(panel: Figure1Panel, measures: MeasureSettings): PanelMetrics {
  return panelMetrics(panel.spikeTimesMs, {
    window: measures.window,
    events: measures.events,
    rcorr: measures.rcorr,
  });
}

/**
 * Panels from the submission's own simulator, as the contract's Figure 1 asks: its makeStimulus for the
 * canonical step or frozen current, then 25 trials of the canonical neuron at dt 0.5 ms with
 * intrinsic noise. The first panel of each set (panel A on the first noise seed, panel B on the
 * first frozen current of each check) records the voltage of its first 10 trials: the report
 * draws the public sets' first panels, and every set asks what the public ones ask. No check reads
 * a panel's voltage, and the other panels' would be some 2 MB of JSON a run, written by the
 * simulator and read by the grader for nothing.
 */
export class SimulatorFigure1 implements Figure1Source {
  readonly kind = "simulator";
  readonly dtMs = CANONICAL.dtMs;
  readonly durationMs = CANONICAL.durationMs;
  readonly onsetMs = CANONICAL.onsetMs;
  readonly offsetMs = CANONICAL.offsetMs;
  private readonly panels = new Map<string, Promise<PanelOutcome>>();

  constructor(
    private readonly session: SimulatorSession,
    private readonly measures: MeasureSettings,
    /** The noise seeds of panel A, whose first is drawn. */
    private readonly aNoiseSeeds: readonly number[] = FIGURE1_DEFAULTS.aNoiseSeeds,
  ) {}

  panelA(noiseSeed: number): Promise<PanelOutcome> {
    const first = noiseSeed === this.aNoiseSeeds[0];
    return this.panel(`A:${noiseSeed}`, canonicalStep(), noiseSeed, "panel A", first);
  }

  async panelsB(stimulusSeeds: readonly number[], noiseSeed: number): Promise<PanelB[]> {
    const out: PanelB[] = [];
    for (const [i, seed] of stimulusSeeds.entries()) {
      const outcome = await this.panel(
        `B:${seed}:${noiseSeed}`,
        canonicalOu(CANONICAL.dtMs, seed),
        noiseSeed,
        `panel B (frozen current of seed ${seed})`,
        i === 0,
      );
      out.push({ stimulusSeed: seed, outcome });
    }
    return out;
  }

  private panel(
    key: string,
    stimulus: StimulusRequest,
    noiseSeed: number,
    label: string,
    firstOfSet: boolean,
  ): Promise<PanelOutcome> {
    let pending = this.panels.get(key);
    if (pending === undefined) {
      const recordVoltage = firstOfSet ? CANONICAL.recordVoltage : 0;
      pending = this.compose(stimulus, noiseSeed, label, recordVoltage);
      this.panels.set(key, pending);
    }
    return pending;
  }

  private async compose(
    stimulus: StimulusRequest,
    noiseSeed: number,
    label: string,
    recordVoltage: number,
  ): Promise<PanelOutcome> {
    this.session.during = `composing ${label}`;
    await this.session.prepare();
    if (this.session.stopped !== undefined) return { ok: false, message: this.session.stopped };
    try {
      const currentPa = await askStimulus(this.session, stimulus);
      const request = simulateRequest(
        currentPa,
        stimulus.dtMs,
        CANONICAL_NEURON,
        CANONICAL.trials,
        noiseSeed,
        recordVoltage,
      );
      const response = await askSimulate(
        this.session,
        request,
        `${label}: ${CANONICAL.trials} trials of your own current, noise seed ${noiseSeed}`,
      );
      const panel: Figure1Panel = { currentPa, spikeTimesMs: response.spikeTimesMs };
      if (response.voltageMv !== undefined) panel.voltageMv = response.voltageMv;
      return { ok: true, panel, metrics: measure(panel, this.measures) };
    } catch (error) {
      if (error instanceof SubmissionBroke) return { ok: false, message: error.message };
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, message: `internal error in spikegrade: ${message}` };
    }
  }
}

const CANONICAL_STEPS = sampleCount(CANONICAL.durationMs, CANONICAL.dtMs);

/**
 * The most spikes a results file's panel is measured with: as many as a simulator's panel can
 * hold (25 trials of 2000 steps). rcorr sums over every pair of spikes closer than a few sigma
 * across all trials, so its cost grows with the square of the spikes: a second or two at this
 * many, and a file of 500 trials of 100000 spikes would never finish.
 */
const MAX_PANEL_SPIKES = CANONICAL.trials * CANONICAL_STEPS;

/**
 * The panels of a results-only submission. The tolerances were measured over the canonical
 * stimulus window, so a file whose window is another has no panel the checks can judge.
 */
export class ResultsFigure1 implements Figure1Source {
  readonly kind = "results";
  readonly dtMs: number;
  readonly durationMs: number;
  readonly onsetMs: number;
  readonly offsetMs: number;
  private readonly a: PanelOutcome;
  private readonly b: PanelOutcome;

  constructor(results: Figure1Results, measures: MeasureSettings) {
    this.dtMs = results.dtMs;
    this.durationMs = results.durationMs;
    this.onsetMs = results.onsetMs;
    this.offsetMs = results.offsetMs;
    const { startMs, endMs } = measures.window;
    const offWindow = results.onsetMs !== startMs || results.offsetMs !== endMs;
    const refuse = (): PanelOutcome => ({
      ok: false,
      message: `the results file's stimulus runs from ${results.onsetMs} to ${results.offsetMs} ms; the measures and tolerances are for the canonical ${startMs} to ${endMs} ms: rerun with onsetMs ${startMs} and offsetMs ${endMs}`,
    });
    const steps = sampleCount(results.durationMs, results.dtMs);
    const from = (panel: Figure1Panel, name: string): PanelOutcome => {
      if (offWindow) return refuse();
      const crowded = overfullTrial(panel.spikeTimesMs, steps);
      if (crowded !== undefined) {
        return {
          ok: false,
          message: `panels.${name}.spikeTimesMs[${crowded}] has ${panel.spikeTimesMs[crowded].length} spikes in a trial of ${steps} steps; a neuron fires at most once per step`,
        };
      }
      const spikes = panel.spikeTimesMs.reduce((sum, train) => sum + train.length, 0);
      if (spikes > MAX_PANEL_SPIKES) {
        return {
          ok: false,
          message: `panels.${name}.spikeTimesMs holds ${spikes} spikes over ${panel.spikeTimesMs.length} trials; at most ${MAX_PANEL_SPIKES} are measured, as many as a simulator's panel can hold (${CANONICAL.trials} trials of ${CANONICAL_STEPS} steps): does the neuron fire far more often than the canonical one?`,
        };
      }
      return { ok: true, panel, metrics: measure(panel, measures) };
    };
    const a = from(results.panels.A, "A");
    // Panel A's reliability is judged against the canonical step's, so it must carry that step.
    const step = { ...canonicalStep(results.dtMs), durationMs: results.durationMs };
    const bad = a.ok ? firstBadStepSample(results.panels.A.currentPa, step, 1e-3, 1) : undefined;
    this.a =
      bad === undefined
        ? a
        : {
            ok: false,
            message: `panels.A.currentPa[${bad.index}] (${fmt(bad.timeMs, 6)} ms) is ${fmt(bad.currentPa, 6)} pA where the canonical step is ${fmt(bad.expectedPa, 6)} pA (${step.meanPa} pA inside [${step.onsetMs}, ${step.offsetMs}) ms, 0 outside): panel A is the constant 150 pA step`,
          };
    this.b = from(results.panels.B, "B");
  }

  async panelA(): Promise<PanelOutcome> {
    return this.a;
  }

  async panelsB(): Promise<PanelB[]> {
    return [{ stimulusSeed: null, outcome: this.b }];
  }
}

/**
 * Composes Figure 1 once from a simulator: panel A, and panel B on every stimulus seed of the
 * defaults; the figure1 checks then share the panels.
 */
export async function composeFigure1(
  session: SimulatorSession,
  measures: MeasureSettings,
  defaults: Figure1Defaults = FIGURE1_DEFAULTS,
): Promise<SimulatorFigure1> {
  const source = new SimulatorFigure1(session, measures, defaults.aNoiseSeeds);
  for (const seed of defaults.aNoiseSeeds) await source.panelA(seed);
  await source.panelsB(defaults.bStimulusSeeds, defaults.bNoiseSeed);
  return source;
}
