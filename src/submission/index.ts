/**
 * Running student simulators: each in a process of its own, over a private channel, with time,
 * memory and output limits, inside bubblewrap where the machine has it.
 */

export type {
  CallFailure,
  CallResult,
  CallSuccess,
  FailureKind,
  Isolation,
  IsolationRequest,
  LoadResult,
  SimulatorFunction,
} from "./call-result.js";
export { SIMULATOR_FUNCTIONS } from "./call-result.js";
export { languageOf, SIMULATOR_EXTENSIONS, type SimulatorLanguage } from "./language.js";
export {
  isNonFiniteMarker,
  NON_FINITE_KEY,
  type NonFiniteMarker,
  type NonFiniteName,
  nonFiniteValue,
} from "./non-finite.js";
export {
  openSimulator,
  SIMULATOR_DEFAULTS,
  type Simulator,
  type SimulatorOptions,
} from "./simulator.js";
