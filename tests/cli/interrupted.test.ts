import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { gradeClass } from "../../src/grading/grade-class.js";
import { exitOf, ROOT as root, runCli, startCli } from "../helpers/cli.js";
import { until } from "../helpers/until.js";

// A run that ends early, by a signal or a wall limit, leaves no temporary folder behind.

const scratch = mkdtempSync(join(tmpdir(), "spikegrade-interrupted-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A team whose simulator loops forever in its first call. */
function loopingTeam(parent: string, team: string): string {
  const dir = join(parent, team);
  cpSync(join(root, "tests/fixtures/hostile/loop-py"), dir, { recursive: true });
  writeFileSync(
    join(dir, "submission.json"),
    JSON.stringify({
      team,
      members: [{ id: "s1", name: "Ada" }],
      simulator: { entry: "simulator.py" },
    }),
  );
  return dir;
}

describe("an interrupted run cleans up", () => {
  it("check stopped by SIGTERM mid-call exits 143 and leaves its TMPDIR empty", async () => {
    const tmp = join(scratch, "tmp-check");
    mkdirSync(tmp);
    const dir = loopingTeam(scratch, "looping");
    const child = startCli(["check", dir], { env: { TMPDIR: tmp } });
    // The simulator's private folder exists once it runs.
    await until(() => readdirSync(tmp).some((n) => n.startsWith("spikegrade-")), 30_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    child.kill("SIGTERM");
    expect(await exitOf(child)).toBe(143);
    expect(readdirSync(tmp)).toEqual([]);
  }, 60_000);

  it("grade: a worker killed at its wall limit leaves no temporary folder", async () => {
    const tmp = join(scratch, "tmp-grade");
    mkdirSync(tmp);
    const classDir = join(scratch, "class");
    mkdirSync(classDir);
    loopingTeam(classDir, "looping");
    const before = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      const result = await gradeClass({
        dir: classDir,
        out: join(scratch, "out"),
        jobs: 1,
        timeoutMs: 60_000,
        teamWallMs: 3000,
      });
      expect(result.gradebook.teams.map((t) => [t.team, t.status])).toEqual([["looping", "error"]]);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
    expect(readdirSync(tmp)).toEqual([]);
  }, 60_000);
});

describe("two grade runs on one output folder", () => {
  it("the second exits 2 naming the first; the first's SIGTERM releases the lock", async () => {
    const classDir = join(scratch, "class-locked");
    mkdirSync(classDir);
    loopingTeam(classDir, "looping");
    const out = join(scratch, "out-locked");
    const args = ["grade", classDir, "--out", out];
    const first = startCli(args);
    await until(() => existsSync(join(out, ".spikegrade-grading.lock")), 30_000);
    const second = runCli(args);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(`is being graded by process ${first.pid} on `);
    first.kill("SIGTERM");
    expect(await exitOf(first)).toBe(143);
    expect(existsSync(join(out, ".spikegrade-grading.lock"))).toBe(false);
  }, 60_000);
});
