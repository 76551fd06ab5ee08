import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { validate } from "../../src/protocol/schemas.js";
import { ROOT as root, runCli } from "../helpers/cli.js";

// The command line as a student or instructor meets it, in a scratch copy of each submission.

const scratch = mkdtempSync(join(tmpdir(), "spikegrade-cli-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const spikegrade = (...args: string[]) => runCli(args, { cwd: scratch, timeoutMs: 180_000 });

function copy(from: string, name: string): string {
  const to = join(scratch, name);
  cpSync(join(root, from), to, { recursive: true });
  return to;
}

describe("spikegrade check", () => {
  it("--json prints one check report and nothing else, exit 0 when every check passes", () => {
    const dir = copy("submissions/example-python", "example-python");
    const { code, stdout } = spikegrade("check", dir, "--json");
    expect(code).toBe(0);
    expect(stdout.trim().split("\n")).toHaveLength(1);
    const report = JSON.parse(stdout);
    const checked = validate("check-report", report);
    expect(checked.ok ? [] : checked.errors).toEqual([]);
    expect(report.passed).toBe(true);
    for (const file of ["report.html", "result.json", "figure1.png"]) {
      expect(existsSync(join(dir, ".spikegrade", file)), file).toBe(true);
    }
  });

  it("a broken simulator: the checklist names the failing check and its hint, exit 1", () => {
    const dir = copy("tests/fixtures/broken/resistance-off-by-1000", "resistance");
    const { code, stdout } = spikegrade("check", dir);
    expect(code).toBe(1);
    expect(stdout).toMatch(/✗ FAIL\s+neuron\.fi/);
    expect(stdout).toContain("1e-3");
    expect(stdout).toMatch(/Score \d+\/\d+ — \d+ failed/);
    expect(stdout).toContain("hidden checks run only at grading");
    expect(stdout).toContain("Report: ");
  });

  it("a fresh starter loads but fails, with the TODO in the messages", () => {
    const dir = join(scratch, "starter");
    expect(spikegrade("init", dir, "--language", "python").code).toBe(0);
    const { code, stdout } = spikegrade("check", dir);
    expect(code).toBe(1);
    expect(stdout).toMatch(/✓ pass\s+load/);
    expect(stdout).toContain("TODO");
    // init's placeholder student fails the manifest check (the rest still runs) until replaced.
    expect(stdout).toMatch(/✗ FAIL\s+manifest/);
    expect(stdout).toContain("members[0] still holds the placeholder of spikegrade init");
  });

  it("misuse exits 2", () => {
    expect(spikegrade("check", ".", "--timeout", "soon").code).toBe(2);
    const missing = spikegrade("check", join(scratch, "no-such-folder"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("is not a folder");
    expect(existsSync(join(scratch, "no-such-folder"))).toBe(false);
    // A folder without submission.json is the wrong folder: misuse, and nothing written there.
    const empty = join(scratch, "not-a-submission");
    mkdirSync(empty);
    const wrong = spikegrade("check", empty);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("has no submission.json");
    expect(readdirSync(empty)).toEqual([]);
    expect(spikegrade("frobnicate").code).toBe(2);
    expect(spikegrade("init", "x", "--language", "cobol").code).toBe(2);
  });
});

describe("spikegrade validate", () => {
  it("exits 0 for a valid file, 1 for an invalid one, 2 for a missing one", () => {
    expect(
      spikegrade("validate", join(root, "submissions/example-results/figure1.json")).code,
    ).toBe(0);
    const bad = spikegrade("validate", join(root, "tests/fixtures/manifests/four-members.json"));
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("members has 4 students; a team has 1 to 3");
    expect(spikegrade("validate", join(scratch, "nothing.json")).code).toBe(2);
    // A submission.json is judged as check judges it: the file it names must be there.
    const lost = copy("submissions/example-python", "entry-lost");
    rmSync(join(lost, "simulator.py"));
    const noEntry = spikegrade("validate", join(lost, "submission.json"));
    expect(noEntry.code).toBe(1);
    expect(noEntry.stdout).toContain(
      "simulator.entry names simulator.py, which is not in the submission folder",
    );
    expect(
      spikegrade("validate", join(root, "submissions/example-python/submission.json")).code,
    ).toBe(0);
  });
});
