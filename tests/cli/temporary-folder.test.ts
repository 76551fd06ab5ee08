import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers/cli.js";

// Each simulator runs in a private folder made under TMPDIR: a TMPDIR that cannot take one (left
// pointing at a folder that is gone) is misuse said before any check, not a crash at the first.

const scratch = mkdtempSync(join(tmpdir(), "spikegrade-tmpdir-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const gone = join(scratch, "gone");
const said = `TMPDIR is ${gone}, where no folder can be made (ENOENT): set TMPDIR to a folder you can write in, or unset it; each simulator runs in a private folder made there`;

describe("a TMPDIR where no folder can be made", () => {
  it("check: exit 2, said, no checklist and no stack", () => {
    const dir = join(scratch, "python");
    cpSync(join(ROOT, "submissions/example-python"), dir, { recursive: true });
    const run = runCli(["check", dir], { env: { TMPDIR: gone } });
    expect(run.stderr).toContain(`spikegrade check: ${said}`);
    expect(run.stderr).not.toContain("    at ");
    expect(run.stdout).not.toContain("pass");
    expect(run.code).toBe(2);
  });

  it("grade: exit 2, said, nothing graded", () => {
    const classDir = join(scratch, "class");
    cpSync(join(ROOT, "submissions/example-results"), join(classDir, "a"), { recursive: true });
    const run = runCli(["grade", classDir, "--out", join(scratch, "out")], {
      env: { TMPDIR: gone },
    });
    expect(run.stderr).toContain(`spikegrade grade: ${said}`);
    expect(run.stderr).not.toContain("    at ");
    expect(run.code).toBe(2);
  });
});
