import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { referenceFile } from "../../src/protocol/reference-files.js";
import { ROOT, runCli } from "../helpers/cli.js";

// `spikegrade rubric` and --rubric FILE as an instructor meets them on the command line.

const scratch = mkdtempSync(join(tmpdir(), "spikegrade-rubric-cli-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const DEFAULT_TEXT = readFileSync(referenceFile("rubric.json"), "utf8");

describe("spikegrade rubric", () => {
  it("prints the default rubric byte for byte, and --out writes it but never over a file", () => {
    const printed = runCli(["rubric"]);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toBe(DEFAULT_TEXT);
    const file = join(scratch, "course.json");
    expect(runCli(["rubric", "--out", file]).code).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(DEFAULT_TEXT);
    writeFileSync(file, '{"my": "changes"}');
    const again = runCli(["rubric", "--out", file]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`${file} already exists`);
    expect(readFileSync(file, "utf8")).toBe('{"my": "changes"}');
  });
});

describe("check --rubric", () => {
  const submission = join(scratch, "team");
  cpSync(join(ROOT, "submissions/example-results"), submission, { recursive: true });

  it("scores with the course's points", () => {
    const rubric = JSON.parse(DEFAULT_TEXT);
    for (const check of rubric.checks) if (check.id === "figure1.A") check.points = 7;
    const file = join(scratch, "seven.json");
    writeFileSync(file, JSON.stringify(rubric));
    const run = runCli(["check", submission, "--json", "--rubric", file]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.checks.find((c: { id: string }) => c.id === "figure1.A").maxPoints).toBe(7);
    expect(report.maxScore).toBe(13); // 1 + 1 + 7 + 2 + 1 + 1
  });

  it("refuses a rubric it may not use as misuse (exit 2), naming the file and the place, writing nothing", () => {
    const rubric = JSON.parse(DEFAULT_TEXT);
    rubric.checks[0].points = "two";
    const file = join(scratch, "bad.json");
    writeFileSync(file, JSON.stringify(rubric));
    rmSync(join(submission, ".spikegrade"), { recursive: true, force: true });
    const run = runCli(["check", submission, "--rubric", file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `the rubric cannot be used, so nothing was run or written:\n  - ${file}: checks[0].points is "two" (a string); expected a number`,
    );
    expect(existsSync(join(submission, ".spikegrade"))).toBe(false);
    const missing = runCli([
      "grade",
      submission,
      "--out",
      join(scratch, "out"),
      "--rubric",
      "nope.json",
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("nope.json is missing");
    expect(existsSync(join(scratch, "out"))).toBe(false);
  });

  it("checks a Gradescope bundle's rubric before the bundle is written", () => {
    const rubric = JSON.parse(DEFAULT_TEXT);
    rubric.checks.push({ ...rubric.checks[2], id: "neuron.made-up" });
    const file = join(scratch, "made-up.json");
    writeFileSync(file, JSON.stringify(rubric));
    const zip = join(scratch, "autograder.zip");
    const run = runCli(["gradescope", "--out", zip, "--rubric", file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("the rubric cannot be used, so nothing was run or written");
    expect(run.stderr).toContain("neuron.made-up");
    expect(existsSync(zip)).toBe(false);
  });
});
