import { describe, expect, test } from "vitest";
import type { SweepDocument, SweepMapDocument } from "../protocol/types.js";
import { sweepTrends } from "./sweep-trends.js";

/** A document of 3 SDs x 2 correlation times and 3 SDs x 3 noise levels, from reliability cells. */
function document(
  maps: Pick<SweepMapDocument, "id" | "source" | "team" | "reliability">[],
): SweepDocument {
  const blank = [[null], [null], [null]];
  return {
    format: "spikegrade-sweep",
    version: 1,
    spikegradeVersion: "0.1.0",
    settings: {
      trials: 10,
      durationMs: 600,
      dtMs: 0.5,
      noiseSdMv: 0.2,
      tauMs: 3,
      meanPa: 150,
      onsetMs: 50,
      offsetMs: 550,
      stimulusSeed: 2021,
      noiseSeed: 7,
    },
    paper: { sdPa: 100, tauMs: 3, noiseSdMv: 0.2 },
    axes: { sdPa: [0, 100, 200], tauMs: [3, 30], noiseSdMv: [0, 0.5, 1] },
    maps: maps.map((m) => ({ ...m, precisionMs: blank, rcorr: blank, rateHz: blank })),
  };
}

const REFERENCE = { source: "reference" } as const;

describe("sweepTrends", () => {
  test("the reference's shape: low at SD 0, high above; high without noise, lower with much", () => {
    const sweep = document([
      {
        id: "sd-tau",
        ...REFERENCE,
        reliability: [
          [0.2, 0.3],
          [0.9, 1],
          [1, 0.9],
        ],
      },
      {
        id: "sd-noise",
        ...REFERENCE,
        reliability: [
          [1, 0.2, 0.1],
          [1, 0.9, 0.8],
          [1, 0.9, 0.7],
        ],
      },
    ]);
    // The upper half of three rows: SD 200 alone. Rise: 0.25 (SD 0) -> 0.95. Noise: 1 -> 0.7.
    const trends = sweepTrends(sweep, REFERENCE);
    expect(trends.map((t) => t.id)).toEqual(["rises-with-sd", "falls-with-noise"]);
    expect(trends[0].from).toBeCloseTo(0.25, 12);
    expect(trends[0].to).toBeCloseTo(0.95, 12);
    expect(trends[1].from).toBe(1);
    expect(trends[1].to).toBe(0.7);
    expect(trends.every((t) => t.holds)).toBe(true);
  });

  test("trials that never differ: reliability 1 everywhere, neither trend", () => {
    const team = { source: "submission", team: "t" } as const;
    const ones = (columns: number) => [0, 1, 2].map(() => Array(columns).fill(1));
    const sweep = document([
      { id: "sd-tau", ...team, reliability: ones(2) },
      { id: "sd-noise", ...team, reliability: ones(3) },
    ]);
    expect(sweepTrends(sweep, team).map((t) => t.holds)).toEqual([false, false]);
  });

  test("a map that stopped short tells nothing; another source's maps are not read", () => {
    const team = { source: "submission", team: "t" } as const;
    const sweep = document([
      {
        id: "sd-tau",
        ...REFERENCE,
        reliability: [
          [0.2, 0.3],
          [0.9, 1],
          [1, 0.9],
        ],
      },
      {
        id: "sd-tau",
        ...team,
        reliability: [
          [0.2, 0.3],
          [0.9, null],
          [null, null],
        ],
      },
    ]);
    expect(sweepTrends(sweep, team)).toEqual([]);
  });
});
