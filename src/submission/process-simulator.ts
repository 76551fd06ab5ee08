/**
 * A student's simulator, running in a process of its own: one long-lived process per
 * submission serves every call, so the interpreter and numpy start once. Calls go over a
 * private channel (fd 3); whatever the student prints goes to a capped log. Every way the
 * process can fail ends as a CallFailure, never as a thrown error.
 */

import type {
  CallFailure,
  CallResult,
  FailureKind,
  Isolation,
  LoadResult,
  SimulatorFunction,
} from "./call-result.js";
import { CappedLog, formatBytes } from "./capped-log.js";
import type { TaskGroup } from "./cgroup.js";
import { type ProcessExit, type StudentProcess, startStudentProcess } from "./child-process.js";
import { exitFailure } from "./exit-failure.js";
import { encodeFrame, FrameDecoder } from "./frames.js";
import type { SimulatorLanguage } from "./language.js";
import type { LaunchPlan } from "./launch-plan.js";
import { packRequest, unpackFloats } from "./packed-floats.js";
import { liveTaskGroups, removePrivateFolder } from "./private-folder.js";
import { treeResidentBytes, treeTaskCount } from "./process-tree.js";
import type { Simulator } from "./simulator.js";

/** A notebook's cells that raised while loading, as the runner reported them, and what each raised. */
interface FailedCells {
  cells: number[];
  errors?: string[];
}

/**
 * The runner's report of failed cells, from the student's process, so checked: cell numbers are
 * positive integers (at most 50; nothing else passes), and each error, one line of at most 200
 * characters, is kept beside its own cell, only where one was said for every cell kept.
 */
