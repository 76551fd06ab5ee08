/**
 * A student's simulator, running in a process of its own: one long-lived process per
 * submission serves every call, so the interpreter and numpy start once. Calls go over a
 * private channel (fd 3); whatever the student prints goes to a capped log. Every way the
 * process can fail ends as a CallFailure, never as a thrown error.
 */

import { rmSync } from "node:fs";
import { mkdtemp, realpath, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { isAbsolute, join, normalize, relative, sep } from "node:path";
import type {
  CallFailure,
  CallResult,
  FailureKind,
  Isolation,
  IsolationRequest,
  LoadResult,
  SimulatorFunction,
} from "./call-result.js";
import { CappedLog, formatBytes } from "./capped-log.js";
import { joiningGroup, makeTaskGroup, type TaskGroup } from "./cgroup.js";
import { type ProcessExit, type StudentProcess, startStudentProcess } from "./child-process.js";
import { exitFailure } from "./exit-failure.js";
import { scanFolder } from "./folder-scan.js";
import { encodeFrame, FrameDecoder } from "./frames.js";
import { chooseIsolation } from "./isolation.js";
import {
  languageOf,
  runsOnNode,
  SIMULATOR_EXTENSIONS,
  type SimulatorLanguage,
} from "./language.js";
import { type LaunchPlan, planLaunch } from "./launch-plan.js";
import { treeResidentBytes, treeTaskCount } from "./process-tree.js";

export interface SimulatorOptions {
  /** The submission folder. */
  folder: string;
  /** The simulator's entry file, relative to folder; its extension gives the language. */
  entry: string;
  /** Time limit of each call, in ms. */
  timeoutMs?: number;
  /** Time limit of loading (starting the runtime, importing or running the notebook), in ms. */
  loadTimeoutMs?: number;
  /** Memory limit, in MiB: Python's address space, Node's heap, and the resident set of both. */
  memoryMiB?: number;
  /** Output kept for the log, in bytes. */
  logCapBytes?: number;
  /** Output after which the process is stopped (kind "output"), in bytes. */
  outputLimitBytes?: number;
  isolation?: IsolationRequest;
  /**
   * The Python command (a notebook or .py simulator runs on its sys.executable); by default the
   * first of python3 and /usr/bin/python3 that imports numpy and scipy (see findPython).
   */
  python?: string;
  /** CPU time the process may use over its whole life, in s (Python only). */
  cpuSeconds?: number;
  /** Size of the private temporary folder, and of any one file written there, in bytes. */
  tmpBytes?: number;
  /** Processes and threads the simulator may have at once. */
  maxTasks?: number;
  /**
   * Whether to give the simulator a control group where the machine allows one (default); false
   * leaves the task limit to the watchdog's count, as on a machine without one.
   */
  controlGroup?: boolean;
}

const SIMULATOR_DEFAULTS = {
  timeoutMs: 60_000,
  memoryMiB: 2048,
  logCapBytes: 1024 * 1024,
  outputLimitBytes: 50 * 1024 * 1024,
  isolation: "auto",
  tmpBytes: 256 * 1024 * 1024,
  // Numerical libraries get one thread each (environment.ts); Node's own threads are about ten.
  maxTasks: 64,
} as const;

export interface Simulator {
  readonly entry: string;
  /** undefined when the entry's extension is not one spikegrade runs. */
  readonly language: SimulatorLanguage | undefined;
  /** The isolation that was used. */
  readonly isolation: Isolation;
  /** What that isolation blocks, and why it was chosen, for the report. */
  readonly isolationNote: string;
  /**
   * Set when something other than spikegrade's runner wrote to the runner's channel (a frame
   * nobody asked for, or an answer to a call not made): a load that looked fine is not trusted.
   */
  readonly tampered: string | null;
  /** Whether the module loaded and provides both functions. */
  readonly loadCheck: LoadResult;
  /** One call; calls made while another runs wait their turn. */
  call(fn: SimulatorFunction, request: object): Promise<CallResult>;
  /** What the student's process printed (capped, with a note when cut) and spikegrade's notes. */
  log(): string;
  /** Stops the process and removes the private folder. Safe to call twice. */
  close(): Promise<void>;
}

// Private folders and control groups of simulators not yet closed, removed if the grader exits
// without closing them (an uncaught error, a closed stdout, a signal the CLI turns into an
// exit): temporary folders must not pile up, nor student processes outlive the grader.
const openFolders = new Set<string>();
const liveTaskGroups = new Set<TaskGroup>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const group of liveTaskGroups) {
      group.killAll();
      group.remove();
    }
    for (const open of openFolders) rmSync(open, { recursive: true, force: true });
  });
}

async function makePrivateFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), "spikegrade-"));
  openFolders.add(folder);
  installExitHook();
  return folder;
}

async function removePrivateFolder(folder: string): Promise<void> {
  await rm(folder, { recursive: true, force: true });
  openFolders.delete(folder);
}

