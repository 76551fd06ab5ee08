import { type ChildProcess, fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { packageRoot } from "../protocol/package-root.js";
import { removeTaskGroupsOf } from "../submission/cgroup.js";
import { processTree } from "../submission/process-tree.js";
import type { FromWorker, ToWorker } from "./worker-protocol.js";

export type PoolOutcome<R> = { ok: true; value: R } | { ok: false; message: string };

export interface PoolOptions {
  /** How many worker processes at most. */
  size: number;
  /** The worker module (it calls serveJobs): a .js file, or a .ts file run through esbuild. */
  module: string;
  /** The workers' environment. */
  env: NodeJS.ProcessEnv;
  /** Wall-clock limit of one job, ms: past it the worker and everything it started are killed. */
  wallMs: number;
}

/** How much of a dead worker's output is kept to say why it died. */
const TAIL_CHARACTERS = 2000;

interface Job {
  id: number;
  settled: boolean;
  settle: (outcome: PoolOutcome<unknown>) => void;
  timer?: NodeJS.Timeout;
}

interface Worker {
  child: ChildProcess;
  /** The worker's own TMPDIR, where its simulators' private folders go; removed when it exits. */
  tmp: string;
  /** The last output of the worker, to say why it died. */
  tail: string;
  /** Taken by a caller of run, from acquire to release. */
  reserved: boolean;
  job?: Job;
  exited: boolean;
}

/**
 * Node's arguments for a worker module: a TypeScript source (tests, `npm run bench`) is loaded
 * through the development loader in dev/ (not part of the published package, which runs the
 * compiled .js and needs nothing).
 */
function workerExecArgv(module: string): string[] {
  if (!module.endsWith(".ts")) return [];
  return ["--import", pathToFileURL(join(packageRoot(), "dev", "register.mjs")).href];
}

const liveWorkers = new Set<Worker>();
let exitHookInstalled = false;

/** What a worker leaves behind once it is gone: its temporary folder and control groups. */
function cleanUpAfter(worker: Worker): void {
  liveWorkers.delete(worker);
  if (worker.child.pid !== undefined) removeTaskGroupsOf(worker.child.pid);
  rmSync(worker.tmp, { recursive: true, force: true });
}

/** The grader leaving (an error, a signal the CLI turns into an exit) takes its workers along. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const worker of liveWorkers) {
      killTree(worker.child.pid);
      cleanUpAfter(worker);
    }
  });
}

/** Ends a process and every process below it (a worker and the simulators it started). */
function killTree(pid: number | undefined): void {
  if (pid === undefined) return;
  // Children first gathered, then killed: a parent killed first would orphan them out of reach.
  for (const member of processTree(pid).reverse()) {
    try {
      process.kill(member, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
}

/**
 * A pool of long-lived worker processes, each running one job at a time. A worker that dies or
 * overruns the wall limit fails its job with a message saying so, and is replaced for the next
 * job: one team's disaster never costs another team its grade.
 */
export class ProcessPool<J, R> {
  private readonly workers: Worker[] = [];
  private readonly waiting: (() => void)[] = [];
  private nextId = 0;
  private closed = false;

  constructor(private readonly options: PoolOptions) {}

  /** Runs one job on the first free worker. Never rejects. */
  async run(job: J): Promise<PoolOutcome<R>> {
    const worker = await this.acquire();
    const id = this.nextId++;
    const outcome = await new Promise<PoolOutcome<unknown>>((settle) => {
      const current: Job = { id, settled: false, settle };
      worker.job = current;
      current.timer = setTimeout(() => {
        const seconds = Math.round(this.options.wallMs / 1000);
        this.fail(
          worker,
          `grading took longer than its wall limit of ${seconds} s and was stopped`,
        );
        killTree(worker.child.pid);
      }, this.options.wallMs);
      if (worker.exited) {
        this.fail(worker, "the grading process stopped before it was sent its job");
        return;
      }
      const message: ToWorker<J> = { kind: "job", id, job };
      worker.child.send(message, (error) => {
        if (error)
          this.fail(worker, `the grading process could not be sent its job: ${error.message}`);
      });
    });
    this.release(worker);
    return outcome as PoolOutcome<R>;
  }

  /** Lets the idle workers exit (they do when their channel closes) and waits for them. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.exited) return resolve();
            w.child.once("exit", () => resolve());
            if (w.child.connected) w.child.disconnect();
          }),
      ),
    );
  }

  private acquire(): Promise<Worker> {
    const idle = this.workers.find((w) => !w.reserved && !w.exited);
    if (idle) {
      idle.reserved = true;
      return Promise.resolve(idle);
    }
    if (this.workers.filter((w) => !w.exited).length < this.options.size) {
      const worker = this.spawn();
      worker.reserved = true;
      return Promise.resolve(worker);
    }
    return new Promise((resolve) => this.waiting.push(() => resolve(this.acquire())));
  }

  private release(worker: Worker): void {
    if (worker.job?.timer) clearTimeout(worker.job.timer);
    worker.job = undefined;
    worker.reserved = false;
    if (worker.exited) this.forget(worker);
    this.waiting.shift()?.();
  }

  private forget(worker: Worker): void {
    const at = this.workers.indexOf(worker);
    if (at >= 0) this.workers.splice(at, 1);
  }

  private spawn(): Worker {
    if (this.closed) throw new Error("the pool is closed");
    // A worker killed at its wall limit cannot clean up after itself: its temporary files live
    // in a folder of the pool's, removed here whatever ended the worker.
    const tmp = mkdtempSync(join(tmpdir(), "spikegrade-worker-"));
    const child = fork(this.options.module, [], {
      execArgv: workerExecArgv(this.options.module),
      env: { ...this.options.env, TMPDIR: tmp },
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      serialization: "json",
    });
    const worker: Worker = { child, tmp, tail: "", reserved: false, exited: false };
    liveWorkers.add(worker);
    installExitHook();
    const keep = (chunk: Buffer) => {
      worker.tail = (worker.tail + chunk.toString("utf8")).slice(-TAIL_CHARACTERS);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    child.on("message", (message: FromWorker<R>) => {
      const job = worker.job;
      if (!job || job.settled || message.id !== job.id) return;
      job.settled = true;
      job.settle(
        message.kind === "done"
          ? { ok: true, value: message.value }
          : { ok: false, message: `spikegrade failed while grading: ${message.message}` },
      );
    });
    child.on("error", (error) => this.fail(worker, `the grading process failed: ${error.message}`));
    child.on("exit", (code, signal) => {
      worker.exited = true;
      cleanUpAfter(worker);
      const how = signal !== null ? `was killed by ${signal}` : `exited with code ${code}`;
      const said = worker.tail.trim().split("\n").slice(-3).join(" / ");
      this.fail(worker, `the grading process ${how}${said ? `; it said: ${said}` : ""}`);
      if (!worker.reserved) this.forget(worker);
    });
    this.workers.push(worker);
    return worker;
  }

  /** Fails the worker's current job, if any, once. */
  private fail(worker: Worker, message: string): void {
    const job = worker.job;
    if (!job || job.settled) return;
    job.settled = true;
    job.settle({ ok: false, message });
  }
}
