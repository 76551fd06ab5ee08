import { execFileSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT as root, runCli } from "../helpers/cli.js";

// The command line against folders made to hurt it: each ends with a message and an exit code,
// in seconds, and touches nothing outside the folder.

const scratch = mkdtempSync(join(tmpdir(), "spikegrade-cli-hostile-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const spikegrade = (...args: string[]) => runCli(args, { cwd: scratch, timeoutMs: 120_000 });

describe("spikegrade check on a hostile folder", () => {
  it("a named pipe as submission.json: a failed manifest at once, not a hang", () => {
    const dir = join(scratch, "pipe");
    mkdirSync(dir);
    execFileSync("mkfifo", [join(dir, "submission.json")]);
    const { code, stdout, signal } = spikegrade("check", dir);
    expect(signal).toBeNull();
    expect(code).toBe(1);
    expect(stdout).toContain(
      "submission.json is a named pipe; a submission holds only files and folders",
    );
  });

  it("a .spikegrade link is refused before anything runs, and its target is left alone", () => {
    const dir = join(scratch, "linked");
    cpSync(join(root, "submissions/example-python"), dir, { recursive: true });
    const target = join(scratch, "elsewhere");
    mkdirSync(target);
    rmSync(join(dir, ".spikegrade"), { recursive: true, force: true });
    symlinkSync(target, join(dir, ".spikegrade"));
    const { code, stderr } = spikegrade("check", dir);
    expect(code).toBe(2);
    expect(stderr).toContain(".spikegrade is a symbolic link; spikegrade writes its report only");
    expect(readdirSync(target)).toEqual([]);
  });
});

describe("the isolation is said once, before anything runs", () => {
  const dir = join(scratch, "results");
  cpSync(join(root, "submissions/example-results"), dir, { recursive: true });

  it("--isolation none: the fallback says what it does not guarantee", () => {
    const { code, stderr } = spikegrade("check", dir, "--isolation", "none");
    expect(code).toBe(0);
    const lines = stderr.split("\n").filter((l) => l.startsWith("Isolation:"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^Isolation: WITHOUT bubblewrap \(not used, as asked\)\..*Not guaranteed/,
    );
  });

  it("$SPIKEGRADE_ISOLATION sets the default; a wrong value is misuse", () => {
    const run = runCli(["check", dir], {
      cwd: scratch,
      env: { SPIKEGRADE_ISOLATION: "sometimes" },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      '$SPIKEGRADE_ISOLATION must be auto, bubblewrap or none, not "sometimes"',
    );
  });
});

describe("terminal escapes in a submission's text", () => {
  it("check prints an exception's escape sequences written out, never acting", () => {
    const dir = join(scratch, "escapes");
    cpSync(join(root, "tests/fixtures/hostile/escapes-py"), dir, { recursive: true });
    writeFileSync(
      join(dir, "submission.json"),
      JSON.stringify({
        team: "escapes",
        members: [{ id: "s1", name: "Eve" }],
        simulator: { entry: "simulator.py" },
      }),
    );
    const { code, stdout } = spikegrade("check", dir, "--timeout", "10");
    expect(code).toBe(1);
    expect(stdout).not.toContain("\u001b");
    expect(stdout).not.toContain("\r");
    expect(stdout).toContain("\\u{1b}[2J");
  });
});
