import { describe, expect, it } from "vitest";
import { runCheckSpeed } from "../bench/check-speed.js";
import { gradeBundledClass } from "../bench/grade.js";

// The speed benchmarks (npm run bench) on a tiny size, so that what they measure is measured:
// the CPU of spikegrade's own processes reported by each (cpu-report.mjs), the phases of a
// profiled run, the peak memory of the grading tree. No time is held to anything here.
describe("the speed benchmarks, tiny", () => {
  it("times one check of a results file, with its CPU and its phases", async () => {
    const result = await runCheckSpeed(1, undefined, ["example-results"]);
    const [build] = result.builds;
    const speed = build.submissions["example-results"];
    expect(Object.keys(build.submissions)).toEqual(["example-results"]);
    expect(speed.wallMs).toBeGreaterThan(0);
    expect(speed.spikegradeCpuMs).toBeGreaterThan(0);
    expect(speed.spikegradeCpuMs).toBeLessThan(speed.wallMs * 4);
    expect(Object.keys(speed.phases)).toContain("figures");
  }, 600_000);

  it("grades a class of two bundled copies through the command, with the grader's and the students' CPU and memory", async () => {
    const result = await gradeBundledClass(2);
    expect(result).toMatchObject({ teams: 2, exitCode: 0 });
    expect(result.graderCpuMsPerTeam).toBeGreaterThan(0);
    expect(result.peakMiB).toBeGreaterThan(0);
    // Both bundled copies (notebook, python) run a simulator: the students' share is told apart.
    expect(result.studentCpuMsPerTeam).toBeGreaterThan(0);
    expect(result.graderPeakMiB).toBeGreaterThan(0);
    expect(result.graderPeakMiB).toBeLessThanOrEqual(result.peakMiB);
  }, 600_000);
});
