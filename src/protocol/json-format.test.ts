import { describe, expect, it } from "vitest";
import { formatJson } from "./json-format.js";

describe("formatJson", () => {
  it("indents structure and keeps flat arrays on one line", () => {
    expect(formatJson({ a: [1, 2.5, -3], b: { c: "x", d: [] }, e: [[1], [2, 3]] })).toBe(
      '{\n  "a": [1, 2.5, -3],\n  "b": {\n    "c": "x",\n    "d": []\n  },\n  "e": [\n    [1],\n    [2, 3]\n  ]\n}\n',
    );
  });
  it("round-trips through JSON.parse and drops undefined keys", () => {
    const value = { x: [{ y: null, z: true }], w: undefined, v: 'é"' };
    expect(JSON.parse(formatJson(value))).toEqual({ x: [{ y: null, z: true }], v: 'é"' });
  });
});
