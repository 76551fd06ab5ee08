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
import { ROOT as root, runCli, runCliAsync, startCli } from "../helpers/cli.js";

// `spikegrade grade` and `merge` as an instructor meets them: the real entry point, its exit
// codes, its lines, --json, and a run killed part way.

const scratch = mkdtempSync(join(tmpdir(), "spikegrade-grade-cli-"));
const classDir = join(scratch, "class");
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const spikegrade = (args: string[]) => runCli(args, { cwd: scratch, timeoutMs: 180_000 });

beforeAll(() => {
  for (const [from, team] of [
    ["submissions/example-results", "results-a"],
    ["submissions/example-results", "results-b"],
    ["submissions/example-results", "results-c"],
    ["submissions/example-typescript", "ts-team"],
    ["tests/fixtures/broken/manifest-four-members", "four-members"],
  ]) {
    cpSync(join(root, from), join(classDir, team), { recursive: true });
  }
  mkdirSync(join(classDir, "empty-folder"));
});

describe("spikegrade grade: misuse", () => {
  it("exits 2 with a message saying what is wrong", async () => {
    const cases: [string[], string, Record<string, string | undefined>?][] = [
      [["grade", join(scratch, "nowhere"), "--out", "o"], "is not a folder"],
      [["grade", classDir], "--out"],
      [["grade", classDir, "--out", "o", "--jobs", "0"], "--jobs must be a whole number"],
      [["grade", classDir, "--out", "o", "--shard", "3/2"], "K counts from 1 to N"],
      [["grade", classDir, "--out", "o", "--team", "nobody"], 'there is no team "nobody"'],
      [
        ["grade", classDir, "--out", "o", "--hidden"],
        "--hidden needs the course secret in the environment variable SPIKEGRADE_SECRET",
        { SPIKEGRADE_SECRET: undefined },
      ],
      [
        ["grade", classDir, "--out", "o", "--hidden"],
        "is too easy to guess: use at least 16 random characters",
        { SPIKEGRADE_SECRET: "hunter2" },
      ],
      [["merge", join(scratch, "nowhere")], "does not exist"],
    ];
    const runs = await Promise.all(
      cases.map(([args, , env]) => runCliAsync(args, { cwd: scratch, env })),
    );
    expect(
      runs.map((r, i) => [cases[i][0].join(" "), r.code, r.stderr.includes(cases[i][1])]),
    ).toEqual(cases.map(([args]) => [args.join(" "), 2, true]));
  });
});

function gradebookFiles(out: string) {
  return {
    json: readFileSync(join(out, "gradebook.json"), "utf8"),
    csv: readFileSync(join(out, "gradebook.csv"), "utf8"),
  };
}

describe("spikegrade grade", () => {
  let reference: { json: string; csv: string };
  let plain: ReturnType<typeof spikegrade>;

  beforeAll(() => {
    plain = spikegrade(["grade", classDir, "--out", join(scratch, "reference"), "--jobs", "2"]);
    reference = gradebookFiles(join(scratch, "reference"));
  });

  it("off a terminal: one plain line per team, then the summary; exit 0 whatever the grades", () => {
    expect(plain.code).toBe(0);
    const lines = plain.stdout.split("\n");
    expect(lines).toContain("Skipped: empty-folder (no submission.json in it)");
    expect(lines.some((l) => /^results-a\s+8\/8\s+passed\s+\d+\.\d s$/.test(l))).toBe(true);
    expect(
      lines.some((l) => /^four-members\s+0\/18\s+error: manifest: members has 4/.test(l)),
    ).toBe(true);
    expect(plain.stdout).toContain("pass 4, fail 0, error 1");
    expect(plain.stdout).toContain(`Gradebook: ${join(scratch, "reference", "gradebook.json")}`);
    // No progress bar, no cursor movement off a terminal.
    expect(plain.stdout).not.toContain("\u001b[");
  });

  it("--json: one JSON object, the gradebook, and nothing else on stdout", () => {
    const run = spikegrade(["grade", classDir, "--out", join(scratch, "reference"), "--json"]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split("\n")).toHaveLength(1);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(reference.json));
    // Everything was unchanged: reused, and said so on stderr.
    expect(run.stderr).toContain("Nothing to grade: 5 teams unchanged");
  });

  it("killed part way (SIGKILL), then run again, gives the gradebook of an uninterrupted run", async () => {
    const out = join(scratch, "killed");
    const markers = () =>
      readdirSync(classDir).filter((t) => existsSync(join(out, ".instructor", t, "grading.json")))
        .length;
    // Killed once two teams are done, while the third is being graded.
    for (const after of [2]) {
      // Its own process group, so that the grader and its workers die together, as under Slurm.
      const child = startCli(["grade", classDir, "--out", out, "--jobs", "1"], {
        cwd: scratch,
        detached: true,
      });
      const exited = new Promise((resolve) => child.once("exit", resolve));
      const deadline = Date.now() + 120_000;
      while (markers() < after && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
      process.kill(-(child.pid as number), "SIGKILL");
      await exited;
      expect(existsSync(join(out, "gradebook.json"))).toBe(false);
    }
    expect(markers()).toBeLessThan(5);
    const rerun = spikegrade(["grade", classDir, "--out", out, "--jobs", "1"]);
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain("unchanged, reused");
    expect(gradebookFiles(out)).toEqual(reference);
    // No temporary file of an interrupted write is left behind.
    const leftovers = readdirSync(out, { recursive: true }).filter((f) => /\.tmp-/.test(String(f)));
    expect(leftovers).toEqual([]);
  });
});

describe("spikegrade merge", () => {
  it("joins the parts of shards into the gradebook of a whole run", () => {
    // Each shard in a folder of its own, as the jobs of a CI matrix; their results are copies of
    // the reference run's, so that only the shard's selection and the merge are timed here.
    for (const k of [1, 2, 3]) {
      cpSync(join(scratch, "reference"), join(scratch, `part-${k}`), { recursive: true });
      const { code, stdout } = spikegrade([
        "grade",
        classDir,
        "--out",
        join(scratch, `part-${k}`),
        "--shard",
        `${k}/3`,
      ]);
      expect(code).toBe(0);
      expect(stdout).toContain(`Shard ${k}/3:`);
      expect(stdout).toMatch(/Nothing to grade: [12] teams? unchanged/);
    }
    const partial = spikegrade(["merge", join(scratch, "part-1"), "--out", join(scratch, "half")]);
    expect(partial.code).toBe(1);
    expect(partial.stdout).toContain("Incomplete: no part for shard 2/3, 3/3");
    const dest = join(scratch, "merged");
    const merged = spikegrade([
      "merge",
      ...[1, 2, 3].map((k) => join(scratch, `part-${k}`)),
      "--out",
      dest,
      "--json",
    ]);
    expect(merged.code).toBe(0);
    expect(JSON.parse(merged.stdout).summary.students).toBe(9);
    expect(gradebookFiles(dest).csv).toBe(gradebookFiles(join(scratch, "reference")).csv);
  });
});
