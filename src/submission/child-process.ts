/**
 * The one place where spikegrade starts processes: student simulators (long-lived, in their own
 * process group, with a private channel on fd 3) and short probes of the machine.
 */

import { type ChildProcess, execFile, spawn } from "node:child_process";
import type { Duplex } from "node:stream";

export interface ProcessExit {
  /** Exit code, or null when a signal ended the process. */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all (e.g. ENOENT). */
  error?: string;
}

export interface StudentProcess {
  readonly pid: number | undefined;
  /** fd 3 of the child: spikegrade's protocol, both directions. */
  readonly channel: Duplex;
  readonly exited: Promise<ProcessExit>;
  /** SIGKILL to the whole process group: the runner and anything it started. */
  kill(): void;
}

export interface StartOptions {
  command: string;
  args: readonly string[];
  cwd: string;
  env: Record<string, string>;
  /** Each chunk of stdout or stderr, in arrival order. */
  onOutput(chunk: Buffer): void;
}

// Groups still alive when the grader itself exits are killed on the way out: a detached child
// would otherwise outlive it.
const liveGroups = new Set<number>();
let exitHookInstalled = false;

function killGroup(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

function rememberGroup(pid: number): void {
  liveGroups.add(pid);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on("exit", () => {
      for (const group of liveGroups) killGroup(group);
    });
  }
}

export function startStudentProcess(options: StartOptions): StudentProcess {
  const child: ChildProcess = spawn(options.command, [...options.args], {
    cwd: options.cwd,
    env: options.env,
    // A process group of its own, so a timeout can stop everything the student started.
    detached: true,
    stdio: ["ignore", "pipe", "pipe", "pipe"],
  });
  const pid = child.pid;
  if (pid !== undefined) rememberGroup(pid);
  child.stdout?.on("data", options.onOutput);
  child.stderr?.on("data", options.onOutput);
  const channel = child.stdio[3] as Duplex;
  // The channel errors (EPIPE, ECONNRESET) when the child dies mid-write; the exit says why.
  channel.on("error", () => {});

  const exited = new Promise<ProcessExit>((resolve) => {
    let startError: string | undefined;
    child.once("error", (error) => {
      startError = error.message;
      if (pid === undefined) resolve({ code: null, signal: null, error: startError });
    });
    child.once("exit", () => {
      if (pid !== undefined) killGroup(pid);
      // "close" waits for every holder of the pipes; a straggler outside the group (there
      // should be none) must not keep the grader waiting.
      setTimeout(() => {
        for (const stream of child.stdio) stream?.destroy();
      }, 2000).unref();
    });
    // "close" waits for stdout and stderr to drain, so the log is complete when it fires.
    child.once("close", (code, signal) => {
      if (pid !== undefined) {
        // Anything the runner left behind in its group goes with it.
        killGroup(pid);
        liveGroups.delete(pid);
      }
      resolve({ code, signal, ...(startError === undefined ? {} : { error: startError }) });
    });
  });

  return {
    pid,
    channel,
    exited,
    kill() {
      if (pid !== undefined) killGroup(pid);
    },
  };
}

export interface ProbeResult {
  code: number | null;
  stdout: string;
  stderr: string;
  error?: string;
}

/** Runs a short command of the grader's own (not student code) and collects its output. */
export function runProbe(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<ProbeResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      [...args],
      {
        cwd: options.cwd,
        env: options.env ?? process.env,
        timeout: options.timeoutMs,
        killSignal: "SIGKILL",
        maxBuffer: 4 * 1024 * 1024,
        encoding: "utf8",
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : null;
        resolve({
          code,
          stdout,
          stderr,
          ...(error === null ? {} : { error: error.message }),
        });
      },
    );
  });
}
