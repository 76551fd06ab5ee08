import { type ChildProcess, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exitOf, ROOT as root, runCli, startCli } from "../helpers/cli.js";
import { until } from "../helpers/until.js";

// Faults of the grader itself, through the real command line: killed mid-run, a full disk, a
// read-only output folder, a submission removed while the class is graded. Each ends with a
// clear message, and a rerun finishes with the gradebook an uninterrupted run writes.

const scratch = mkdtempSync(join(tmpdir(), "spikegrade-faults-"));
const classDir = join(scratch, "class");
const mounts: string[] = [];
afterAll(() => {
  for (const point of mounts) spawnSync("umount", [point]);
  rmSync(scratch, { recursive: true, force: true });
});

function grade(out: string, ...more: string[]) {
  return runCli(["grade", classDir, "--out", out, "--jobs", "2", ...more], { timeoutMs: 300_000 });
}

function gradeInBackground(out: string): ChildProcess {
  return startCli(["grade", classDir, "--out", out, "--jobs", "1"]);
}

const gradebookOf = (out: string) => readFileSync(join(out, "gradebook.json"), "utf8");

const markers = (out: string) =>
  existsSync(out)
    ? readdirSync(out).filter((team) => existsSync(join(out, ".instructor", team, "grading.json")))
        .length
    : 0;

/** A tmpfs of the given size (and read-only if asked) at a new folder; null where not allowed. */
function tmpfs(name: string, options: string): string | null {
  const point = join(scratch, name);
  mkdirSync(point);
  const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", options, "tmpfs", point]);
  if (mounted.status !== 0) return null;
  mounts.push(point);
  return point;
}

let reference = "";
beforeAll(() => {
  const copy = (from: string, team: string) =>
    cpSync(join(root, from), join(classDir, team), { recursive: true });
  copy("submissions/example-python", "python-a");
  copy("submissions/example-python", "python-b");
  copy("submissions/example-typescript", "typescript");
  copy("submissions/example-results", "results");
  copy("tests/fixtures/broken/no-reset", "no-reset");
  const run = grade(join(scratch, "reference"));
  expect(run.code, run.stderr).toBe(0);
  reference = gradebookOf(join(scratch, "reference"));
}, 300_000);

describe.each(["SIGKILL", "SIGTERM"] as const)("grade killed by %s mid-run", (signal) => {
  it("the rerun finishes, with the gradebook of an uninterrupted run", async () => {
    const out = join(scratch, `killed-${signal}`);
    const first = gradeInBackground(out);
    await until(() => markers(out) >= 1, 120_000);
    first.kill(signal);
    await new Promise((resolve) => first.once("exit", resolve));
    expect(markers(out)).toBeLessThan(5);
    const rerun = grade(out);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(gradebookOf(out)).toBe(reference);
    expect(readdirSync(out).filter((n) => n.includes(".tmp-"))).toEqual([]);
  }, 300_000);
});

describe("the output folder cannot be written", () => {
  it("a full disk: a clear error, exit 1, and what was written before stays whole", () => {
    const out = tmpfs("full", "size=600k");
    if (out === null) return; // not allowed to mount here (not root)
    const run = grade(out);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(
      /^spikegrade grade: the disk is full(?: \(writing .*\))?; every result written before this one is intact/m,
    );
    // Every file there is whole: each JSON parses.
    for (const team of existsSync(join(out, ".instructor"))
      ? readdirSync(join(out, ".instructor"))
      : []) {
      const marker = join(out, ".instructor", team, "grading.json");
      if (existsSync(marker)) expect(() => JSON.parse(readFileSync(marker, "utf8"))).not.toThrow();
    }
  }, 300_000);

  it("a read-only output folder: a clear error and exit 1, nothing graded in vain", () => {
    const out = tmpfs("read-only", "ro,size=1m");
    if (out === null) return;
    const run = grade(out);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^spikegrade grade: the output folder is on a read-only file system/m,
    );
  }, 120_000);
});

describe("a submission removed while the class is graded", () => {
  it("its row says it is gone; every other team is graded", async () => {
    const own = join(scratch, "class-shrinking");
    cpSync(classDir, own, { recursive: true });
    const out = join(scratch, "shrinking");
    const child = startCli(["grade", own, "--out", out, "--jobs", "1"]);
    await until(() => markers(out) >= 1, 120_000);
    // The teams go in name order: results and typescript come last.
    rmSync(join(own, "typescript"), { recursive: true, force: true });
    expect(await exitOf(child)).toBe(0);
    const gradebook = JSON.parse(gradebookOf(out));
    const rows = Object.fromEntries(
      gradebook.teams.map((t: { team: string; status: string }) => [t.team, t.status]),
    );
    expect(rows["python-a"]).toBe("pass");
    expect(rows.results).toBe("pass");
    expect(rows.typescript).toBe("error");
  }, 300_000);
});

describe("sanity of the fault set-up", () => {
  it("the reference run graded every team", () => {
    expect(JSON.parse(reference).teams.map((t: { team: string }) => t.team)).toEqual([
      "no-reset",
      "python-a",
      "python-b",
      "results",
      "typescript",
    ]);
  });
});
