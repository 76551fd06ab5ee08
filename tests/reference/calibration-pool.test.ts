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
    const told: [number, number][] = [];
    const pool = calibrationPool(2, (done, total) => told.push([done, total]));
    expect(formatJson(await measureTolerances(options, pool))).toBe(alone);
    // Told once a task, in order, up to the whole (spikegrade reference draws its bar from it).
    expect(told.length).toBeGreaterThan(10);
    expect(told).toEqual(told.map((_, i) => [i + 1, told.length]));
    expect(formatJson(await measureTolerances(options, calibrationPool(3)))).toBe(alone);
  }, 600_000);
});
