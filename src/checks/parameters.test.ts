import { describe, expect, it } from "vitest";
import { ParameterReader } from "./parameters.js";

describe("ParameterReader", () => {
  it("ParameterReader collects every problem with the check's name", () => {
    const reader = new ParameterReader("figure1.B", {
      stimulusSeeds: [1, -2],
      noiseSeed: 2.5,
      lowerQuantile: 1.5,
    });
    reader.seeds("stimulusSeeds");
    reader.seed("noiseSeed");
    reader.quantile("lowerQuantile");
    reader.quantile("upperQuantile");
    expect(reader.errors.map((e) => e.message)).toEqual([
      "check figure1.B: parameters.stimulusSeeds[1] is -2, which is below 0; expected seeds (integers in [0, 2**31 - 1])",
      "check figure1.B: parameters.noiseSeed is 2.5, which is not an integer; expected a seed (an integer in [0, 2**31 - 1])",
      "check figure1.B: parameters.lowerQuantile is 1.5, which is above 1; expected a quantile level in [0, 1], e.g. 0.001",
      "check figure1.B: parameters.upperQuantile is missing; expected a quantile level in [0, 1], e.g. 0.001",
    ]);
  });
});
