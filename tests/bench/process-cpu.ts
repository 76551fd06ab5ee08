// CPU time of the processes a benchmark starts, on Linux: the whole tree's, counted by a subreaper
// (subreaper.py: a simulator whose sandbox was killed around it still counts), and each spikegrade
// Node process's own through cpu-report.mjs, so the grader's share is told apart from the
// simulators'. Memory: the tree's, sampled, and spikegrade's own processes' part of it.
import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { processTree, residentBytes } from "../../src/submission/process-tree.js";

const CPU_REPORT = join(import.meta.dirname, "cpu-report.mjs");
const SUBREAPER = join(import.meta.dirname, "subreaper.py");
/** Where cpu-report.mjs writes; only spikegrade's own processes have it in their environment. */
const CPU_LOG_VARIABLE = "SPIKEGRADE_BENCH_CPU_LOG";

export interface MeasuredRun {
  code: number | null;
  stdout: string;
  wallMs: number;
  /**
   * Every process of the tree (spikegrade, its workers, the simulators), ms: counted by a
   * subreaper (subreaper.py), so that a process whose parent was killed before it still counts.
   */
  treeCpuMs: number;
  /** spikegrade's own Node processes (the command and its grading workers), ms. */
  graderCpuMs: number;
  /** The resident memory of spikegrade's own processes alone (no simulator), at its largest, bytes. */
  graderPeakBytes: number;
  /** The tree's resident memory, sampled 4 times a second, at its largest, bytes. */
  peakBytes: number;
  /**
   * The same samples' proportional set size (Linux's Pss): a page that n processes share counts
   * 1/n in each, so the Node binary and libraries that every worker maps count once. Bytes.
   */
  peakProportionalBytes: number;
}

/** Proportional set size of one process (Linux's Pss), bytes; 0 for one gone meanwhile or not ours. */
function proportionalBytes(pid: number): number {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    return Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/**
 * Whether a process is spikegrade's own: its environment carries the CPU log's variable (the
 * command and its workers; the simulators' is never passed on).
 */
function isGrader(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, "latin1").includes(`${CPU_LOG_VARIABLE}=`);
  } catch {
    return false;
  }
}

/** The tree's memory now: resident, proportional (Pss), and spikegrade's own processes' resident. */
function memoryNow(members: readonly number[]) {
  let resident = 0;
  let proportional = 0;
  let grader = 0;
  for (const pid of members) {
    const rss = residentBytes(pid);
    resident += rss;
    proportional += proportionalBytes(pid);
    if (isGrader(pid)) grader += rss;
  }
  return { resident, proportional, grader };
}

/**
 * Runs node with args to its end, measured; the CPU reports go to a file in the folder scratch.
 */
export async function measuredNode(
  args: readonly string[],
  scratch: string,
  env: NodeJS.ProcessEnv = {},
): Promise<MeasuredRun> {
  const log = join(scratch, `cpu-${process.pid}-${Date.now()}.jsonl`);
  const treeLog = join(scratch, `tree-${process.pid}-${Date.now()}.json`);
  const child = spawn("python3", [SUBREAPER, treeLog, process.execPath, ...args], {
    env: {
      ...process.env,
      ...env,
      NO_COLOR: "1",
      NODE_OPTIONS: `--import=${CPU_REPORT}`,
      [CPU_LOG_VARIABLE]: log,
    },
    stdio: ["ignore", "pipe", "ignore"],
  });
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  let peakBytes = 0;
  let peakProportionalBytes = 0;
  let graderPeakBytes = 0;
  const sampler = setInterval(() => {
    const wrapper = child.pid;
    if (wrapper === undefined) return;
    // The tree under the subreaper, which is not the run's.
    const now = memoryNow(processTree(wrapper).filter((pid) => pid !== wrapper));
    peakBytes = Math.max(peakBytes, now.resident);
    peakProportionalBytes = Math.max(peakProportionalBytes, now.proportional);
    graderPeakBytes = Math.max(graderPeakBytes, now.grader);
  }, 250);
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  clearInterval(sampler);
  let graderCpuMs = 0;
  let tree: { wallMs: number; cpuMs: number; orphansLeft: boolean };
  try {
    for (const line of readFileSync(log, "utf8").trim().split("\n")) {
      graderCpuMs += (JSON.parse(line) as { cpuMs: number }).cpuMs;
    }
    tree = JSON.parse(readFileSync(treeLog, "utf8"));
  } finally {
    rmSync(log, { force: true });
    rmSync(treeLog, { force: true });
  }
  if (tree.orphansLeft)
    throw new Error("a process of the run outlived it by a minute: its CPU time is unknown");
  return {
    code,
    stdout,
    // The command's own, timed by the subreaper: not the start of python3 before it.
    wallMs: tree.wallMs,
    treeCpuMs: tree.cpuMs,
    graderCpuMs,
    graderPeakBytes,
    peakBytes,
    peakProportionalBytes,
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
