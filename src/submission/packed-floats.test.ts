import { describe, expect, it } from "vitest";
import { PACKED_FLOATS_KEY, packRequest, unpackFloats } from "./packed-floats.js";

/** A pack as the Python runner writes it. */
function pack(values: readonly number[]): Record<string, string> {
  const bytes = Buffer.alloc(8 * values.length);
  values.forEach((v, i) => {
    bytes.writeDoubleLE(v, 8 * i);
  });
  return { [PACKED_FLOATS_KEY]: bytes.toString("base64") };
}

describe("unpackFloats", () => {
  it("gives the numbers JSON would have carried, the non-finite ones as markers, wherever they nest", () => {
    const message = {
      type: "result",
      value: {
        spikeTimesMs: [pack([1.5, 0.1 + 0.2]), pack([])],
        voltageMv: [pack([-70, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])],
        plain: [1, 2],
      },
    };
    expect(unpackFloats(message)).toEqual({
      type: "result",
      value: {
        spikeTimesMs: [[1.5, 0.1 + 0.2], []],
        voltageMv: [
          [-70, { $nonFinite: "NaN" }, { $nonFinite: "Infinity" }, { $nonFinite: "-Infinity" }],
        ],
        plain: [1, 2],
      },
    });
  });

  it("leaves a malformed pack, or an object with other keys beside it, as it is", () => {
    const malformed = [
      { [PACKED_FLOATS_KEY]: "AAAA" }, // 3 bytes: no whole float64
      { [PACKED_FLOATS_KEY]: "not base64!" },
      // One whole float64 to Node's decoder, which skips spaces, stops at padding and reads
      // the URL alphabet, but not standard base64:
      { [PACKED_FLOATS_KEY]: "AAAA    AAAAAAA=" },
      { [PACKED_FLOATS_KEY]: "AAAAAAAAAA-=" },
      { [PACKED_FLOATS_KEY]: "AAAAAAAAAA_=" },
      { [PACKED_FLOATS_KEY]: "AAAAAAAAAAA=AAAA" },
      { [PACKED_FLOATS_KEY]: 12 },
      { ...pack([1]), other: true },
    ];
    expect(unpackFloats(structuredClone(malformed))).toEqual(malformed);
  });

  it("stops unpacking deeper than any response nests, instead of overflowing the stack", () => {
    let deep: unknown = pack([1]);
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => unpackFloats(deep)).not.toThrow();
  });
});

describe("packRequest", () => {
  it("packs a request's long lists of finite numbers, which unpack to the same numbers", () => {
    const currentPa = Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 123.456);
    const request = { dtMs: 0.1, currentPa, short: [1, 2], trials: 3 };
    const packed = packRequest(request) as Record<string, unknown>;
    expect(Object.keys(packed.currentPa as object)).toEqual([PACKED_FLOATS_KEY]);
    expect(packed.short).toEqual([1, 2]);
    expect(request.currentPa).toBe(currentPa); // the request itself is left as it is
    expect(unpackFloats(packed)).toEqual(request);
  });

  it("sends as JSON a long list with a value that is not a finite number", () => {
    const currentPa = Array.from({ length: 1000 }, () => 1);
    currentPa[500] = Number.NaN;
    expect((packRequest({ currentPa }) as { currentPa: unknown }).currentPa).toBe(currentPa);
  });
});
