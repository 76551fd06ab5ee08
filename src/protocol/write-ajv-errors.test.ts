import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, test } from "vitest";
import { simulateRequest } from "../../tests/protocol/examples.js";
import { validate } from "./schemas.js";
import { formatAjvErrors } from "./write-ajv-errors.js";

function messages(
  result: { ok: true } | { ok: false; errors: { path: string; message: string }[] },
) {
  return result.ok ? [] : result.errors;
}

describe("schema errors as messages", () => {
  test("a number sent as a string names the unit", () => {
    expect(messages(validate("simulate-request", { ...simulateRequest, dtMs: "0.5" }))).toEqual([
      { path: "dtMs", message: 'dtMs is "0.5" (a string); expected a number in ms' },
    ]);
  });

  test("missing keys say what belongs there", () => {
    const { noiseSdMv: _, ...neuron } = simulateRequest.neuron;
    const { seed: __, ...request } = simulateRequest;
    expect(messages(validate("simulate-request", { ...request, neuron }))).toEqual([
      { path: "seed", message: "seed is missing; expected an integer from 0 to 2147483647" },
      { path: "neuron.noiseSdMv", message: "neuron.noiseSdMv is missing; expected a number in mV" },
    ]);
  });

  test("bounds, integers and unknown keys", () => {
    const request = { ...simulateRequest, trials: 2.5, seed: -1, dtms: 0.5 };
    expect(messages(validate("simulate-request", request))).toEqual([
      {
        path: "dtms",
        message:
          'the simulateNeuron request has an unknown key "dtms" (did you mean "dtMs"?); expected dtMs, currentPa, trials, seed, recordVoltage or neuron',
      },
      { path: "trials", message: "trials is 2.5; expected an integer" },
      { path: "seed", message: "seed is -1; expected at least 0" },
    ]);
  });

  test("the top level is named as the caller says", () => {
    expect(
      messages(validate("stimulus-response", [], { root: "makeStimulus's return value" })),
    ).toEqual([
      { path: "", message: "makeStimulus's return value is an empty array; expected an object" },
    ]);
  });

  test("NaN carried as {$nonFinite} is named where it is", () => {
    const response = {
      spikeTimesMs: [[1, 2, 3, { $nonFinite: "NaN" }]],
      voltageMv: [[{ $nonFinite: "-Infinity" }]],
    };
    expect(messages(validate("simulate-response", response))).toEqual([
      {
        path: "spikeTimesMs[0][3]",
        message: "spikeTimesMs[0][3] is NaN; expected a finite number in ms",
      },
      {
        path: "voltageMv[0][0]",
        message: "voltageMv[0][0] is -Infinity; expected a finite number in mV",
      },
    ]);
  });

  test("the discriminator: an unknown kind, a missing kind", () => {
    expect(messages(validate("stimulus-request", { kind: "sine", dtMs: 0.5 }))).toEqual([
      { path: "kind", message: 'kind is "sine" (a string); expected "step" or "ou"' },
    ]);
    expect(messages(validate("stimulus-request", { dtMs: 0.5 }))).toEqual([
      { path: "kind", message: 'kind is missing; expected "step" or "ou"' },
    ]);
  });

  test("a wrong type silences the complaints about the value's insides", () => {
    expect(messages(validate("manifest", ["team-07"]))).toEqual([
      { path: "", message: "submission.json is an array of 1 item; expected an object" },
    ]);
  });

  test("keys that are not identifiers are quoted in the path", () => {
    const tolerances = {
      method: "m",
      seeds: [1],
      measures: { "a/b": { quantiles: { "0.5": 1 }, n: 0, mean: 1, sd: 0, unit: "ms" } },
    };
    expect(messages(validate("tolerances", tolerances))).toEqual([
      { path: 'measures["a/b"].n', message: 'measures["a/b"].n is 0; expected at least 1' },
    ]);
  });

  test("a flood of errors is capped", () => {
    const errors = messages(validate("stimulus-response", { currentPa: Array(30).fill("1") }));
    expect(errors).toHaveLength(21);
    expect(errors[0]).toEqual({
      path: "currentPa[0]",
      message: 'currentPa[0] is "1" (a string); expected a number in pA',
    });
    expect(errors[20]).toEqual({ path: "", message: "10 more problems not shown" });
  });
});

describe("anyOf and oneOf come down to the one most useful message", () => {
  const ajv = new Ajv2020({ allErrors: true, verbose: true });
  const check = ajv.compile({
    type: "object",
    properties: {
      x: { anyOf: [{ type: "number" }, { type: "null" }] },
      y: {
        anyOf: [
          { type: "object", required: ["a"], properties: { a: { type: "number" } } },
          { type: "string" },
        ],
      },
      z: { oneOf: [{ type: "number" }, { type: "integer" }] },
    },
  });
  function run(data: unknown) {
    check(data);
    return formatAjvErrors(check.errors ?? [], data, { root: "the value" });
  }

  test("branches that all fail on the type merge", () => {
    expect(run({ x: "s", y: true })).toEqual([
      { path: "x", message: 'x is "s" (a string); expected a number or null' },
      { path: "y", message: "y is true; expected an object or a string" },
    ]);
  });

  test("the branch that got deepest into the value wins", () => {
    expect(run({ y: { a: "1" } })).toEqual([
      { path: "y.a", message: 'y.a is "1" (a string); expected a number' },
    ]);
  });

  test("several passing branches of a oneOf", () => {
    expect(run({ z: 3 })).toEqual([
      { path: "z", message: "z fits more than one of the allowed forms; expected one" },
    ]);
  });
});
