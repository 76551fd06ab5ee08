/**
 * What a simulator's responses must satisfy beyond their schemas, as messages a student can act
 * on: the right number of samples, every number finite, spike times ascending inside the trial
 * (times in ms, currents in pA, potentials in mV). The *Problems functions are pure checks of
 * schema-valid values; validateStimulusResponse and validateSimulateResponse run schema and
 * semantics on a raw response and return only the keys the protocol defines.
 */

import { sampleCount } from "./canonical.js";
import { joinPath } from "./format-path.js";
import { isNonFiniteNumber } from "./is-non-finite-number.js";
import { plural } from "./plural.js";
import { validate } from "./schemas.js";
import type {
  SimulateRequest,
  SimulateResponse,
  SimulateResponseDocument,
  StimulusRequest,
  StimulusResponse,
} from "./types.js";
import { capErrors, type Validation, type ValidationError } from "./validation.js";

/** A number as a student would write it: NaN, Infinity, or the number itself. */
function show(value: unknown): string {
  if (isNonFiniteNumber(value)) return value.$nonFinite;
  return String(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** Times computed as k * dtMs may overshoot the trial's end by a rounding error. */
function endSlackMs(durationMs: number): number {
  return durationMs * 1e-9;
}

/**
 * The first non-finite sample of a trace, named ("voltageMv[3][17] is NaN"), with how many
 * more there are; nothing when every sample is finite.
 */
function nonFiniteProblems(trace: readonly unknown[], path: string): ValidationError[] {
  let first = -1;
  let count = 0;
  for (let i = 0; i < trace.length; i++) {
    if (!isFiniteNumber(trace[i])) {
      if (first < 0) first = i;
      count++;
    }
  }
  if (first < 0) return [];
  const others = count - 1;
  const more =
    others === 0
      ? ""
      : `; ${plural(others, "more sample")} ${others === 1 ? "is" : "are"} not finite either`;
  return [
    {
      path: joinPath(path, first),
      message: `${joinPath(path, first)} is ${show(trace[first])}${more}`,
    },
  ];
}

/**
 * A trace's length and finiteness: "currentPa has 1999 samples; expected 2000 (...)", where the
 * reason says where the expected length comes from.
 */
export function traceProblems(
  trace: readonly unknown[],
  expectedLength: number,
  path: string,
  reason: string,
): ValidationError[] {
  const problems: ValidationError[] = [];
  if (trace.length !== expectedLength) {
    problems.push({
      path,
      message: `${path} has ${plural(trace.length, "sample")}; expected ${expectedLength}, ${reason}`,
    });
  }
  problems.push(...nonFiniteProblems(trace, path));
  return problems;
}

/**
 * Where every time of a train is a whole number no larger than the trial's count of steps, the
 * train is most likely step indices: the hint to multiply them by dtMs.
 */
function stepIndexHint(times: readonly unknown[], durationMs: number, dtMs?: number): string {
  if (dtMs === undefined || !(dtMs < 1)) return "";
  const steps = Math.round(durationMs / dtMs);
  const indices = times.every(
    (t) => Number.isInteger(t) && (t as number) >= 0 && (t as number) <= steps,
  );
  return indices
    ? `; whole numbers up to the ${steps} steps look like step indices, or like times stepped with another dt than the request's: report index * dtMs (${dtMs} ms), and step by the request's dtMs`
    : "";
}

/**
 * One trial's spike times: finite, ascending, inside [0, durationMs]. Reports the first problem
 * of the trial only: later times are usually wrong for the same reason.
 */
export function spikeTrainProblems(
  times: readonly unknown[],
  durationMs: number,
  path: string,
  dtMs?: number,
): ValidationError[] {
  let previous = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < times.length; j++) {
    const time = times[j];
    const where = joinPath(path, j);
    if (!isFiniteNumber(time)) {
      return [{ path: where, message: `${where} is ${show(time)}; expected a spike time in ms` }];
    }
    if (time < 0) {
      return [
        { path: where, message: `${where} is ${time}, before the start of the trial at 0 ms` },
      ];
    }
    if (time > durationMs + endSlackMs(durationMs)) {
      return [
        {
          path: where,
          message: `${where} is ${time}, after the end of the trial at ${durationMs} ms${stepIndexHint(times, durationMs, dtMs)}`,
        },
      ];
    }
    if (time < previous) {
      return [
        {
          path: where,
          message: `${where} is ${time}, before ${joinPath(path, j - 1)} at ${previous}; each trial's spike times must ascend`,
        },
      ];
    }
    previous = time;
  }
  return [];
}

/**
 * All trials' spike times: exactly `trials` arrays ("spikeTimesMs[2] is missing"), each passing
 * spikeTrainProblems.
 */
export function spikeTimesProblems(
  spikeTimesMs: readonly (readonly unknown[])[],
  durationMs: number,
  path: string,
  trials: number,
  dtMs?: number,
): ValidationError[] {
  const problems: ValidationError[] = [];
  if (spikeTimesMs.length < trials) {
    const where = joinPath(path, spikeTimesMs.length);
    problems.push({
      path: where,
      message: `${where} is missing: ${plural(spikeTimesMs.length, "trial")} came back of the ${trials} asked for (one array per trial, empty when a trial has no spike)`,
    });
  } else if (spikeTimesMs.length > trials) {
    problems.push({
      path,
      message: `${path} has ${plural(spikeTimesMs.length, "trial")}; ${trials} were asked for`,
    });
  }
  spikeTimesMs.forEach((times, i) => {
    problems.push(...spikeTrainProblems(times, durationMs, joinPath(path, i), dtMs));
  });
  return problems;
}

/** Voltage traces of a results file: at most maxTraces, each `samples` long and finite. */
export function voltageProblems(
  voltageMv: readonly (readonly unknown[])[],
  samples: number,
  maxTraces: number,
  path: string,
  limitReason: string,
): ValidationError[] {
  const problems: ValidationError[] = [];
  if (voltageMv.length > maxTraces) {
    problems.push({
      path,
      message: `${path} has ${plural(voltageMv.length, "trace")}; expected at most ${maxTraces} (${limitReason})`,
    });
  }
  voltageMv.forEach((trace, i) => {
    problems.push(...traceProblems(trace, samples, joinPath(path, i), "as many as currentPa"));
  });
  return problems;
}

/** "the first trial", "the first 10 trials". */
function firstTrials(count: number): string {
  return count === 1 ? "the first trial" : `the first ${count} trials`;
}

/**
 * simulateNeuron's voltage traces: exactly one per recorded trial (the first recordVoltage
 * trials, or every trial where recordVoltage asks for more), each as long as currentPa and
 * finite. When none is asked for, voltageMv may be absent, null or empty, and nothing else.
 */
function recordedVoltageProblems(
  voltageMv: readonly (readonly unknown[])[] | null | undefined,
  request: SimulateRequest,
): ValidationError[] {
  const expected = Math.min(request.recordVoltage, request.trials);
  const samples = request.currentPa.length;
  const traces = voltageMv ?? [];
  if (traces.length !== expected) {
    const returned =
      voltageMv === undefined || voltageMv === null
        ? `no voltage traces (voltageMv is ${voltageMv === null ? "null" : "missing"})`
        : plural(traces.length, "voltage trace");
    const asked =
      expected === 0
        ? "none (leave voltageMv out, or make it null or [])"
        : `${expected} (${firstTrials(expected)})`;
    return [
      {
        path: "voltageMv",
        message: `simulateNeuron returned ${returned}; recordVoltage asked for ${asked}`,
      },
    ];
  }
  const problems: ValidationError[] = [];
  traces.forEach((trace, k) => {
    const path = joinPath("voltageMv", k);
    if (trace.length !== samples) {
      problems.push({
        path,
        message: `${path} has ${plural(trace.length, "sample")}; it must be as long as currentPa (${samples})`,
      });
    }
    problems.push(...nonFiniteProblems(trace, path));
  });
  return problems;
}

/** makeStimulus's response: exactly round(durationMs / dtMs) finite samples. */
export function stimulusResponseProblems(
  response: StimulusResponse,
  request: StimulusRequest,
): ValidationError[] {
  const samples = sampleCount(request.durationMs, request.dtMs);
  return traceProblems(
    response.currentPa,
    samples,
    "currentPa",
    `round(durationMs ${request.durationMs} / dtMs ${request.dtMs})`,
  );
}

/**
 * simulateNeuron's response: one spike train per trial inside the trial of
 * currentPa.length * dtMs ms, and the voltage traces recordVoltage asked for.
 */
export function simulateResponseProblems(
  response: SimulateResponseDocument,
  request: SimulateRequest,
): ValidationError[] {
  const durationMs = request.currentPa.length * request.dtMs;
  const problems = spikeTimesProblems(
    response.spikeTimesMs,
    durationMs,
    "spikeTimesMs",
    request.trials,
    request.dtMs,
  );
  problems.push(...recordedVoltageProblems(response.voltageMv, request));
  return problems;
}

/** A raw makeStimulus response, checked against schema and request; extra keys are dropped. */
export function validateStimulusResponse(
  value: unknown,
  request: StimulusRequest,
): Validation<StimulusResponse> {
  const checked = validate("stimulus-response", value);
  if (!checked.ok) return checked;
  const response: StimulusResponse = { currentPa: checked.value.currentPa };
  const problems = stimulusResponseProblems(response, request);
  return problems.length === 0
    ? { ok: true, value: response }
    : { ok: false, errors: capErrors(problems) };
}

/**
 * A raw simulateNeuron response, checked against schema and request; extra keys are dropped, and
 * so is voltageMv where recordVoltage asked for none (null or []), so that absent means none.
 */
export function validateSimulateResponse(
  value: unknown,
  request: SimulateRequest,
): Validation<SimulateResponse> {
  const checked = validate("simulate-response", value);
  if (!checked.ok) return checked;
  const problems = simulateResponseProblems(checked.value, request);
  if (problems.length > 0) return { ok: false, errors: capErrors(problems) };
  const { spikeTimesMs, voltageMv } = checked.value;
  return {
    ok: true,
    value:
      voltageMv === undefined || voltageMv === null || voltageMv.length === 0
        ? { spikeTimesMs }
        : { spikeTimesMs, voltageMv },
  };
}
