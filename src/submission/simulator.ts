/**
 * Opening a student's simulator: its options and limits, where its entry is, its sandbox and its
 * private folder; the process itself is process-simulator.ts, one that never started
 * failed-simulator.ts.
 */

import { realpath, stat } from "node:fs/promises";
import { isAbsolute, join, normalize, relative, sep } from "node:path";
import type {
  CallResult,
  Isolation,
  IsolationRequest,
  LoadResult,
  SimulatorFunction,
} from "./call-result.js";
import { joiningGroup, makeTaskGroup, type TaskGroup } from "./cgroup.js";
import { FailedSimulator } from "./failed-simulator.js";
import { scanFolder } from "./folder-scan.js";
import { chooseIsolation } from "./isolation.js";
import {
  languageOf,
  runsOnNode,
  SIMULATOR_EXTENSIONS,
  type SimulatorLanguage,
} from "./language.js";
import { type LaunchPlan, planLaunch } from "./launch-plan.js";
import { liveTaskGroups, makePrivateFolder, removePrivateFolder } from "./private-folder.js";
import { ProcessSimulator } from "./process-simulator.js";

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
