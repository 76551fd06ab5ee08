import { expect, test } from "vitest";
import { closestKey } from "./closest-key.js";

test("closestKey", () => {
  expect(closestKey("voltageMV", ["currentPa", "voltageMv"])).toBe("voltageMv");
  expect(closestKey("simulater", ["team", "simulator", "results"])).toBe("simulator");
  expect(closestKey("zebra", ["team", "simulator", "results"])).toBeUndefined();
});
