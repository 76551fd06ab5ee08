/**
 * One grading run per output folder: two runs writing the same team's files and gradebook at
 * once would leave a mix of both. The lock is a file created exclusively in OUT, holding who
 * took it; a lock whose process is gone (a run killed with SIGKILL) is taken over.
 */

import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { validate } from "../protocol/schemas.js";
import type { OutputLock } from "../protocol/types.js";

export const LOCK_FILE = ".spikegrade-grading.lock";

export type LockOutcome = { ok: true; release: () => void } | { ok: false; message: string };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(path: string): OutputLock | null {
  try {
    const holder = validate("output-lock", JSON.parse(readFileSync(path, "utf8")));
    return holder.ok ? holder.value : null;
  } catch {
    return null;
  }
}

/** Takes OUT's lock, or says who holds it. */
export function lockOutput(out: string): LockOutcome {
  const path = join(out, LOCK_FILE);
  const me: OutputLock = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, `${JSON.stringify(me)}\n`, { flag: "wx" });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        // Only our own lock: never one a later run took over.
        if (readHolder(path)?.pid === me.pid) rmSync(path, { force: true });
      };
      process.once("exit", release);
      return { ok: true, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = readHolder(path);
    const stale = holder !== null && holder.host === me.host && !alive(holder.pid);
    if (!stale) {
      const who =
        holder === null
          ? "another run (its lock file cannot be read)"
          : `process ${holder.pid} on ${holder.host}, since ${holder.since}`;
      return {
        ok: false,
        message: `${out} is being graded by ${who}; wait for it to finish, or remove ${path} if that run is gone`,
      };
    }
    rmSync(path, { force: true });
  }
  return { ok: false, message: `the lock ${path} could not be taken` };
}
