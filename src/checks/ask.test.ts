import { describe, expect, it } from "vitest";
import { returnShapeProblem } from "./ask.js";

describe("a response that is not a dict or an object", () => {
  it("is told in Python's terms to a Python or notebook student", () => {
    expect(returnShapeProblem([0, 150, 150], "makeStimulus", "python")).toBe(
      'make_stimulus must return a dict {"currentPa": [...]}; it returned a list of 3 items',
    );
    expect(returnShapeProblem(null, "simulateNeuron", "notebook")).toBe(
      'simulate_neuron must return a dict {"spikeTimesMs": [[...], ...], "voltageMv": [[...], ...] or None}; it returned None',
    );
  });

  it("in JavaScript's terms to the others", () => {
    expect(returnShapeProblem("150", "makeStimulus", "typescript")).toBe(
      "makeStimulus must return an object { currentPa: [...] }; it returned a string",
    );
    expect(returnShapeProblem(3.5, "simulateNeuron", undefined)).toMatch(
      /^simulateNeuron must return an object .* it returned the number 3\.5$/,
    );
  });

  it("leaves a dict or object to the schema", () => {
    expect(returnShapeProblem({ currentPa: [] }, "makeStimulus", "python")).toBeUndefined();
  });
});
