/**
 * The contract's checks as functions from a submission's answers to verdicts: each check in its own file,
 * a function (context) -> Promise<CheckResult> that never throws; runChecks runs a rubric's
 * checks in order on a simulator or a results file and scores them.
 */
export * from "./ask.js";
export * from "./band.js";
export * from "./check.js";
export * from "./figure1-a.js";
export * from "./figure1-b.js";
export * from "./figure1-contrast.js";
export * from "./figure1-rate.js";
export * from "./figure1-source.js";
export * from "./load-reference.js";
export * from "./measures.js";
export * from "./neuron-fi.js";
export * from "./neuron-match.js";
export * from "./neuron-noise.js";
export * from "./neuron-rest.js";
export * from "./parameters.js";
export * from "./registry.js";
export * from "./run-checks.js";
export * from "./session.js";
export * from "./spike-units.js";
export * from "./stimulus-frozen.js";
export * from "./stimulus-ou.js";
export * from "./stimulus-step.js";
export * from "./verdict.js";
