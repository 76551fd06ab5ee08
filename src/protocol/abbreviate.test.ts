import { expect, test } from "vitest";
import { abbreviate, describeValue } from "./abbreviate.js";

test("abbreviate keeps long values short", () => {
  expect(abbreviate("x".repeat(50))).toBe(`"${"x".repeat(37)}..."`);
  expect(abbreviate(Array.from({ length: 1e6 }, (_, i) => i))).toBe(
    "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, ...]",
  );
  expect(abbreviate({ a: 1, b: [true, null] })).toBe('{"a": 1, "b": [true, null]}');
  expect(abbreviate({ $nonFinite: "-Infinity" })).toBe("-Infinity");
});

test.each([
  ["0.5", '"0.5" (a string)'],
  [[], "an empty array"],
  [[1, 2], "an array of 2 items"],
  [{}, "an empty object"],
  [{ a: 1 }, "an object"],
  [null, "null"],
  [false, "false"],
  [{ $nonFinite: "NaN" }, "NaN"],
])("describeValue(%j) is %s", (value, text) => {
  expect(describeValue(value)).toBe(text);
});
