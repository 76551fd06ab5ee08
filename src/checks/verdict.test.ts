import { describe, expect, it } from "vitest";
import { fmt, jsonSafe } from "./verdict.js";

describe("verdict numbers", () => {
  it("fmt and jsonSafe: short numbers for messages, JSON-safe ones for reports", () => {
    expect([fmt(0.98123), fmt(12.3111), fmt(1500), fmt(Number.NaN), fmt(2e-9)]).toEqual([
      "0.981",
      "12.3",
      "1500",
      "NaN",
      "2e-9",
    ]);
    expect(
      jsonSafe({ a: Number.NaN, b: 1 / 3, c: [Number.POSITIVE_INFINITY, -0], d: undefined }),
    ).toEqual({ a: null, b: 0.333333, c: [null, 0] });
    expect(jsonSafe(new Float64Array([0.1, 0.2]))).toEqual([0.1, 0.2]);
  });
});
