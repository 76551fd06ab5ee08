import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import {
  AUTOCORRELATION_SIZE,
  type AutocorrelationData,
  autocorrelationScales,
  renderAutocorrelation,
} from "../../src/render/autocorrelation-figure.js";
import { type FiCurveData, fiCurveScales, renderFiCurve } from "../../src/render/fi-curve.js";
import { legendCorner, samplePolyline } from "../../src/render/legend.js";
import { MATCH_WIDTH, type MatchData, renderMatch } from "../../src/render/match-figure.js";
import {
  checkGolden as checkIn,
  goldenDir,
  MAX_MISMATCHED_PIXELS,
  mismatch,
} from "../helpers/golden.js";

const checkGolden = (name: string, png: Buffer) => checkIn(goldenDir(import.meta.url), name, png);

/** Width and height of a PNG. */
function size(png: Buffer): [number, number] {
  const image = PNG.sync.read(png);
  return [image.width, image.height];
}

/** Hand-written f-I data shaped like neuron.fi's (bands and medians as in tolerances.json). */
function fiData(): FiCurveData {
  return {
    currentsPa: [100, 125, 140, 150, 200, 300, 500],
    band: [
      { low: 0, high: 0 },
      { low: 0, high: 0 },
      { low: 10.31, high: 10.51 },
      { low: 12.99, high: 13.37 },
      { low: 22.73, high: 23.31 },
      { low: 37.05, high: 39.02 },
      { low: 62.5, high: 65.91 },
    ],
    referenceHz: [0, 0, 10.35, 13.15, 22.94, 38.44, 64.95],
    // In band except at 300 pA (too fast) and at 140 pA (not measured).
    submissionHz: [0, 0, null, 13.2, 23.0, 44.1, 64.0],
    inBand: [true, true, false, true, true, false, true],
  };
}

/** exp(-lag / 2.9 ms) with a small deterministic wobble, every 0.5 ms up to 10 ms. */
function autocorrelationData(): AutocorrelationData {
  const autocorrelation = Array.from({ length: 21 }, (_, k) =>
    k === 0 ? 1 : Math.exp((-k * 0.5) / 2.9) + 0.015 * Math.sin(1.7 * k),
  );
  return {
    dtMs: 0.5,
    autocorrelation,
    tauMs: 3,
    tauMsEstimated: 2.9,
    tauBandMs: { low: 2.29, high: 3.3 },
  };
}

/** Three frozen currents: the submission misses a spike, adds one, and is 1 ms late at another. */
function matchData(): MatchData {
  const currentPa = Array.from({ length: 2000 }, (_, i) => {
    const t = i * 0.5;
    return t >= 50 && t < 950 ? 150 + 80 * Math.sin(t / 7) + 40 * Math.sin(t / 2.3) : 0;
  });
  const reference = [
    [80, 160, 240, 330, 420, 510, 600, 700, 810, 900],
    [95, 190, 300, 390, 470, 580, 690, 780, 880],
    [70, 150, 260, 360, 450, 560, 650, 760, 850, 930],
  ];
  const submission = [
    [80, 160, 240, 330, 420, 510, 600, 700, 810, 900],
    [95, 190, 300, 390, 470, 580, 690, 880], // 780 missed
    [70, 150, 260, 361, 450, 500, 560, 650, 760, 850, 930], // 361 late, 500 extra
  ];
  return {
    durationMs: 1000,
    referenceSpikesMs: reference,
    submissionSpikesMs: submission,
    currentPa,
    dtMs: 0.5,
    rowLabels: ["seed 2021", "seed 11", "seed 12"],
  };
}

