import { describe, expect, it } from "vitest";
import { check, report } from "../../tests/helpers/reports.js";
import { REDACTED, redactReport, redactSeeds } from "./redact.js";

describe("redaction", () => {
  it("replaces whole integers that are hidden seeds, and nothing else", () => {
    const text =
      "seed 1433413292: spikes at 1433413292.5 ms, id 14334132920, {'seed': 1433413292}, 01433413292";
    expect(redactSeeds(text, [1433413292])).toBe(
      `seed ${REDACTED}: spikes at 1433413292.5 ms, id 14334132920, {'seed': ${REDACTED}}, ${REDACTED}`,
    );
    expect(redactSeeds("nothing to hide", [])).toBe("nothing to hide");
  });

  it("finds a seed as programs print it: grouped, as a float, in hex, octal and binary", () => {
    const seed = 1433413292;
    const spelt = [
      "1,433,413,292",
      "1_433_413_292",
      "1433413292.0",
      "1.433413292e+09",
      "1.433413292E9",
      `0x${seed.toString(16)}`,
      seed.toString(16).toUpperCase(),
      `0o${seed.toString(8)}`,
      `0b${seed.toString(2)}`,
    ];
    for (const text of spelt)
      expect(redactSeeds(`got ${text}!`, [seed]), text).toBe(`got ${REDACTED}!`);
  });

  it("covers every message a student reads, public ones too, and hidden checks' time steps", () => {
    const seed = 1433413292;
    const publicCheck = {
      ...check("neuron.fi", "error", 0, 2),
      message: `Python raised ValueError in simulate_neuron: remembered ${seed}`,
    };
    const hiddenCheck = {
      ...check("figure1.B:hidden", "fail", 0, 1),
      message: "panel B at dt 0.25 ms is unreliable",
    };
    const redacted = redactReport(
      report([publicCheck, hiddenCheck], { log: `request seed=${seed} dt=0.25, then dt=0.5` }),
      [seed],
    );
    expect(redacted.checks.map((c) => c.message)).toEqual([
      `Python raised ValueError in simulate_neuron: remembered ${REDACTED}`,
      `panel B at dt ${REDACTED} ms is unreliable`,
    ]);
    // 0.25 ms is a time step only hidden checks use; 0.5 ms is public.
    expect(redacted.log).toBe(`request seed=${REDACTED} dt=${REDACTED}, then dt=0.5`);
  });
});
