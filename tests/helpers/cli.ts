import { type ChildProcess, type StdioOptions, spawn, spawnSync } from "node:child_process";
import { join } from "node:path";

// The command line as a student or instructor meets it: the real entry point, run by node on the
// TypeScript sources through dev/register.mjs, so that no build can be stale. Every test and
// bench that starts `spikegrade` starts it here.

export const ROOT = join(import.meta.dirname, "../..");

/** node's arguments before the command's own: the loader, then the entry point. */
const ENTRY = ["--import", join(ROOT, "dev/register.mjs"), join(ROOT, "src/cli/main.ts")];

export interface CliOptions {
  cwd?: string;
  /** Added to the environment; a variable given as undefined is removed from it. */
  env?: Record<string, string | undefined>;
  /** Killed after this long (ms); default: never. */
  timeoutMs?: number;
  /**
   * A folder the command finds read-only: bound so in a bubblewrap of the whole machine, the one
   * way to deny root (CI) a write, whose chmod does not bind it. Needs a working bwrap.
   */
  readOnly?: string;
}

/** The program and its arguments for node's: inside bubblewrap where a folder is made read-only. */
function command(args: readonly string[], options: CliOptions): [string, string[]] {
  const node = [...ENTRY, ...args];
  if (options.readOnly === undefined) return [process.execPath, node];
  const view = ["--dev-bind", "/", "/", "--ro-bind", options.readOnly, options.readOnly];
  return ["bwrap", [...view, "--die-with-parent", process.execPath, ...node]];
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A report of a whole grading run can be large: more than spawnSync's 1 MB default. */
const MAX_BUFFER = 64 * 1024 * 1024;

/** This process's environment, without colour (the tests read plain text), and the changes. */
function environment(changes: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", ...changes };
  for (const [name, value] of Object.entries(changes)) if (value === undefined) delete env[name];
  return env;
}

/** `spikegrade ...args`, run to its end. */
export function runCli(args: readonly string[], options: CliOptions = {}): CliRun {
  const [file, argv] = command(args, options);
  const run = spawnSync(file, argv, {
    cwd: options.cwd,
    env: environment(options.env),
    timeout: options.timeoutMs,
    encoding: "utf8",
    maxBuffer: MAX_BUFFER,
  });
  return { code: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr };
}

/** `spikegrade ...args` in the background (to signal it, watch it or run others beside it). */
export function startCli(
  args: readonly string[],
  options: CliOptions & { stdio?: StdioOptions; detached?: boolean } = {},
): ChildProcess {
  const [file, argv] = command(args, options);
  const child = spawn(file, argv, {
    cwd: options.cwd,
    env: environment(options.env),
    stdio: options.stdio ?? "ignore",
    detached: options.detached,
  });
  if (options.timeoutMs !== undefined) {
    const timer = setTimeout(() => child.kill("SIGTERM"), options.timeoutMs);
    child.once("exit", () => clearTimeout(timer));
  }
  return child;
}

/** `spikegrade ...args` run to its end without blocking this process (several at once). */
export function runCliAsync(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  const child = startCli(args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve) => {
    child.once("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** The exit code of a process started with startCli, once it has exited. */
export function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });
}
