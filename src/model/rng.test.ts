import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NUMPY_DIR, numpyMissing, runPython } from "../../tests/numpy/python.js";
import { RandomState } from "./rng.js";

interface SeedVectors {
  seed: number;
  uint32: number[];
  randomDouble: number[];
  standardNormal: number[];
  standardNormalAfterSkip: number[];
}

interface Vectors {
  skippedNormals: number;
  seeds: SeedVectors[];
  interleaved: { seed: number; draws: { op: "normal" | "double" | "uint32"; value: number }[] };
}

const VECTORS_PATH = join(NUMPY_DIR, "vectors.json");
const vectors = JSON.parse(readFileSync(VECTORS_PATH, "utf8")) as Vectors;

/** numpy's normals within 1e-12 relative: only the C library's log may round otherwise. */
function expectNormalsClose(actual: ArrayLike<number>, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const error = Math.abs(actual[i] - expected[i]);
    if (error > 1e-12 * Math.abs(expected[i])) {
      expect.fail(`normal ${i}: ${actual[i]} but numpy gives ${expected[i]}`);
    }
  }
}

describe("RandomState matches numpy's np.random.RandomState", () => {
  it("has vectors for every seed the brief names, including both ends of the range", () => {
    expect(vectors.seeds.map((v) => v.seed)).toEqual([
      0,
      1,
      7,
      2021,
      123456789,
      2 ** 31 - 1,
      2 ** 32 - 1,
    ]);
  });

  for (const v of vectors.seeds) {
    describe(`seed ${v.seed}`, () => {
      it("draws the same raw 32-bit outputs", () => {
        const rs = new RandomState(v.seed);
        expect(v.uint32.map(() => rs.uint32())).toEqual(v.uint32);
      });

      it("draws the same doubles, exactly", () => {
        const rs = new RandomState(v.seed);
        expect(v.randomDouble.map(() => rs.randomDouble())).toEqual(v.randomDouble);
      });

      it("draws the same normals one at a time", () => {
        const rs = new RandomState(v.seed);
        expectNormalsClose(
          v.standardNormal.map(() => rs.standardNormal()),
          v.standardNormal,
        );
      });

      it("draws the same normals in bulk", () => {
        const rs = new RandomState(v.seed);
        expectNormalsClose(rs.fillStandardNormal(new Float64Array(1000)), v.standardNormal);
      });

      it("stays in step across many state regenerations and the cached normal", () => {
        const rs = new RandomState(v.seed);
        rs.fillStandardNormal(new Float64Array(vectors.skippedNormals));
        const after = v.standardNormalAfterSkip;
        // The first comes from numpy's cache (the skip is odd), the rest in bulk and singly.
        const drawn = [rs.standardNormal(), ...rs.fillStandardNormal(new Float64Array(3))];
        drawn.push(rs.standardNormal(), rs.standardNormal());
        expectNormalsClose(drawn, after);
      });
    });
  }

  it("keeps the cached normal across other draws, as numpy does", () => {
    const { seed, draws } = vectors.interleaved;
    const rs = new RandomState(seed);
    for (const [i, draw] of draws.entries()) {
      if (draw.op === "normal") expectNormalsClose([rs.standardNormal()], [draw.value]);
      else if (draw.op === "double") expect(rs.randomDouble(), `draw ${i}`).toBe(draw.value);
      else expect(rs.uint32(), `draw ${i}`).toBe(draw.value);
    }
  });
});

describe("RandomState", () => {
  it("is MT19937: with seed 5489 its 10000th output is 4123659995 (C++11 [rand.predef])", () => {
    const rs = new RandomState(5489);
    expect(rs.uint32()).toBe(3499211612);
    for (let i = 2; i < 10000; i++) rs.uint32();
    expect(rs.uint32()).toBe(4123659995);
  });

  it("gives the same normals in bulk as one at a time, however the bulk is split", () => {
    const one = new RandomState(42);
    const singly = Array.from({ length: 2000 }, () => one.standardNormal());
    const bulk = new RandomState(42);
    const parts: number[] = [];
    for (const size of [1, 0, 2, 3, 624, 5, 1, 1364]) {
      parts.push(...bulk.fillStandardNormal(new Float64Array(size)));
      if (parts.length < 2000) parts.push(bulk.standardNormal());
    }
    expect(parts.slice(0, 2000)).toEqual(singly);
  });

  it("returns the array it fills", () => {
    const out = new Float64Array(3);
    expect(new RandomState(1).fillStandardNormal(out)).toBe(out);
  });

  it.each([-1, 2 ** 32, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    "rejects the seed %s, which numpy rejects too",
    (seed) => {
      expect(() => new RandomState(seed)).toThrow(RangeError);
      expect(() => new RandomState(seed)).toThrow(/integer in \[0, 2\*\*32 - 1\]/);
    },
  );
});

describe("tests/numpy/vectors.json", () => {
  const missing = numpyMissing();

  it("is what make_vectors.py writes with this machine's numpy, byte for byte", (ctx) => {
    ctx.skip(missing !== undefined, `cannot regenerate the vectors: ${missing}`);
    const dir = mkdtempSync(join(tmpdir(), "spikegrade-vectors-"));
    try {
      const fresh = join(dir, "vectors.json");
      runPython("make_vectors.py", [fresh]);
      expect(readFileSync(fresh, "utf8")).toBe(readFileSync(VECTORS_PATH, "utf8"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
