import { expect, test } from "vitest";
import { plural } from "./plural.js";

test("plural", () => {
  expect(plural(1, "student")).toBe("1 student");
  expect(plural(4, "entry")).toBe("4 entries");
  expect(plural(2, "unsafe key")).toBe("2 unsafe keys");
});
