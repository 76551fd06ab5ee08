import { expect, test } from "vitest";
import { unitOfKey } from "./unit-of-key.js";

test.each([
  ["dtMs", "ms"],
  ["currentPa", "pA"],
  ["restMv", "mV"],
  ["resistanceMOhm", "MOhm"],
  ["rateHz", "Hz"],
  ["items", undefined],
  ["Ms", undefined],
  ["trials", undefined],
])("unitOfKey(%s) is %s", (key, unit) => {
  expect(unitOfKey(key)).toBe(unit);
});
