import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import type { Figure1Results } from "../../src/protocol/types.js";
import { comparePng } from "../../src/render/compare-png.js";
import {
  figure1Scales,
  measuresText,
  renderFigure1,
  renderFigure1Comparison,
  stepTitle,
} from "../../src/render/figure1.js";
import {
  checkGolden as checkIn,
  goldenDir,
  MAX_MISMATCHED_PIXELS,
  mismatch,
} from "../helpers/golden.js";
import { syntheticFigure1 } from "./synthetic.js";

const MEASURES = {
  A: { reliability: 0.31, precisionMs: 4.2, rcorr: 0.22, rateHz: 14.1 },
  B: { reliability: 0.93, precisionMs: 0.6, rcorr: 0.85, rateHz: 12.9 },
};

/** The golden's data: small (12 trials) and closed-form, independent of the reference model. */
function goldenData(): Figure1Results {
  return syntheticFigure1({ trials: 12, seed: 3 });
}

const checkGolden = (name: string, png: Buffer) => checkIn(goldenDir(import.meta.url), name, png);

function moveSpike(
  data: Figure1Results,
  panel: "A" | "B",
  trial: number,
  index: number,
  byMs: number,
) {
  const moved = structuredClone(data);
  const train = moved.panels[panel].spikeTimesMs[trial];
  train[index] += byMs;
  train.sort((a, b) => a - b);
  return moved;
}

function size(png: Buffer): [number, number] {
  const image = PNG.sync.read(png);
  return [image.width, image.height];
}

describe("renderFigure1", () => {
  const data = goldenData();
  const png = renderFigure1(data, { measures: MEASURES });

  it("is an 1800 x 1200 PNG (a 900 x 600 layout at twice the resolution)", () => {
    expect(size(png)).toEqual([1800, 1200]);
    expect(size(renderFigure1(data, { scale: 1 }))).toEqual([900, 600]);
  });

  it("gives the same bytes for the same data", () => {
    expect(renderFigure1(goldenData(), { measures: MEASURES }).equals(png)).toBe(true);
  });

  it("matches the golden image", () => {
    checkGolden("figure1.png", png);
  });

  it("catches one spike moved by 50 ms, even in a trial drawn only in the raster", () => {
    // Trial 11 has no voltage trace: the change shows only as one raster tick.
    const movedRaster = renderFigure1(moveSpike(data, "B", 11, 4, 50), { measures: MEASURES });
    const raster = mismatch(png, movedRaster);
    expect(raster).toBeGreaterThan(MAX_MISMATCHED_PIXELS);
    // Trial 0 is also drawn as a voltage trace, whose spike moves with it.
    const movedTrace = renderFigure1(moveSpike(data, "A", 0, 2, 50), { measures: MEASURES });
    expect(mismatch(png, movedTrace)).toBeGreaterThan(raster);
  });

  it("draws a note instead of failing when no voltage was submitted", () => {
    const withoutVoltage = syntheticFigure1({ trials: 12, seed: 3, withVoltage: false });
    // Scale 1 keeps this golden small; the main golden pins the full resolution.
    const out = renderFigure1(withoutVoltage, { scale: 1 });
    expect(size(out)).toEqual([900, 600]);
    checkGolden("figure1-no-voltage.png", out);
  });

  it("handles a panel without spikes, a panel without trials and another dt", () => {
    const odd = syntheticFigure1({ dtMs: 0.1, trials: 12, seed: 3 });
    odd.panels.A.spikeTimesMs = odd.panels.A.spikeTimesMs.map(() => []);
    odd.panels.B.spikeTimesMs = [];
    odd.panels.B.voltageMv = [];
    const out = renderFigure1(odd);
    expect(size(out)).toEqual([1800, 1200]);
    // Not the image of the canonical dt: the traces were drawn from their own samples.
    expect(comparePng(out, renderFigure1(goldenData())).mismatchedPixels).toBeGreaterThan(1000);
  });

  it("accepts typed-array traces and draws them as it draws plain arrays", () => {
    const typed = {
      ...data,
      panels: {
        A: {
          ...data.panels.A,
          voltageMv: data.panels.A.voltageMv?.map((v) => Float64Array.from(v)),
        },
        B: { ...data.panels.B, currentPa: Float64Array.from(data.panels.B.currentPa) },
      },
    };
    expect(renderFigure1(typed, { measures: MEASURES }).equals(png)).toBe(true);
  });
});

