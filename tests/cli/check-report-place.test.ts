import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers/cli.js";
import { HAS_BUBBLEWRAP } from "../submission/helpers.js";

// Where check's report goes when DIR/.spikegrade/ cannot take it: the checks have run by then,
// and their verdict is printed whatever happens to the report.

const scratch = mkdtempSync(join(tmpdir(), "spikegrade-report-place-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function results(name: string): string {
  const dir = join(scratch, name);
  cpSync(join(ROOT, "submissions/example-results"), dir, { recursive: true });
  return dir;
}

describe("check where the report cannot go to DIR/.spikegrade/", () => {
  // A read-only folder (a student's handed in so, another user's) is one for root too only
  // behind a read-only bind: bubblewrap's.
  it.skipIf(!HAS_BUBBLEWRAP)(
    "a folder that cannot be written: the checks, then the report in a temporary folder, said so",
    () => {
      const dir = results("read-only");
      const run = runCli(["check", dir], { readOnly: dir });
      expect(run.stderr).not.toContain("Error:");
      expect(run.stdout).toContain("Score 8/8");
      expect(run.stdout).toMatch(
        /\.spikegrade cannot be written here \((EACCES|EROFS|EPERM)\): the report went to a temporary folder instead\./,
      );
      const report = /^Report: (.*report\.html)$/m.exec(run.stdout)?.[1];
      expect(report).toBeDefined();
      expect(report?.startsWith(join(dir, ".spikegrade"))).toBe(false);
      expect(existsSync(report as string)).toBe(true);
      expect(run.code).toBe(0);
      rmSync(join(report as string, ".."), { recursive: true, force: true });
    },
  );

  it("a report that cannot be written (a folder in its place): the score, then why, exit 1, no temporary file left", () => {
    const dir = results("blocked");
    mkdirSync(join(dir, ".spikegrade", "report.html"), { recursive: true });
    const run = runCli(["check", dir]);
    expect(run.stdout).toContain("Score 8/8");
    expect(run.stderr).toContain(
      `spikegrade check: the report could not be written to ${join(dir, ".spikegrade")} (EISDIR); the checks above stand`,
    );
    expect(run.stderr).not.toContain("    at ");
    expect(run.code).toBe(1);
    expect(readdirSync(join(dir, ".spikegrade")).filter((n) => n.includes(".tmp-"))).toEqual([]);
  });
});
