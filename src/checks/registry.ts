import type { CheckId } from "../protocol/types.js";
import type { CheckDefinition, CheckStage } from "./check.js";
import { figure1A } from "./figure1-a.js";
import { figure1B } from "./figure1-b.js";
import { figure1Contrast } from "./figure1-contrast.js";
import { figure1Rate } from "./figure1-rate.js";
import { neuronFi } from "./neuron-fi.js";
import { neuronMatch } from "./neuron-match.js";
import { neuronNoise } from "./neuron-noise.js";
import { neuronRest } from "./neuron-rest.js";
import { neuronTrace } from "./neuron-trace.js";
import { stimulusFrozen } from "./stimulus-frozen.js";
import { stimulusOu } from "./stimulus-ou.js";
import { stimulusStep } from "./stimulus-step.js";

/** The checks this module runs (manifest and load are the caller's), in the contract's order. */
export const CHECK_DEFINITIONS: readonly CheckDefinition<unknown>[] = [
  stimulusStep,
  stimulusOu,
  stimulusFrozen,
  neuronRest,
  neuronFi,
  neuronMatch,
  neuronNoise,
  neuronTrace,
  figure1A,
  figure1B,
  figure1Contrast,
  figure1Rate,
] as CheckDefinition<unknown>[];

/**
 * The two checks before any of these, which the caller decides (the manifest read, the simulator
 * loaded): what the default rubric says of them.
 */
export const PRELUDE_CHECKS: readonly { id: CheckId; title: string; points: number }[] = [
  { id: "manifest", title: "submission.json is valid", points: 1 },
  { id: "load", title: "the simulator loads and provides both functions", points: 1 },
];

/** The order the stages run in: stimulus, then neuron, then Figure 1. */
export const STAGES: readonly CheckStage[] = ["stimulus", "neuron", "figure1"];

/** The contract's id of a rubric id: "neuron.match:hidden" -> "neuron.match". */
export function baseCheckId(id: string): string {
  const colon = id.indexOf(":");
  return colon < 0 ? id : id.slice(0, colon);
}

/** The definition of a rubric check (a hidden repeat shares its base's), if this module runs it. */
export function definitionOf(id: string): CheckDefinition<unknown> | undefined {
  const base = baseCheckId(id) as CheckId;
  return CHECK_DEFINITIONS.find((d) => d.id === base);
}
