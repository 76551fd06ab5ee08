import { describe, expect, it } from "vitest";
import { canonicalJson, differingPaths } from "./canonical-json.js";

describe("canonicalJson", () => {
  it("sorts keys at every level and leaves undefined members out", () => {
    expect(canonicalJson({ b: [1, { d: 2, c: undefined, a: "x" }], a: null })).toBe(
      '{"a":null,"b":[1,{"a":"x","d":2}]}',
    );
  });
});

describe("differingPaths", () => {
  it("names each leaf that differs, and a list as a whole", () => {
    const a = { events: { binMs: 0.5, sdMs: 1 }, seeds: [1, 2] };
    const b = { events: { sdMs: 1, binMs: 1 }, seeds: [1, 3], extra: 0 };
    expect(differingPaths(a, b, "measures")).toEqual([
      "measures.events.binMs",
      "measures.extra",
      "measures.seeds",
    ]);
    expect(differingPaths(a, structuredClone(a), "measures")).toEqual([]);
  });
});
