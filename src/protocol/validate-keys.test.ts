import { expect, test } from "vitest";
import { unsafeKeyErrors } from "./validate-keys.js";

test("finds every unsafe key by path, in document order, without descending into it", () => {
  const value = JSON.parse(
    '{"a": [{"b": 1}, {"constructor": {"prototype": 1}}], "__proto__": {"x": 1}, "c": {"prototype": 2}}',
  );
  expect(unsafeKeyErrors(value, "the file")).toEqual([
    {
      path: "a[1].constructor",
      message:
        'a[1] has a key "constructor"; keys named __proto__, constructor or prototype are not allowed',
    },
    {
      path: "__proto__",
      message:
        'the file has a key "__proto__"; keys named __proto__, constructor or prototype are not allowed',
    },
    {
      path: "c.prototype",
      message:
        'c has a key "prototype"; keys named __proto__, constructor or prototype are not allowed',
    },
  ]);
});

test("ordinary values, and keys that merely contain the words, are fine", () => {
  expect(
    unsafeKeyErrors({ protoType: 1, constructors: [], x: [[1, 2], null, "__proto__"] }, "f"),
  ).toEqual([]);
  expect(unsafeKeyErrors(3, "f")).toEqual([]);
});

test("deep nesting costs no stack, and a flood is counted", () => {
  let deep: unknown = { __proto__: null };
  for (let i = 0; i < 100_000; i++) deep = [deep];
  expect(unsafeKeyErrors(deep, "f")).toEqual([]);
  const many = JSON.parse(`[${Array(25).fill('{"constructor": 1}').join(",")}]`);
  const errors = unsafeKeyErrors(many, "f", 20);
  expect(errors).toHaveLength(21);
  expect(errors[20]).toEqual({ path: "", message: "5 more unsafe keys not shown" });
});
