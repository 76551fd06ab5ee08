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

/** What a child writes on the stream, so far. */
function collected(stream: NodeJS.ReadableStream | null): () => string {
  let text = "";
  stream?.setEncoding("utf8");
  stream?.on("data", (chunk: string) => {
    text += chunk;
  });
  return () => text;
}

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
  it("check stopped by SIGTERM mid-call exits 143, says so, and leaves its TMPDIR empty", async () => {
    const tmp = join(scratch, "tmp-check");
    mkdirSync(tmp);
    const dir = loopingTeam(scratch, "looping");
    const child = startCli(["check", dir], {
      env: { TMPDIR: tmp },
      stdio: ["ignore", "ignore", "pipe"],
    });
    const stderr = collected(child.stderr);
    // The simulator's private folder exists once it runs.
    await until(() => readdirSync(tmp).some((n) => n.startsWith("spikegrade-")), 30_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    child.kill("SIGTERM");
    expect(await exitOf(child)).toBe(143);
    expect(readdirSync(tmp)).toEqual([]);
    expect(stderr()).toContain(
      "spikegrade check: stopped by SIGTERM before it finished, and its simulator with it; no report of this run was written. Run it again to see every check.",
    );
    expect(existsSync(join(dir, ".spikegrade", "report.html"))).toBe(false);
  }, 60_000);

  it("grade stopped by Ctrl-C keeps the teams graded so far, and says the next run grades only the rest", async () => {
    const classDir = join(scratch, "class-ctrl-c");
    mkdirSync(classDir);
    // Graded in name order, one at a time: the results file first, then the endless loop.
    cpSync(join(root, "submissions/example-results"), join(classDir, "a-results"), {
      recursive: true,
    });
    loopingTeam(classDir, "b-looping");
    const out = join(scratch, "out-ctrl-c");
    const args = ["grade", classDir, "--out", out, "--jobs", "1"];
    const first = startCli(args, { stdio: ["ignore", "ignore", "pipe"] });
    const stderr = collected(first.stderr);
    await until(() => existsSync(join(out, ".instructor", "a-results", "result.json")), 60_000);
    first.kill("SIGINT");
    expect(await exitOf(first)).toBe(130);
    expect(stderr()).toContain(
      "spikegrade grade: stopped by Ctrl-C (SIGINT) before it finished. Each team graded so far is kept in the output folder: the same command grades only the rest, then writes the gradebook.",
    );
    expect(existsSync(join(out, "gradebook.json"))).toBe(false);
    // The looping team mended: the rerun grades it alone and reuses the results team.
    rmSync(join(classDir, "b-looping"), { recursive: true });
    cpSync(join(root, "submissions/example-results"), join(classDir, "b-looping"), {
      recursive: true,
    });
    const again = runCli(args);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("2 teams: 1 to grade, 1 unchanged (reused)");
    expect(again.stdout).toMatch(/^a-results .* unchanged, reused$/m);
    expect(existsSync(join(out, "gradebook.json"))).toBe(true);
  }, 120_000);

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
