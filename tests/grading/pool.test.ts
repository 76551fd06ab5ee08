import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ProcessPool } from "../../src/grading/pool.js";
import type { FakeJob } from "./fake-worker.js";

const pool = new ProcessPool<FakeJob, unknown>({
  size: 2,
  module: join(import.meta.dirname, "fake-worker.ts"),
  env: process.env,
  wallMs: 4000,
});
const scratch = mkdtempSync(join(tmpdir(), "spikegrade-pool-"));
afterAll(async () => {
  await pool.close();
  rmSync(scratch, { recursive: true, force: true });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function isZombie(pid: number): boolean {
  try {
    return /^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return true;
  }
}

describe("the worker pool", () => {
  it("runs jobs in worker processes and reuses a worker for the next job", async () => {
    expect(await pool.run({ action: "echo", value: 42 })).toEqual({ ok: true, value: 42 });
    const [a, b, c] = await Promise.all([
      pool.run({ action: "pid" }),
      pool.run({ action: "pid" }),
      pool.run({ action: "pid" }),
    ]);
    const pids = [a, b, c].map((o) => (o.ok ? (o.value as number) : -1));
    expect(pids.every((p) => p > 0 && p !== process.pid)).toBe(true);
    // Two workers at most: the third job ran on one of the first two.
    expect(new Set(pids).size).toBeLessThanOrEqual(2);
  });

  it("fails a job that throws with its message, and keeps the worker", async () => {
    const before = await pool.run({ action: "pid" });
    const thrown = await pool.run({ action: "throw" });
    expect(thrown).toEqual({
      ok: false,
      message: "spikegrade failed while grading: this job cannot be done",
    });
    const pid = await Promise.all([pool.run({ action: "pid" }), pool.run({ action: "pid" })]);
    expect(pid.map((o) => (o.ok ? o.value : undefined))).toContain(before.ok && before.value);
  });

  it("fails the job of a worker that dies, saying how and what it last said, then replaces it", async () => {
    const died = await pool.run({ action: "exit" });
    expect(died.ok).toBe(false);
    expect(died.ok ? "" : died.message).toBe(
      "the grading process exited with code 3; it said: about to exit",
    );
    expect(await pool.run({ action: "echo", value: 1 })).toEqual({ ok: true, value: 1 });
  });

  it("stops a job past the wall limit, with everything its worker started", async () => {
    const hung = await pool.run({ action: "hang" });
    expect(hung).toEqual({
      ok: false,
      message: "grading took longer than its wall limit of 4 s and was stopped",
    });
    const orphanPool = new ProcessPool<FakeJob, unknown>({
      size: 1,
      module: join(import.meta.dirname, "fake-worker.ts"),
      env: process.env,
      wallMs: 1500,
    });
    const pidFile = join(scratch, "orphan.pid");
    const stuck = await orphanPool.run({ action: "orphan", pidFile });
    expect(stuck.ok).toBe(false);
    await orphanPool.close();
    const orphan = Number(readFileSync(pidFile, "utf8"));
    expect(orphan).toBeGreaterThan(0);
    // SIGKILL is delivered at once, but the dead child lingers until reaped: poll briefly.
    let gone = false;
    for (let i = 0; i < 50 && !gone; i++) {
      gone = !alive(orphan) || isZombie(orphan);
      if (!gone) await new Promise((r) => setTimeout(r, 100));
    }
    expect(gone).toBe(true);
  });
});
