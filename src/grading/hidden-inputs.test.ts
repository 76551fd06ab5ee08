import { describe, expect, it } from "vitest";
import { SECRET } from "../../tests/helpers/reports.js";
import { loadRubric } from "../checks/load-reference.js";
import {
  deriveHiddenInputs,
  HIDDEN_DT_CHOICES_MS,
  hiddenDtMs,
  hiddenSeed,
  secretId,
} from "./hidden-inputs.js";

describe("hidden inputs", () => {
  // Values computed independently with Python's hmac module:
  // hmac.new(secret, b"spikegrade/hidden-input/v1\0<check id>\0<name>", sha256), first 4 bytes
  // big-endian, top bit cleared; dt: the first 4 bytes modulo 3 into [0.1, 0.25, 0.5].
  it("are HMAC-SHA256 of the secret, the check id and the parameter's name", () => {
    expect(hiddenSeed(SECRET, "stimulus.ou:hidden", "seed")).toBe(2127240651);
    expect(hiddenSeed(SECRET, "figure1.B:hidden", "stimulusSeeds[0]")).toBe(1433413292);
    expect(hiddenSeed(SECRET, "figure1.B:hidden", "noiseSeed")).toBe(198502195);
    expect(hiddenDtMs(SECRET, "stimulus.ou:hidden")).toBe(0.25);
    expect(secretId(SECRET)).toBe("573f5710f13ba232");
    expect(hiddenSeed(`${SECRET}x`, "stimulus.ou:hidden", "seed")).not.toBe(2127240651);
  });

  it("replace every seed and dt of every hidden check, lists keeping their length", async () => {
    const rubric = await loadRubric();
    if (!rubric.ok) throw new Error("the package's rubric does not load");
    const { byCheck, seeds } = deriveHiddenInputs(SECRET, rubric.value);
    const hidden = rubric.value.checks.filter((c) => c.visibility === "hidden");
    expect(Object.keys(byCheck).sort()).toEqual(hidden.map((c) => c.id).sort());
    expect(byCheck["figure1.B:hidden"]).toEqual({
      stimulusSeeds: [1433413292, 1229112978, 728896500, 22809061],
      noiseSeed: 198502195,
    });
    // A list of time steps becomes the one unseen time step.
    expect(byCheck["stimulus.ou:hidden"]).toEqual({ seed: 2127240651, dtMs: [0.25] });
    const match = byCheck["neuron.match:hidden"];
    expect(match.stimulusSeeds).toHaveLength(5);
    expect(new Set(match.stimulusSeeds as number[]).size).toBe(5);
    expect(match.dtMs).toHaveLength(1);
    expect(HIDDEN_DT_CHOICES_MS).toContain((match.dtMs as number[])[0]);
    // Everything else stays the rubric's: currents, quantiles.
    expect(byCheck["neuron.fi:hidden"].currentsPa).toBeUndefined();
    for (const seed of seeds) {
      expect(Number.isInteger(seed) && seed >= 0 && seed <= 2 ** 31 - 1).toBe(true);
    }
    expect(seeds).toHaveLength(1 + 4 + 1 + 5);
  });
});
