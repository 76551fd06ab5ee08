import { expect, test } from "vitest";
import { capErrors } from "./validation.js";

test("capErrors drops repeats and counts what it leaves out", () => {
  const errors = Array.from({ length: 5 }, (_, i) => ({
    path: `a[${i}]`,
    message: `a[${i}] is bad`,
  }));
  expect(capErrors([...errors, errors[0]], 3)).toEqual([
    ...errors.slice(0, 3),
    { path: "", message: "2 more problems not shown" },
  ]);
});
