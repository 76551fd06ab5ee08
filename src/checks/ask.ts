import type {
  NeuronParameters,
  SimulateRequest,
  SimulateResponse,
  StimulusRequest,
} from "../protocol/types.js";
import {
  validateSimulateResponse,
  validateStimulusResponse,
} from "../protocol/validate-response.js";
import type { ValidationError } from "../protocol/validation.js";
import type { SimulatorFunction } from "../submission/call-result.js";
import type { SimulatorSession } from "./session.js";
import { fmt } from "./verdict.js";

/**
 * The submission broke while a check ran: a call failed (timeout, crash, exception...) or its
 * response is not what the protocol allows. The check's verdict is "error" with this message,
 * which names what broke and for which request. Thrown inside a check so that its code reads as
 * the protocol does; the check's guard turns it into the verdict (a check itself never throws).
 */
export class SubmissionBroke extends Error {}

/** At most this many validation problems are named in one message. */
const MAX_PROBLEMS = 3;

function problems(errors: readonly ValidationError[]): string {
  const shown = errors.slice(0, MAX_PROBLEMS).map((e) => e.message);
  const more = errors.length - shown.length;
  return shown.join("; ") + (more > 0 ? `; and ${more} more` : "");
}

const PYTHON_LIKE = new Set(["python", "notebook"]);

/** What each function must return, in the student's language's terms. */
const RETURNS: Record<SimulatorFunction, { python: string; javascript: string }> = {
  makeStimulus: {
    python: 'make_stimulus must return a dict {"currentPa": [...]}',
    javascript: "makeStimulus must return an object { currentPa: [...] }",
  },
  simulateNeuron: {
    python:
      'simulate_neuron must return a dict {"spikeTimesMs": [[...], ...], "voltageMv": [[...], ...] or None}',
    javascript:
      "simulateNeuron must return an object { spikeTimesMs: [[...], ...], voltageMv: [[...], ...] or null }",
  },
};

/** A returned value that is not a dict or object, said as the student's language would say it. */
function kindOf(value: unknown, python: boolean): string {
  if (value === null) return python ? "None" : "null";
  if (Array.isArray(value)) {
    return `${python ? "a list" : "an array"} of ${value.length} ${value.length === 1 ? "item" : "items"}`;
  }
  if (typeof value === "string") return python ? "a str" : "a string";
  if (typeof value === "boolean") return python ? (value ? "True" : "False") : String(value);
  if (typeof value === "number") return `the number ${fmt(value)}`;
  return `a ${typeof value}`;
}

/**
 * Why a response is not even a dict (Python) or an object (JavaScript, TypeScript), in the terms
 * of the student's language, or undefined when it is one (its fields are the schema's business).
 */
export function returnShapeProblem(
  value: unknown,
  fn: SimulatorFunction,
  language: string | undefined,
): string | undefined {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) return undefined;
  const python = language !== undefined && PYTHON_LIKE.has(language);
  return `${RETURNS[fn][python ? "python" : "javascript"]}; it returned ${kindOf(value, python)}`;
}

/** "the 150 pA step (dt 0.5 ms)", "the OU current of seed 2021 (dt 0.1 ms)". */
export function describeStimulus(request: StimulusRequest): string {
  return request.kind === "step"
    ? `the ${fmt(request.meanPa)} pA step from ${fmt(request.onsetMs)} to ${fmt(request.offsetMs)} ms (dt ${fmt(request.dtMs)} ms)`
    : `the OU current of seed ${request.seed} (dt ${fmt(request.dtMs)} ms, ${fmt(request.durationMs)} ms)`;
}

/** Asks makeStimulus; the validated current in pA, or SubmissionBroke. */
export async function askStimulus(
  session: SimulatorSession,
  request: StimulusRequest,
): Promise<number[]> {
  const what = describeStimulus(request);
  const result = await session.call("makeStimulus", request);
  if (!result.ok) throw new SubmissionBroke(`${result.message} (asked for ${what})`);
  const shape = returnShapeProblem(result.value, "makeStimulus", session.language);
  if (shape !== undefined) throw new SubmissionBroke(`${shape} (asked for ${what})`);
  const checked = validateStimulusResponse(result.value, request);
  if (!checked.ok) {
    throw new SubmissionBroke(
      `makeStimulus's response for ${what} is invalid: ${problems(checked.errors)}`,
    );
  }
  return checked.value.currentPa;
}

/** Asks simulateNeuron; the validated response, or SubmissionBroke. `what` names the input. */
export async function askSimulate(
  session: SimulatorSession,
  request: SimulateRequest,
  what: string,
): Promise<SimulateResponse> {
  const result = await session.call("simulateNeuron", request);
  if (!result.ok) throw new SubmissionBroke(`${result.message} (asked to simulate ${what})`);
  const shape = returnShapeProblem(result.value, "simulateNeuron", session.language);
  if (shape !== undefined) throw new SubmissionBroke(`${shape} (asked to simulate ${what})`);
  const checked = validateSimulateResponse(result.value, request);
  if (!checked.ok) {
    throw new SubmissionBroke(
      `simulateNeuron's response for ${what} is invalid: ${problems(checked.errors)}`,
    );
  }
  const crowded = overfullTrial(checked.value.spikeTimesMs, request.currentPa.length);
  if (crowded !== undefined) {
    throw new SubmissionBroke(
      `simulateNeuron's response for ${what} is invalid: spikeTimesMs[${crowded}] has ${checked.value.spikeTimesMs[crowded].length} spikes in a trial of ${request.currentPa.length} steps; a neuron fires at most once per step`,
    );
  }
  return checked.value;
}

/**
 * The first trial with more spikes than time steps, which no simulator that steps through time
 * can give. Refusing it also bounds the cost of every measure: the spike measures grow with the
 * number of spikes, and a response could otherwise hold millions.
 */
export function overfullTrial(
  spikeTimesMs: readonly number[][],
  steps: number,
): number | undefined {
  const k = spikeTimesMs.findIndex((train) => train.length > steps);
  return k < 0 ? undefined : k;
}

/** A simulateNeuron request; currents go over the wire as plain lists. */
export function simulateRequest(
  currentPa: ArrayLike<number>,
  dtMs: number,
  neuron: NeuronParameters,
  trials: number,
  seed: number,
  recordVoltage = 0,
): SimulateRequest {
  return {
    dtMs,
    currentPa: Array.from(currentPa),
    trials,
    seed,
    recordVoltage,
    neuron: { ...neuron },
  };
}
