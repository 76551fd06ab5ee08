import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LOCK_FILE, lockOutput } from "./out-lock.js";

const out = mkdtempSync(join(tmpdir(), "spikegrade-lock-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("the output folder's lock", () => {
  it("a second taker is told who holds it; after release it can be taken", () => {
    const first = lockOutput(out);
    expect(first.ok).toBe(true);
    const second = lockOutput(out);
    expect(second).toEqual({
      ok: false,
      message: expect.stringMatching(
        new RegExp(
          `is being graded by process ${process.pid} on .*, since \\d{4}-.*; wait for it to finish, or remove .*${LOCK_FILE.replaceAll(".", "\\.")} if that run is gone$`,
        ),
      ),
    });
    if (first.ok) first.release();
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
    const third = lockOutput(out);
    expect(third.ok).toBe(true);
    if (third.ok) third.release();
  });

  it("a lock left by a process that is gone is taken over", async () => {
    const gone = spawn("true");
    const pid = gone.pid as number;
    await new Promise((resolve) => gone.once("exit", resolve));
    writeFileSync(join(out, LOCK_FILE), JSON.stringify({ pid, host: hostname(), since: "then" }));
    const taken = lockOutput(out);
    expect(taken.ok).toBe(true);
    if (taken.ok) taken.release();
  });

  it("a lock that does not fit its schema is never taken over: someone unknown holds it", () => {
    // A pid that is surely gone, but a lock file spikegrade did not write (an extra key, since
    // not a string): it may be anyone's, so the run stops and says how to go on.
    writeFileSync(
      join(out, LOCK_FILE),
      JSON.stringify({ pid: 2 ** 22 + 7, host: hostname(), since: 5, note: "mine" }),
    );
    const refused = lockOutput(out);
    expect(refused).toEqual({
      ok: false,
      message: expect.stringContaining("another run (its lock file cannot be read)"),
    });
    rmSync(join(out, LOCK_FILE));
  });
});
