import { askSimulate, askStimulus, SimulatorSession, SubmissionBroke } from "../checks/index.js";
import { CANONICAL_NEURON } from "../protocol/canonical.js";
import type { PanelMetrics, SweepMapId, SweepSettings } from "../protocol/types.js";
import {
  mapPoints,
  measureTrials,
  pointStimulus,
  type SweepAxes,
  type SweepPoint,
} from "../reference/sweep-grid.js";
import type { IsolationRequest } from "../submission/call-result.js";
import { readSubmission } from "../submission/read-submission.js";
import { openSimulator, type Simulator } from "../submission/simulator.js";
import { SweepSetupError } from "./refusals.js";

export interface SubmissionSweepOptions {
  dir: string;
  /** Time limit of each simulator call, ms. */
  timeoutMs: number;
  isolation?: IsolationRequest;
  /** Told after each grid point: points done so far, of total. */
  onProgress?: (done: number, total: number) => void;
}

/** A submission's map: measures row by row (null: not run), and why it stopped short. */
export interface SubmissionMap {
  id: SweepMapId;
  measures: (PanelMetrics<number> | null)[];
  error?: string;
}

export interface SubmissionSweep {
  team: string;
  maps: SubmissionMap[];
}

/**
 * A student's simulator over the grid, one grid point at a time in its sandbox, asked as the
 * checks ask it: its own makeStimulus for each point's frozen current, then its simulateNeuron
 * for the trials, measured as the reference's are. The first failure stops the sweep; the maps
 * keep what was measured until then and say why.
 */
export async function sweepSubmission(
  settings: SweepSettings,
  axes: SweepAxes,
  ids: readonly SweepMapId[],
  options: SubmissionSweepOptions,
): Promise<SubmissionSweep> {
  const read = await readSubmission(options.dir, { teamFrom: "manifest" });
  if (!read.ok) {
    throw new SweepSetupError(
      `${options.dir} is not a submission spikegrade can sweep: ${read.errors.map((e) => e.message).join("; ")}`,
    );
  }
  const { submission } = read;
  if (submission.kind === "results") {
    throw new SweepSetupError(
      `${options.dir} hands in results only (${submission.file}): a sweep needs a simulator, with makeStimulus and simulateNeuron, to run at every grid point`,
    );
  }
  const simulator = await openSimulator({
    folder: submission.dir,
    entry: submission.file,
    timeoutMs: options.timeoutMs,
    isolation: options.isolation,
  });
  try {
    if (!simulator.loadCheck.ok) {
      const error = `the simulator did not load: ${simulator.loadCheck.message}`;
      return {
        team: submission.team,
        maps: ids.map((id) => ({
          id,
          measures: mapPoints(id, axes, settings).map(() => null),
          error,
        })),
      };
    }
    return {
      team: submission.team,
      maps: await runPoints(simulator, settings, axes, ids, options),
    };
  } finally {
    await simulator.close();
  }
}

/** Every map's points in turn on the loaded simulator, until the first failure. */
async function runPoints(
  simulator: Simulator,
  settings: SweepSettings,
  axes: SweepAxes,
  ids: readonly SweepMapId[],
  options: SubmissionSweepOptions,
): Promise<SubmissionMap[]> {
  const session = new SimulatorSession({
    call: (fn, request) => simulator.call(fn, request),
    language: simulator.language,
  });
  const perMap = ids.map((id) => mapPoints(id, axes, settings));
  const total = perMap.reduce((sum, points) => sum + points.length, 0);
  let done = 0;
  let broken: string | undefined;
  const maps: SubmissionMap[] = [];
  for (const [m, id] of ids.entries()) {
    const measures: (PanelMetrics<number> | null)[] = perMap[m].map(() => null);
    let error = broken === undefined ? undefined : `not run: ${broken}`;
    for (const [i, point] of perMap[m].entries()) {
      if (error !== undefined) break;
      try {
        measures[i] = await runPoint(session, settings, point);
      } catch (failure) {
        if (!(failure instanceof SubmissionBroke)) throw failure;
        error = failure.message;
        broken = `the simulator failed earlier, on the ${id} map`;
      }
      options.onProgress?.(++done, total);
    }
    maps.push({ id, measures, ...(error === undefined ? {} : { error }) });
  }
  return maps;
}

/** One grid point: the student's frozen current, then its trials, measured. */
async function runPoint(
  session: SimulatorSession,
  settings: SweepSettings,
  point: SweepPoint,
): Promise<PanelMetrics<number>> {
  session.during = `the sweep at SD ${point.sdPa} pA, tau ${point.tauMs} ms, noise ${point.noiseSdMv} mV`;
  const request = pointStimulus(settings, point);
  const currentPa = await askStimulus(session, request);
  const response = await askSimulate(
    session,
    {
      dtMs: settings.dtMs,
      currentPa,
      trials: settings.trials,
      seed: settings.noiseSeed,
      recordVoltage: 0,
      neuron: { ...CANONICAL_NEURON, noiseSdMv: point.noiseSdMv },
    },
    `the OU current of SD ${point.sdPa} pA and correlation time ${point.tauMs} ms (intrinsic noise ${point.noiseSdMv} mV)`,
  );
  return measureTrials(settings, response.spikeTimesMs);
}