describe("renderFiCurve", () => {
  const png = renderFiCurve(fiData(), { scale: 1, rheobasePa: 130.77 });

  it("is a 560 x 360 layout, twice as large at the default scale", () => {
    expect(size(png)).toEqual([560, 360]);
    expect(size(renderFiCurve(fiData()))).toEqual([1120, 720]);
  });

  it("gives the same bytes for the same data, and matches its golden image", () => {
    expect(renderFiCurve(fiData(), { scale: 1, rheobasePa: 130.77 }).equals(png)).toBe(true);
    checkGolden("fi-curve.png", png);
  });

  it("catches one rate moved by 3 Hz", () => {
    const moved = fiData();
    moved.submissionHz = moved.submissionHz.map((v, i) => (i === 4 ? 26 : v));
    expect(mismatch(png, renderFiCurve(moved, { scale: 1, rheobasePa: 130.77 }))).toBeGreaterThan(
      MAX_MISMATCHED_PIXELS,
    );
  });

  it("keeps a far-off rate from flattening the band: it goes above the plot", () => {
    const far = { ...fiData(), submissionHz: [480, 480, 480, 480, 480, 480, 480] };
    // The reference tops out at 65.91 Hz: twice that caps the scale, so 480 Hz is off it.
    expect(fiCurveScales(far).rateHz).toEqual([0, 80]);
    expect(fiCurveScales({ ...far, submissionHz: [0, 0, 0, 0, 0, 0, 100] }).rateHz).toEqual([
      0, 120,
    ]);
    checkGolden("fi-curve-off-scale.png", renderFiCurve(far, { scale: 1 }));
  });

  it("pads the current axis by 5% and refuses arrays of different lengths", () => {
    expect(fiCurveScales(fiData()).currentPa).toEqual([80, 520]);
    expect(() => renderFiCurve({ ...fiData(), band: fiData().band.slice(1) })).toThrow(
      /band has 6 entries for 7 currents/,
    );
  });
});

describe("renderAutocorrelation", () => {
  const png = renderAutocorrelation(autocorrelationData(), { scale: 1 });

  it("is a 560 x 340 layout and gives the same bytes for the same data", () => {
    expect(size(png)).toEqual([AUTOCORRELATION_SIZE.width, AUTOCORRELATION_SIZE.height]);
    expect(renderAutocorrelation(autocorrelationData(), { scale: 1 }).equals(png)).toBe(true);
  });

  it("matches its golden image", () => {
    checkGolden("autocorrelation.png", png);
  });

  it("catches an estimated correlation time moved from 2.9 to 3.5 ms", () => {
    const moved = { ...autocorrelationData(), tauMsEstimated: 3.5 };
    expect(mismatch(png, renderAutocorrelation(moved, { scale: 1 }))).toBeGreaterThan(
      MAX_MISMATCHED_PIXELS,
    );
  });

  it("says so when the current does not fluctuate (an all-NaN autocorrelation)", () => {
    const flat = { ...autocorrelationData(), autocorrelation: new Array(21).fill(Number.NaN) };
    checkGolden("autocorrelation-flat.png", renderAutocorrelation(flat, { scale: 1 }));
  });

  it("spans the lags given, and r from -0.2 (or lower) to 1", () => {
    expect(autocorrelationScales(autocorrelationData())).toEqual({ lagMs: [0, 10], r: [-0.2, 1] });
    const negative = { ...autocorrelationData(), autocorrelation: [1, 0.2, -0.45] };
    expect(autocorrelationScales(negative)).toEqual({ lagMs: [0, 1], r: [-0.6, 1] });
  });
});

/** [r, g, b] of the pixel at device (x, y). */
function pixel(png: Buffer, x: number, y: number): [number, number, number] {
  const image = PNG.sync.read(png);
  const i = 4 * (y * image.width + x);
  return [image.data[i], image.data[i + 1], image.data[i + 2]];
}

/**
 * Device x of every column of the diff PNG that holds a pixel of exactly this colour, under its
 * 26 px legend header (scale 1), whose swatches have these colours too.
 */
function columnsOf(png: Buffer, rgb: [number, number, number]): number[] {
  const image = PNG.sync.read(png);
  const columns = new Set<number>();
  for (let y = 26; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const i = 4 * (y * image.width + x);
      if (
        image.data[i] === rgb[0] &&
        image.data[i + 1] === rgb[1] &&
        image.data[i + 2] === rgb[2]
      ) {
        columns.add(x);
      }
    }
  }
  return [...columns].sort((a, b) => a - b);
}

const BLUE: [number, number, number] = [0x00, 0x72, 0xb2];
const VERMILLION: [number, number, number] = [0xd5, 0x5e, 0x00];

