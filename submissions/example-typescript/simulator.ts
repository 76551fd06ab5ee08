/**
 * Mainen & Sejnowski (1995), Figure 1, with a leaky integrate-and-fire neuron.
 * Team example-typescript.
 *
 * spikegrade calls the two functions below with one request object each:
 *
 *   makeStimulus({kind: "step" | "ou", dtMs, durationMs, onsetMs, offsetMs, meanPa,
 *                 sdPa?, tauMs?, seed?})                   -> {currentPa: number[]}
 *   simulateNeuron({dtMs, currentPa, trials, seed, recordVoltage, neuron})
 *                                                          -> {spikeTimesMs: number[][],
 *                                                              voltageMv: number[][]}
 *
 * Units: time in ms, current in pA, potential in mV, resistance in MOhm.
 * The physics is in stimulus.ts (the currents) and lif.ts (the neuron); random.ts is our seeded
 * random number generator.
 */
import { type Neuron, simulateTrials } from "./lif.ts";
import { current, type StimulusRequest } from "./stimulus.ts";

export interface SimulateRequest {
  dtMs: number;
  currentPa: number[];
  trials: number;
  seed: number;
  recordVoltage: number;
  neuron: Neuron;
}

export function makeStimulus(request: StimulusRequest): { currentPa: number[] } {
  if (request.kind !== "step" && request.kind !== "ou") {
    throw new Error(`unknown stimulus kind ${JSON.stringify(request)}; expected "step" or "ou"`);
  }
  return { currentPa: current(request) };
}

export function simulateNeuron(request: SimulateRequest): {
  spikeTimesMs: number[][];
  voltageMv: number[][];
} {
  const { currentPa, dtMs, neuron, trials, seed, recordVoltage } = request;
  return simulateTrials(currentPa, dtMs, neuron, trials, seed, recordVoltage);
}