function failedCellsOf(numbers: unknown, texts: unknown): FailedCells {
  if (!Array.isArray(numbers)) return { cells: [] };
  const said = Array.isArray(texts) ? texts : [];
  const cells: number[] = [];
  const errors: unknown[] = [];
  numbers.forEach((n, i) => {
    if (cells.length >= 50 || !Number.isInteger(n) || n <= 0) return;
    cells.push(n);
    errors.push(said[i]);
  });
  if (!errors.every((t): t is string => typeof t === "string")) return { cells };
  return { cells, errors: errors.map((t) => (t.length <= 200 ? t : `${t.slice(0, 200)}...`)) };
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

export interface ProcessSettings {
  timeoutMs: number;
  loadTimeoutMs: number;
  memoryMiB: number;
  logCapBytes: number;
  outputLimitBytes: number;
  cpuSeconds: number;
  privateFolder: string;
  viaBubblewrap: boolean;
  maxTasks: number;
  /** The simulator's own control group, where one could be made. */
  group: TaskGroup | null;
}

/** A message from a runner, after its shape has been checked. */
type RunnerMessage =
  | { type: "loaded"; ok: true; confinement?: unknown }
  | { type: "result"; id: number; ok: true; value: unknown }
  | { type: "loaded" | "result"; id?: number; ok: false; kind: FailureKind; message: string };

const RUNNER_FAILURE_KINDS: readonly FailureKind[] = ["load", "memory", "exception", "protocol"];

function asRunnerMessage(value: unknown): RunnerMessage | null {
  if (typeof value !== "object" || value === null) return null;
  const message = value as Record<string, unknown>;
  if (message.type !== "loaded" && message.type !== "result") return null;
  if (message.type === "result" && typeof message.id !== "number") return null;
  if (message.ok === true) return message as RunnerMessage;
  if (
    message.ok === false &&
    typeof message.message === "string" &&
    RUNNER_FAILURE_KINDS.includes(message.kind as FailureKind)
  ) {
    return message as RunnerMessage;
  }
  return null;
}

/**
 * Waits out the event loop's current I/O phase. A runner flushes the student's output before it
 * answers, so by the time the answer is read that output is in the pipe, and its read callback
 * runs in this phase or came before: the log is complete up to the answer when a call returns.
 */
function outputReadSoFar(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

type Waiter = (answer: RunnerMessage | CallFailure) => void;

const WATCH_INTERVAL_MS = 250;
const CLOSE_GRACE_MS = 500;

export class ProcessSimulator implements Simulator {
  loadCheck: LoadResult = { ok: false, kind: "load", message: "not started" };
  private process: StudentProcess | undefined;
  private readonly output: CappedLog;
  private readonly decoder = new FrameDecoder();
  private dead: CallFailure | null = null;
  private closing: Promise<void> | null = null;
  private waiter: Waiter | null = null;
  /** "while loading x.py", "while running simulateNeuron" or "between calls". */
  private where: string;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private watchdog: NodeJS.Timeout | undefined;
  tampered: string | null = null;
  /** What the runner reported it applied in the kernel (Landlock, seccomp). */
  private confinement: string[] = [];

  constructor(
    readonly entry: string,
    readonly language: SimulatorLanguage,
    readonly isolation: Isolation,
    private readonly baseNote: string,
    private readonly settings: ProcessSettings,
  ) {
    this.where = `while loading ${entry}`;
    this.output = new CappedLog(settings.logCapBytes, settings.outputLimitBytes, () =>
      this.stop(
        "output",
        `the simulator printed more than ${formatBytes(settings.outputLimitBytes)} ${this.where}; ` +
          `the process was stopped (the log keeps the first ${formatBytes(settings.logCapBytes)})`,
      ),
    );
  }

  get isolationNote(): string {
    return this.confinement.length === 0
      ? this.baseNote
      : `${this.baseNote}; in the kernel, ${this.confinement.join(" and ")}`;
  }

  async start(plan: LaunchPlan): Promise<void> {
    const started = performance.now();
    const child = startStudentProcess({
      ...plan,
      onOutput: (chunk) => this.output.append(chunk),
    });
    this.process = child;
    child.channel.on("data", (chunk: Buffer) => this.receive(chunk));
    void child.exited.then((exit) => this.exited(exit));
    this.watchMemory(child);

    const answer = await this.answer(
      this.settings.loadTimeoutMs,
      `loading ${this.entry} did not finish within ${seconds(this.settings.loadTimeoutMs)}; the process was stopped`,
    );
    await outputReadSoFar();
    if (!("type" in answer)) {
      this.loadCheck = answer;
    } else if (answer.type !== "loaded") {
      this.loadCheck = this.stop("protocol", "the runner answered before it had loaded");
    } else if (answer.ok) {
      const { confinement, failedCells, cellErrors } = answer as {
        confinement?: unknown;
        failedCells?: unknown;
        cellErrors?: unknown;
      };
      if (Array.isArray(confinement)) {
        this.confinement = confinement.filter((c): c is string => typeof c === "string");
      }
      const loaded = await this.confirmRunner(performance.now() - started);
      const failed = failedCellsOf(failedCells, cellErrors);
      this.loadCheck =
        loaded.ok && failed.cells.length > 0
          ? {
              ...loaded,
              failedCells: failed.cells,
              ...(failed.errors ? { cellErrors: failed.errors } : {}),
            }
          : loaded;
      this.where = "between calls";
    } else {
      this.loadCheck = this.stop(answer.kind, answer.message);
    }
  }

  /** The runner answers a ping after "loaded": a forged "loaded" followed by an exception, an
   * exit or the runner's own answer does not pass for a module that loaded. */
  private async confirmRunner(ms: number): Promise<LoadResult> {
    const child = this.process as StudentProcess;
    const pending = this.answer(
      this.settings.loadTimeoutMs,
      `${this.entry} loaded, but spikegrade's runner did not answer within ${seconds(this.settings.loadTimeoutMs)}; the process was stopped`,
    );
    child.channel.write(encodeFrame(JSON.stringify({ id: 0, fn: "ping", request: {} })));
    const answer = await pending;
    if (!("type" in answer)) return answer;
    if (answer.type === "result" && answer.id === 0 && answer.ok && answer.value === "pong") {
      return { ok: true, ms };
    }
    return this.tamper(this.where);
  }

  /** Something else wrote to the runner's channel: the process is stopped, the load distrusted. */
  private tamper(where: string): CallFailure {
    this.tampered = `the simulator wrote to spikegrade's private channel (file descriptor 3) ${where}; its answers cannot be trusted`;
    return this.stop("protocol", this.tampered);
  }

  call(fn: SimulatorFunction, request: object): Promise<CallResult> {
    const result = this.queue.then(() => this.callNow(fn, request));
    this.queue = result.catch(() => undefined);
    return result;
  }

  log(): string {
    return this.output.text();
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async callNow(fn: SimulatorFunction, request: object): Promise<CallResult> {
    if (this.dead !== null) return this.dead;
    const child = this.process as StudentProcess;
    const id = this.nextId++;
    // The Python runners read long currents packed (packed-floats.ts); the others, JSON.
    const sent =
      this.language === "python" || this.language === "notebook" ? packRequest(request) : request;
    const frame = encodeFrame(JSON.stringify({ id, fn, request: sent }));
    this.where = `while running ${fn}`;
    const started = performance.now();
    const pending = this.answer(
      this.settings.timeoutMs,
      `${fn} did not answer within ${seconds(this.settings.timeoutMs)}; the process was stopped`,
    );
    child.channel.write(frame);
    const answer = await pending;
    const ms = performance.now() - started;
    await outputReadSoFar();
    this.where = "between calls";
    if (!("type" in answer)) return answer;
    if (answer.type !== "result" || answer.id !== id) return this.tamper(`while running ${fn}`);
    if (!answer.ok) return { ok: false, kind: answer.kind, message: answer.message };
    return { ok: true, value: answer.value, ms };
  }

  /** The next message from the runner, or the failure that ended the process or the wait. */
  private answer(timeoutMs: number, timeoutMessage: string): Promise<RunnerMessage | CallFailure> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.stop("timeout", timeoutMessage), timeoutMs);
      this.waiter = (answer) => {
        clearTimeout(timer);
        this.waiter = null;
        resolve(answer);
      };
      if (this.dead !== null) this.waiter(this.dead);
    });
  }

  private receive(chunk: Buffer): void {
    let bodies: string[];
    try {
      bodies = this.decoder.push(chunk);
    } catch (error) {
      this.stop("protocol", `the simulator's process sent a malformed message (${String(error)})`);
      return;
    }
    for (const body of bodies) {
      let message: RunnerMessage | null = null;
      try {
        message = asRunnerMessage(unpackFloats(JSON.parse(body)));
      } catch {
        // Handled below as a malformed message.
      }
      if (message === null) {
        this.stop("protocol", "the simulator's process sent a message spikegrade cannot read");
        return;
      }
      if (this.waiter === null) {
        this.tamper(this.where);
        return;
      }
      this.waiter(message);
    }
  }

  /** Stops the process for a reason; the first reason is what every later call is told. */
  private stop(kind: FailureKind, message: string): CallFailure {
    if (this.dead !== null) return this.dead;
    const failure: CallFailure = { ok: false, kind, message };
    this.dead = failure;
    if (this.closing === null) this.output.note(message);
    this.process?.kill();
    this.settings.group?.killAll();
    this.waiter?.(failure);
    return failure;
  }

  private exited(exit: ProcessExit): void {
    clearInterval(this.watchdog);
    if (this.dead !== null) return;
    const failure = exitFailure(exit, {
      where: this.where,
      tail: this.output.tail(),
      memoryMiB: this.settings.memoryMiB,
      cpuSeconds: this.settings.cpuSeconds,
      viaBubblewrap: this.settings.viaBubblewrap,
    });
    this.stop(failure.kind, failure.message);
  }

  /** The resident memory of the whole process tree, checked a few times a second: memory that
   * escapes the runtime's own limits (Node buffers, native code) still has a ceiling. */
  private watchMemory(child: StudentProcess): void {
    const pid = child.pid;
    if (pid === undefined) return;
    const limitBytes = this.settings.memoryMiB * 1024 * 1024 * 1.25;
    const { maxTasks, group } = this.settings;
    this.watchdog = setInterval(() => {
      const resident = treeResidentBytes(pid);
      if (resident > limitBytes) {
        this.stop(
          "memory",
          `the simulator went over its ${this.settings.memoryMiB} MiB memory limit ${this.where} ` +
            `(${formatBytes(resident)} resident); the process was stopped`,
        );
        return;
      }
      // A control group refuses the task past its limit; without one, the count is ours.
      const tasks = group === null ? treeTaskCount(pid) : 0;
      if (tasks > maxTasks) {
        this.stop(
          "memory",
          `the simulator started more than ${maxTasks} processes and threads ${this.where} ` +
            `(${tasks}); the process was stopped`,
        );
      }
    }, WATCH_INTERVAL_MS);
    this.watchdog.unref();
  }

  private async shutDown(): Promise<void> {
    const child = this.process;
    if (this.dead === null) {
      this.dead = { ok: false, kind: "exit", message: `the simulator of ${this.entry} was closed` };
      this.waiter?.(this.dead);
    }
    if (child !== undefined) {
      // Closing the channel lets the runner exit by itself; the group is killed regardless.
      child.channel.end();
      const grace = new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref());
      await Promise.race([child.exited, grace]);
      child.kill();
      await child.exited;
    }
    clearInterval(this.watchdog);
    // Whatever left the process group (a double-forked daemon) is still in the control group.
    const group = this.settings.group;
    if (group !== null) {
      group.killAll();
      for (let tries = 0; tries < 50 && !group.remove(); tries++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      liveTaskGroups.delete(group);
    }
    await removePrivateFolder(this.settings.privateFolder);
  }
}
