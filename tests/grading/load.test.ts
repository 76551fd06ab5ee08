import { describe, expect, it } from "vitest";
import { runLoad } from "../bench/load.js";

// The load benchmark (npm run load: 200 teams) on a tiny class, so that its promises are kept
// by the harness itself: every row, memory under 1 GB, the same gradebook twice.
describe("the load benchmark, tiny", () => {
  it("grades 6 mixed teams twice with every promise kept", async () => {
    const result = await runLoad({ teams: 6, timeoutSeconds: 2, json: true });
    expect(result.teams).toBe(6);
    expect(result.problems).toEqual([]);
    expect(result.runs.map((r) => r.exitCode)).toEqual([0, 0]);
  }, 600_000);
});
