import { fmt } from "./verdict.js";

/**
 * A hint for spike times reported in seconds: every spike of the trains lies within the first
 * durationMs / 1000 ms of the trial, where no neuron starting from rest can fire this often.
 */
export function secondsHint(trains: readonly (readonly number[])[], durationMs: number): string {
  let count = 0;
  let last = Number.NEGATIVE_INFINITY;
  for (const train of trains) {
    for (const t of train) {
      count++;
      if (t > last) last = t;
    }
  }
  const limit = durationMs / 1000;
  return count > 0 && last <= limit
    ? `every spike time is at most ${fmt(limit)}: are they in seconds? spikeTimesMs is in ms`
    : "";
}
