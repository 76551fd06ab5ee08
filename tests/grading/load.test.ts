import { describe, expect, it } from "vitest";
import { runLoad } from "../bench/load.js";

// The load benchmark (npm run load: 200 teams) on a tiny class, so that its promises are kept
// by the harness itself: every row, memory under 1 GB, the same gradebook twice. The time limit is
// 5 s a call: at 2 s, the bundled Python example's longest call (about 0.4 s here, idle) ran out
// of time once while the machine was loaded tenfold, and the two gradebooks differed. The one
// hanging team costs its four time-outs a run.
describe("the load benchmark, tiny", () => {
  it("grades 6 mixed teams twice with every promise kept", async () => {
    const result = await runLoad({ teams: 6, timeoutSeconds: 5, json: true });
    expect(result.teams).toBe(6);
    expect(result.problems).toEqual([]);
    expect(result.runs.map((r) => r.exitCode)).toEqual([0, 0]);
  }, 600_000);
});
