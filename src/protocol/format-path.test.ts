import { expect, test } from "vitest";
import { formatPath } from "./format-path.js";

test.each([
  [["spikeTimesMs", 3, 7], "spikeTimesMs[3][7]"],
  [["neuron", "noiseSdMv"], "neuron.noiseSdMv"],
  [["measures", "figure1.B.reliability", "n"], 'measures["figure1.B.reliability"].n'],
  [["a/b"], '["a/b"]'],
  [[], ""],
] as const)("formatPath(%j) is %s", (segments, path) => {
  expect(formatPath(segments)).toBe(path);
});