describe("renderFigure1Comparison", () => {
  it("stacks the submission above the reference and matches its golden image", () => {
    const reference = goldenData();
    const submission = moveSpike(syntheticFigure1({ trials: 12, seed: 4 }), "A", 0, 2, 50);
    const png = renderFigure1Comparison(submission, reference, {
      submissionMeasures: MEASURES,
      referenceMeasures: MEASURES,
      submissionLabel: "Submission: team-07",
      scale: 1,
    });
    expect(size(png)).toEqual([900, 1268]);
    checkGolden("figure1-comparison.png", png);
  });

  it("draws the reference's half anew for a team whose data needs other scales", () => {
    const reference = goldenData();
    const options = { referenceMeasures: MEASURES, scale: 1 };
    const first = renderFigure1Comparison(syntheticFigure1({ trials: 12, seed: 4 }), reference, {
      ...options,
    });
    // A larger current widens the shared current axis, the reference's half included.
    const louder = syntheticFigure1({ trials: 12, seed: 5 });
    louder.panels.B.currentPa = louder.panels.B.currentPa.map((i) => 3 * i);
    const second = renderFigure1Comparison(louder, reference, options);
    // A copy of the reference is another object: nothing kept for it, its half drawn afresh.
    const fresh = renderFigure1Comparison(louder, structuredClone(reference), options);
    expect(second.equals(fresh)).toBe(true);
    const lowerHalf = (png: Buffer) => PNG.sync.read(png).data.subarray(900 * 634 * 4);
    expect(Buffer.compare(lowerHalf(first), lowerHalf(second))).not.toBe(0);
  });
});

describe("figure 1 text and scales", () => {
  it("titles panel A with the mean current inside the stimulus window", () => {
    const data = syntheticFigure1({ trials: 2 });
    expect(stepTitle(data.panels.A.currentPa, data)).toBe("Constant current 150 pA");
    expect(stepTitle([], data)).toBe("Constant current");
  });

  it("writes only the measures it was given", () => {
    expect(measuresText({ reliability: 0.934, rateHz: 12.94 })).toBe(
      "reliability 0.93  \u00b7  rate 12.9 Hz",
    );
    expect(measuresText(undefined)).toBe("");
  });

  it("shares one voltage, current and trial range between the data sets", () => {
    const a = syntheticFigure1({ trials: 3 });
    const b = syntheticFigure1({ trials: 5 });
    b.panels.B.currentPa = b.panels.B.currentPa.map((v) => v * 2);
    // A dip of 2 mV below reset stays inside the canonical range; one of 10 mV widens it.
    a.panels.A.voltageMv = [[-82, -60]];
    const scales = figure1Scales([a, b]);
    expect(scales.timeMs).toEqual([0, 1000]);
    expect(scales.voltageMv).toEqual([-80, 20]);
    expect(scales.trials).toBe(5);
    const lo = Math.min(0, ...b.panels.B.currentPa);
    const hi = Math.max(...b.panels.B.currentPa);
    expect(scales.currentPa[0]).toBeCloseTo(lo - 0.05 * (hi - lo), 6);
    expect(scales.currentPa[1]).toBeCloseTo(hi + 0.05 * (hi - lo), 6);
    a.panels.A.voltageMv = [[-90, -60]];
    expect(figure1Scales([a]).voltageMv).toEqual([-90, 20]);
  });
});