/** The limits of one simulator: the options given, the defaults for the rest. */
function simulatorSettings(options: SimulatorOptions) {
  const timeoutMs = options.timeoutMs ?? SIMULATOR_DEFAULTS.timeoutMs;
  return {
    timeoutMs,
    loadTimeoutMs: options.loadTimeoutMs ?? options.timeoutMs ?? SIMULATOR_DEFAULTS.timeoutMs,
    memoryMiB: options.memoryMiB ?? SIMULATOR_DEFAULTS.memoryMiB,
    logCapBytes: options.logCapBytes ?? SIMULATOR_DEFAULTS.logCapBytes,
    outputLimitBytes: options.outputLimitBytes ?? SIMULATOR_DEFAULTS.outputLimitBytes,
    python: options.python,
    tmpBytes: options.tmpBytes ?? SIMULATOR_DEFAULTS.tmpBytes,
    maxTasks: options.maxTasks ?? SIMULATOR_DEFAULTS.maxTasks,
    // The wall-clock limits are what stop a hang; the CPU budget only guards against a process
    // that outlives a grader killed without cleanup.
    cpuSeconds: options.cpuSeconds ?? Math.max(600, Math.ceil((timeoutMs / 1000) * 20)),
  };
}

/** Opens a simulator: starts its process and checks that it loads. Never rejects for anything
 * the submission does; only for the grader's own setup (bubblewrap demanded but unusable). */
export async function openSimulator(options: SimulatorOptions): Promise<Simulator> {
  const settings = simulatorSettings(options);
  const entry = options.entry;
  const language = languageOf(entry);
  const choice = await chooseIsolation(
    options.isolation ?? SIMULATOR_DEFAULTS.isolation,
    language === undefined || runsOnNode(language),
  );
  const failed = (message: string): Simulator =>
    new FailedSimulator(entry, language, choice.isolation, choice.note, message);

  if (language === undefined) {
    return failed(
      `${entry}: spikegrade runs simulators in files ending ${SIMULATOR_EXTENSIONS.join(" ")}`,
    );
  }
  const located = await locateEntry(options.folder, entry);
  if ("message" in located) return failed(located.message);
  // Node's permission model checks a path as written: a link to / inside the folder would
  // open everything. Nothing runs from a folder that holds one (or a pipe, or a huge file).
  const scan = await scanFolder(located.folder);
  if (!scan.ok) return failed(scan.message);

  const privateFolder = await makePrivateFolder();
  try {
    const planned = await planLaunch({
      language,
      folder: located.folder,
      entryPath: located.entryPath,
      display: entry,
      privateFolder,
      isolation: choice,
      memoryMiB: settings.memoryMiB,
      cpuSeconds: settings.cpuSeconds,
      tmpBytes: settings.tmpBytes,
      python: settings.python,
    });
    if (!planned.ok) {
      await removePrivateFolder(privateFolder);
      return failed(planned.message);
    }
    const group = options.controlGroup === false ? null : makeTaskGroup(settings.maxTasks);
    if (group !== null) liveTaskGroups.add(group);
    const simulator = new ProcessSimulator(entry, language, choice.isolation, choice.note, {
      ...settings,
      privateFolder,
      viaBubblewrap: choice.bubblewrap !== undefined,
      group,
    });
    await simulator.start(inGroup(planned.plan, group));
    return simulator;
  } catch (error) {
    await removePrivateFolder(privateFolder);
    throw error;
  }
}

/** A launch plan whose process starts inside the task group (none: as planned). */
function inGroup(plan: LaunchPlan, group: TaskGroup | null): LaunchPlan {
  return group === null
    ? plan
    : { ...plan, ...joiningGroup(group.procsFile, plan.command, plan.args) };
}

async function locateEntry(
  folder: string,
  entry: string,
): Promise<{ folder: string; entryPath: string } | { message: string }> {
  let realFolder: string;
  try {
    realFolder = await realpath(folder);
  } catch {
    return { message: `the submission folder ${folder} does not exist` };
  }
  const normalized = normalize(entry);
  if (isAbsolute(entry) || normalized === ".." || normalized.startsWith(`..${sep}`)) {
    return { message: `${entry} is not inside the submission folder` };
  }
  let entryPath: string;
  try {
    entryPath = await realpath(join(realFolder, normalized));
  } catch {
    return { message: `${entry} was not found in the submission folder` };
  }
  const rel = relative(realFolder, entryPath);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) {
    return { message: `${entry} leads outside the submission folder (a symbolic link?)` };
  }
  if (!(await stat(entryPath)).isFile()) return { message: `${entry} is not a file` };
  return { folder: realFolder, entryPath };
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

/** A simulator that never started: every call gives the reason. */
class FailedSimulator implements Simulator {
  readonly loadCheck: CallFailure;
  readonly tampered = null;

  constructor(
    readonly entry: string,
    readonly language: SimulatorLanguage | undefined,
    readonly isolation: Isolation,
    readonly isolationNote: string,
    message: string,
  ) {
    this.loadCheck = { ok: false, kind: "load", message };
  }

  async call(): Promise<CallResult> {
    return this.loadCheck;
  }

  log(): string {
    return `[spikegrade] ${this.loadCheck.message}\n`;
  }

  async close(): Promise<void> {}
}

interface ProcessSettings {
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

class ProcessSimulator implements Simulator {
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
      const { confinement } = answer as { confinement?: unknown };
      if (Array.isArray(confinement)) {
        this.confinement = confinement.filter((c): c is string => typeof c === "string");
      }
      this.loadCheck = await this.confirmRunner(performance.now() - started);
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
    const frame = encodeFrame(JSON.stringify({ id, fn, request }));
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
        message = asRunnerMessage(JSON.parse(body));
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
