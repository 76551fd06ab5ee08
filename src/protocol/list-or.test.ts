import { expect, test } from "vitest";
import { listOr } from "./list-or.js";

test("listOr", () => {
  expect(listOr(["a", "b", "c"])).toBe("a, b or c");
});
