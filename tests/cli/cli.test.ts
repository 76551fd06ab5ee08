import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
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

  it("a notebook cell that raised while loading: the load line names the cell and what it raised", () => {
    const dir = copy("submissions/example-notebook", "notebook-import");
    const path = join(dir, "figure1.ipynb");
    const notebook = JSON.parse(readFileSync(path, "utf8"));
    const first = notebook.cells.findIndex((c: { cell_type: string }) => c.cell_type === "code");
    notebook.cells.splice(first, 0, {
      cell_type: "code",
      metadata: {},
      execution_count: null,
      outputs: [],
      source: ["import spikegrade_no_such_module\n"],
    });
    writeFileSync(path, JSON.stringify(notebook));
    const { stdout } = spikegrade("check", dir);
    expect(stdout).toMatch(
      /figure1\.ipynb loaded in [\d.]+ s and provides both functions; but cell \d+ \(ModuleNotFoundError: No module named 'spikegrade_no_such_module'\) raised while it loaded \(traceback in the log\)/,
    );
  });

  it("a broken simulator: the checklist names the failing check and its hint, exit 1", () => {
    const dir = copy("tests/fixtures/broken/resistance-off-by-1000", "resistance");
    const { code, stdout } = spikegrade("check", dir);
    expect(code).toBe(1);
    expect(stdout).toMatch(/✗ FAIL\s+neuron\.fi/);
    expect(stdout).toContain("1e-3");
    expect(stdout).toMatch(/Score \d+\/\d+ — \d+ failed/);
    // The student learns what the grade is out of: the public points plus the hidden ones.
    const rubric = JSON.parse(readFileSync("reference/rubric.json", "utf8")) as {
      checks: { points: number }[];
    };
    const total = rubric.checks.reduce((sum, c) => sum + c.points, 0);
    expect(stdout).toMatch(/4 hidden checks \(4 points\) run only at grading/);
    expect(stdout).toContain(`the grade is out of ${total}.`);
    expect(stdout).toContain("Report: ");
  });

  it("a results file: the checks that apply, and no hidden checks promised (none applies)", () => {
    const dir = copy("submissions/example-results", "results-only");
    const { code, stdout } = spikegrade("check", dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /every check that applies passed \(\d+ do not apply to this submission\)/,
    );
    expect(stdout).not.toContain("hidden");
    const report = readFileSync(join(dir, ".spikegrade", "report.html"), "utf8");
    expect(report).not.toContain('class="hidden-note"');
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

  it("a results starter: the missing file's fix is named, then the filled-in script passes", () => {
    const dir = join(scratch, "results-starter");
    const init = spikegrade("init", dir, "--language", "results");
    expect(init.code).toBe(0);
    expect(init.stdout).toContain("python3 make_results.py");
    const before = spikegrade("check", dir);
    expect(before.code).toBe(1);
    expect(before.stdout).toContain("write it with python3 make_results.py");
    // Still a results submission: the simulator's checks do not apply and cost nothing.
    expect(before.stdout).toMatch(/Score 0\/8 — /);
    // A student's run_panel that returns the data their own simulation produced.
    const example = join(root, "submissions/example-results/figure1.json");
    const script = join(dir, "make_results.py");
    const text = readFileSync(script, "utf8").replace(
      /raise NotImplementedError\([\s\S]*?\n {4}\)/,
      `return json.load(open(${JSON.stringify(example)}))["panels"][name]`,
    );
    writeFileSync(script, text);
    execFileSync("python3", ["-B", script]);
    writeFileSync(
      join(dir, "submission.json"),
      JSON.stringify({
        team: "results-starter",
        members: [{ id: "s1", name: "Ada Lovelace" }],
        results: "figure1.json",
      }),
    );
    const after = spikegrade("check", dir);
    expect(after.stdout).toMatch(/Score 8\/8 — every check that applies passed/);
    expect(after.code).toBe(0);
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
      "simulator.entry names simulator.py, which is not in the submission folder (entry-lost)",
    );
    // From a working folder elsewhere, the folder is named in full, not as ../../tmp/...
    const elsewhere = runCli(["validate", join(lost, "submission.json")], { cwd: root });
    expect(elsewhere.stdout).toContain(`which is not in the submission folder (${lost})`);
    expect(
      spikegrade("validate", join(root, "submissions/example-python/submission.json")).code,
    ).toBe(0);
  });
});

describe("spikegrade --version and --help", () => {
  // --version alone loads no command's modules; the version must still come out, and help must
  // still list every command.
  const version = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version as string;

  it("--version and -V print the package's version, exit 0", () => {
    for (const flag of ["--version", "-V"]) {
      const run = spikegrade(flag);
      expect(run.code).toBe(0);
      expect(run.stdout.trim()).toBe(version);
    }
  });

  it("help lists every command", () => {
    const help = spikegrade("--help");
    expect(help.code).toBe(0);
    for (const command of ["check", "grade", "sweep", "answers", "reference", "export"]) {
      expect(help.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, "m"));
    }
  });

  it("a wrong option's value: the error and one line of advice, not the whole help", () => {
    const run = spikegrade("sweep", "--jobs", "0");
    expect(run.code).toBe(2);
    const lines = run.stderr.trim().split("\n");
    expect(lines[0]).toContain("--jobs must be a whole number of at least 1");
    expect(lines.length).toBeLessThanOrEqual(3);
    expect(run.stderr).toContain("--help");
  });

  it("--version after other words is not taken for the bare flag", () => {
    const run = spikegrade("--version", "check");
    expect(run.code).not.toBe(null);
    expect(run.stdout).toContain(version);
  });
});
