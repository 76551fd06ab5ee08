// CPU time of the processes a benchmark starts, on Linux: the whole tree's from /proc/self/stat
// (what this process's waited-for children and their own waited-for children used), and each
// spikegrade Node process's own through cpu-report.mjs, so the grader's share is told apart from
// the simulators'.
import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { processTree, treeResidentBytes } from "../../src/submission/process-tree.js";

const CPU_REPORT = join(import.meta.dirname, "cpu-report.mjs");
/** Linux's USER_HZ, the unit of /proc's CPU times. */
const TICKS_PER_SECOND = 100;

/** CPU time this process's waited-for descendants used so far (cutime + cstime), ms. */
function childrenCpuMs(): number {
  const stat = readFileSync("/proc/self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // Fields 16 and 17 of stat(5), counted after the command's closing parenthesis from field 3.
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / TICKS_PER_SECOND;
}

export interface MeasuredRun {
  code: number | null;
  stdout: string;
  wallMs: number;
  /** Every process of the tree (spikegrade, its workers, the simulators), ms. */
  treeCpuMs: number;
  /** spikegrade's own Node processes (the command and its grading workers), ms. */
  graderCpuMs: number;
  /** The tree's resident memory, sampled 4 times a second, at its largest, bytes. */
  peakBytes: number;
  /**
   * The same samples' proportional set size (Linux's Pss): a page that n processes share counts
   * 1/n in each, so the Node binary and libraries that every worker maps count once. Bytes.
   */
  peakProportionalBytes: number;
}

/** Pss of pid and its descendants together, in bytes (0 for a process gone meanwhile). */
function treeProportionalBytes(pid: number): number {
  let total = 0;
  for (const member of processTree(pid)) {
    try {
      const rollup = readFileSync(`/proc/${member}/smaps_rollup`, "utf8");
      total += Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024;
    } catch {
      // Gone, or not ours to read.
    }
  }
  return total;
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
  const cpuBefore = childrenCpuMs();
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      ...env,
      NO_COLOR: "1",
      NODE_OPTIONS: `--import=${CPU_REPORT}`,
      SPIKEGRADE_BENCH_CPU_LOG: log,
    },
    stdio: ["ignore", "pipe", "ignore"],
  });
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  let peakBytes = 0;
  let peakProportionalBytes = 0;
  const sampler = setInterval(() => {
    if (child.pid === undefined) return;
    peakBytes = Math.max(peakBytes, treeResidentBytes(child.pid));
    peakProportionalBytes = Math.max(peakProportionalBytes, treeProportionalBytes(child.pid));
  }, 250);
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  clearInterval(sampler);
  const wallMs = performance.now() - started;
  let graderCpuMs = 0;
  try {
    for (const line of readFileSync(log, "utf8").trim().split("\n")) {
      graderCpuMs += (JSON.parse(line) as { cpuMs: number }).cpuMs;
    }
  } finally {
    rmSync(log, { force: true });
  }
  return {
    code,
    stdout,
    wallMs,
    treeCpuMs: childrenCpuMs() - cpuBefore,
    graderCpuMs,
    peakBytes,
    peakProportionalBytes,
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
