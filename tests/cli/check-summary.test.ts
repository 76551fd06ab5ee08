import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

// `check --summary FILE`: the checklist appended to FILE as Markdown (GitHub's job summary),
// everything else check does left as it was.
const scratch = mkdtempSync(join(tmpdir(), "spikegrade-summary-"));
const team = join(scratch, "my-team");
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

beforeAll(() => {
  const init = runCli(["init", team, "--language", "python"]);
  expect(init.code, init.stderr).toBe(0);
});

/** What check printed, with the numbers that change from run to run (timings) masked. */
const masked = (text: string) => text.replace(/\d+(\.\d+)?/g, "N");

describe("check --summary", () => {
  it("refuses a summary in a folder that does not exist, before checking anything (exit 2)", () => {
    const run = runCli(["check", team, "--summary", join(scratch, "nowhere", "summary.md")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`the folder ${join(scratch, "nowhere")} does not exist`);
    expect(existsSync(join(team, ".spikegrade"))).toBe(false);
  });

  it("refuses a folder as the summary (exit 2)", () => {
    mkdirSync(join(scratch, "a-folder"));
    const run = runCli(["check", team, "--summary", join(scratch, "a-folder")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("is a folder; give the file to append the checklist to");
  });

  it("appends the checklist as Markdown, and prints and exits as check without it", () => {
    const summary = join(scratch, "summary.md");
    writeFileSync(summary, "what an earlier step wrote\n");
    const withSummary = runCli(["check", team, "--summary", summary]);
    const without = runCli(["check", team]);
    expect(withSummary.code).toBe(1);
    expect(without.code).toBe(1);
    expect(masked(withSummary.stdout)).toBe(masked(without.stdout));

    const markdown = readFileSync(summary, "utf8");
    expect(
      markdown.startsWith("what an earlier step wrote\n## spikegrade check: my\\-team\n"),
    ).toBe(true);
    // The placeholder student fails the manifest; every TODO raises: load's point only.
    expect(markdown).toMatch(/\*\*Score 1\/\d+ — 1 failed, \d+ errors\*\*/);
    expect(markdown).toContain("| ❌ FAIL | manifest |");
    // The starter's TODO, in the failing check's code block, as the student's simulator said it.
    expect(markdown).toMatch(
      /### ⚠️ ERROR: stimulus\\\.step[\s\S]*?```text\n[^`]*TODO: write make_stimulus/,
    );
    expect(markdown.trimEnd()).toMatch(
      /The report, with the figures and the log: \\\.spikegrade\/report\\\.html$/,
    );
  });

  it("goes with --json, whose stdout stays one JSON object", () => {
    const summary = join(scratch, "json-summary.md");
    const run = runCli(["check", team, "--json", "--summary", summary]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).team).toBe("my-team");
    expect(readFileSync(summary, "utf8")).toContain("## spikegrade check: my\\-team");
  });
});
