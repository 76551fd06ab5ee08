import { describe, expect, it } from "vitest";
import { CANONICAL_NEURON } from "../../src/protocol/canonical.js";
import { formatJson } from "../../src/protocol/json-format.js";
import { calibrationPool } from "../../src/reference/calibration-pool.js";
import { measureTolerances } from "../../src/reference/tolerances.js";

// spikegrade reference splits the calibration over worker threads; the tolerances it writes must
// be those of one thread, byte for byte (the same seeds per draw, the results joined in order).
describe("the calibration over worker threads", () => {
  it("gives the tolerances of one thread, byte for byte", async () => {
    const options = { draws: 10, figure1Draws: 10, dtsMs: [0.5, 1], neuron: CANONICAL_NEURON };
    const alone = formatJson(await measureTolerances(options));
    expect(formatJson(await measureTolerances(options, calibrationPool(2)))).toBe(alone);
    expect(formatJson(await measureTolerances(options, calibrationPool(3)))).toBe(alone);
  }, 600_000);
});