describe("renderMatch", () => {
  const match = renderMatch(matchData(), { scale: 1 });

  it("draws both images 900 layout pixels wide and gives the same bytes for the same data", () => {
    expect(size(match.figure)[0]).toBe(MATCH_WIDTH);
    expect(size(match.diff)[0]).toBe(MATCH_WIDTH);
    const again = renderMatch(matchData(), { scale: 1 });
    expect(again.figure.equals(match.figure)).toBe(true);
    expect(again.diff.equals(match.diff)).toBe(true);
  });

  it("matches its golden images", () => {
    checkGolden("match.png", match.figure);
    checkGolden("match-diff.png", match.diff);
  });

  it("finds no difference when the submission's spikes are the reference's", () => {
    const data = matchData();
    const same = renderMatch({ ...data, submissionSpikesMs: data.referenceSpikesMs }, { scale: 1 });
    expect(same.mismatchedPixels).toBe(0);
    expect(columnsOf(same.diff, BLUE)).toEqual([]);
    expect(columnsOf(same.diff, VERMILLION)).toEqual([]);
  });

  it("colours a missed spike blue and an extra one vermillion, where they are", () => {
    expect(match.mismatchedPixels).toBeGreaterThan(0);
    // Time maps onto [150, 882] layout pixels (900 wide, 150 gutter, 18 right) at scale 1.
    const at = (ms: number) => 150 + (ms / 1000) * (900 - 150 - 18);
    const blue = columnsOf(match.diff, BLUE);
    const vermillion = columnsOf(match.diff, VERMILLION);
    expect(blue.some((x) => Math.abs(x - at(780)) <= 2)).toBe(true); // missed at 780 ms
    expect(vermillion.some((x) => Math.abs(x - at(500)) <= 2)).toBe(true); // extra at 500 ms
    expect(vermillion.some((x) => Math.abs(x - at(780)) <= 2)).toBe(false);
    expect(blue.some((x) => Math.abs(x - at(500)) <= 2)).toBe(false);
    // Away from every difference, the diff is the faded picture (no colour).
    const [r, g, b] = pixel(match.diff, Math.round(at(240)), size(match.diff)[1] - 1);
    expect(r === g && g === b).toBe(true);
  });

  it("catches one submission spike moved by 20 ms", () => {
    const data = matchData();
    const moved = data.submissionSpikesMs.map((t) => Array.from(t));
    moved[0][3] += 20;
    const other = renderMatch({ ...data, submissionSpikesMs: moved }, { scale: 1 });
    expect(mismatch(match.figure, other.figure)).toBeGreaterThan(MAX_MISMATCHED_PIXELS);
    expect(other.mismatchedPixels).toBeGreaterThan(match.mismatchedPixels);
  });

  it("draws without a current and with more submission rows than reference rows", () => {
    const data = matchData();
    const bare = renderMatch(
      {
        durationMs: 1000,
        referenceSpikesMs: data.referenceSpikesMs.slice(0, 2),
        submissionSpikesMs: data.submissionSpikesMs,
      },
      { scale: 1 },
    );
    expect(size(bare.figure)[1]).toBeLessThan(size(match.figure)[1]);
    expect(bare.mismatchedPixels).toBeGreaterThan(match.mismatchedPixels);
  });
});

describe("legendCorner", () => {
  const plot = { x: 0, y: 0, width: 100, height: 100 };
  const size = { width: 30, height: 20 };

  it("takes the top-left corner when it is free, and the emptiest corner otherwise", () => {
    expect(legendCorner(plot, size, [[50, 50]], 5)).toEqual({ x: 5, y: 5 });
    // A line rising from the bottom left to the top right crosses those two corners only.
    const rising = samplePolyline([
      [0, 100],
      [100, 0],
    ]);
    expect(legendCorner(plot, size, rising, 5)).toEqual({ x: 5, y: 5 });
    const topLeftFull = [[10, 10] as const, [20, 15] as const];
    expect(legendCorner(plot, size, topLeftFull, 5)).toEqual({ x: 65, y: 5 });
  });

  it("samples a polyline every few pixels, its vertices included", () => {
    expect(
      samplePolyline(
        [
          [0, 0],
          [10, 0],
        ],
        4,
      ),
    ).toEqual([
      [0, 0],
      [5, 0],
      [10, 0],
    ]);
  });
});

describe("degenerate inputs", () => {
  it("draws every figure without throwing when there is nothing to draw", () => {
    const fi = renderFiCurve(
      {
        currentsPa: [100, 200],
        submissionHz: [null, Number.NaN],
        band: [
          { low: 0, high: 0 },
          { low: 20, high: 25 },
        ],
        inBand: [false, false],
      },
      { scale: 1 },
    );
    expect(size(fi)).toEqual([560, 360]);
    const ac = renderAutocorrelation({ dtMs: 0.5, autocorrelation: [], tauMs: 3 }, { scale: 1 });
    expect(size(ac)).toEqual([560, 340]);
    const empty = renderMatch(
      { durationMs: 0, referenceSpikesMs: [], submissionSpikesMs: [], currentPa: [Number.NaN, 0] },
      { scale: 1 },
    );
    expect(empty.mismatchedPixels).toBe(0);
    expect(size(empty.figure)[0]).toBe(MATCH_WIDTH);
  });
});
