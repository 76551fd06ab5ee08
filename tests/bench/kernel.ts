/**
 * The kernel benchmark: the reference LIF (src/model/lif.ts, its WebAssembly kernel) beside the same
 * loop in C compiled with gcc -O2 at bench time (baselines/lif-kernel.c, same generator and
 * tables), numpy vectorised over trials (baselines/lif-numpy.py) and the kernel before issue 12
 * (kernel-mt19937.ts), on the same input: the canonical frozen OU current, the default options.
 * It reports ns per neuron-step (the median of the repeats) and checks that the mean spike counts
 * agree. Run from run.ts, or alone: `node --import ./dev/register.mjs tests/bench/kernel.ts`.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simulateLif } from "../../src/model/lif.js";
import { zigguratTables } from "../../src/model/lif-kernel.js";
import { makeStimulus } from "../../src/model/stimulus.js";
import { CANONICAL, CANONICAL_NEURON, canonicalOu } from "../../src/protocol/canonical.js";
import { findPython } from "../../src/submission/python-runtime.js";
import { simulateLifMt19937 } from "./kernel-mt19937.js";

export interface KernelBenchOptions {
  trials: readonly number[];
  dtsMs: readonly number[];
  /** Timed repeats of each implementation per case, taken in turn; the median is reported. */
  repeats: number;
}

/** The issue's sizes: 25 and 1000 trials, dt 0.5 and 0.1 ms. */
export const KERNEL_BENCH_FULL: KernelBenchOptions = {
  trials: [25, 1000],
  dtsMs: [0.5, 0.1],
  repeats: 7,
};

const IMPLEMENTATIONS = ["kernel", "c", "numpy", "mt19937"] as const;
type Implementation = (typeof IMPLEMENTATIONS)[number];

interface Run {
  /** CPU ns per neuron-step of each repeat (CPU time: the machine is shared, and waiting is not work). */
  ns: number[];
  /** Spikes of each trial (every call gives the same: the seed is fixed). */
  counts: number[];
}

export interface KernelCase {
  dtMs: number;
  trials: number;
  neuronSteps: number;
  nsPerNeuronStep: Record<Implementation, number>;
  meanSpikes: Record<Implementation, number>;
  /** Each baseline's mean spike count against the kernel's, and whether it is within tolerance. */
  agreement: Record<
    Exclude<Implementation, "kernel">,
    { difference: number; tolerance: number; agree: boolean }
  >;
  kernelOverC: number;
  numpyOverKernel: number;
  mt19937OverKernel: number;
}

export const AGREEMENT_RULE =
  "two mean spike counts per trial agree when they differ by at most 4 standard errors of their difference (the trials are independent draws) plus one spike in one trial (1 / trials)";

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const variance = (xs: readonly number[]) => {
  const m = mean(xs);
  return xs.reduce((s, x) => s + (x - m) ** 2, 0) / Math.max(1, xs.length - 1);
};
const median = (xs: readonly number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export function agreement(a: readonly number[], b: readonly number[]) {
  const difference = mean(b) - mean(a);
  const tolerance = 4 * Math.sqrt(variance(a) / a.length + variance(b) / b.length) + 1 / a.length;
  return { difference, tolerance, agree: Math.abs(difference) <= tolerance };
}

/** kernel-tables.h: the kernel's own ziggurat tables and the canonical neuron, for the C loop. */
function cHeader(): string {
  const { kn, wn, fn } = zigguratTables();
  const doubles = (xs: Float64Array) => Array.from(xs, (x) => x.toPrecision(17)).join(", ");
  const n = CANONICAL_NEURON;
  return [
    `static const int64_t KN[256] = {${Array.from(kn, (k) => `${k}LL`).join(", ")}};`,
    `static const double WN[256] = {${doubles(wn)}};`,
    `static const double FN[256] = {${doubles(fn)}};`,
    "#define ZIGGURAT_R 3.6541528853610088",
    `#define TAU_MS ${n.tauMs}.0`,
    `#define GAIN (${n.resistanceMOhm}.0 * 1e-3)`,
    `#define REST_MV ${n.restMv}.0`,
    `#define THRESHOLD_MV ${n.thresholdMv}.0`,
    `#define RESET_MV ${n.resetMv}.0`,
    `#define REFRACTORY_MS ${n.refractoryMs}.0`,
    `#define INITIAL_MV ${n.initialMv}.0`,
    `#define NOISE_SD_MV ${n.noiseSdMv}`,
    "",
  ].join("\n");
}

/** Neuron-steps a timed repeat covers at least (several calls of a small case), in C and JS. */
const NEURON_STEPS_PER_REPEAT = 2_000_000;

function timeJs(simulate: () => number[][], calls: number, neuronSteps: number): Run {
  const started = process.cpuUsage();
  let trains: number[][] = [];
  for (let c = 0; c < calls; c++) trains = simulate();
  const used = process.cpuUsage(started);
  return {
    ns: [((used.user + used.system) * 1e3) / (neuronSteps * calls)],
    counts: trains.map((t) => t.length),
  };
}

/** Compiles the C baseline in dir; returns the path of the program. */
function compileC(dir: string): string {
  writeFileSync(join(dir, "kernel-tables.h"), cHeader());
  copyFileSync(join(import.meta.dirname, "baselines/lif-kernel.c"), join(dir, "lif-kernel.c"));
  const program = join(dir, "lif-kernel");
  execFileSync("gcc", ["-O2", "-o", program, join(dir, "lif-kernel.c"), "-lm"], { cwd: dir });
  return program;
}

interface Programs {
  c: string;
  python: string;
  dir: string;
}

/**
 * One case: every implementation, repeat after repeat in turn (so that the machine's load falls
 * on all alike), each repeat CPU-timed over enough calls to last a few milliseconds.
 */
function benchCase(programs: Programs, dtMs: number, trials: number, repeats: number): KernelCase {
  const currentPa = makeStimulus(canonicalOu(dtMs));
  const currentFile = join(programs.dir, `current-${dtMs}.f64`);
  writeFileSync(currentFile, new Uint8Array(currentPa.buffer));
  const neuronSteps = trials * currentPa.length;
  const seed = CANONICAL.noiseSeed;
  const calls = Math.max(1, Math.round(NEURON_STEPS_PER_REPEAT / neuronSteps));
  const args = (n: number) => [
    currentFile,
    String(dtMs),
    String(trials),
    String(seed),
    "1",
    String(n),
  ];
  const kernel = () =>
    simulateLif({ dtMs, currentPa, trials, seed, recordVoltage: 0, neuron: CANONICAL_NEURON })
      .spikeTimesMs;
  const old = () => simulateLifMt19937(dtMs, currentPa, trials, seed, CANONICAL_NEURON);
  // JIT warm-up: V8 compiles the WebAssembly and the JavaScript with its optimising tier after
  // some calls, and the timed repeats should not pay for it.
  for (let c = 0; c < 3 * calls; c++) kernel();
  for (let c = 0; c < Math.max(3, calls); c++) old();
  const runs: Record<Implementation, Run> = {
    kernel: { ns: [], counts: [] },
    c: { ns: [], counts: [] },
    numpy: { ns: [], counts: [] },
    mt19937: { ns: [], counts: [] },
  };
  const add = (name: Implementation, run: Run) => {
    runs[name].ns.push(...run.ns);
    runs[name].counts = run.counts;
  };
  for (let r = 0; r < repeats; r++) {
    add("c", JSON.parse(execFileSync(programs.c, args(calls), { encoding: "utf8" })));
    add("kernel", timeJs(kernel, calls, neuronSteps));
    add("mt19937", timeJs(old, calls, neuronSteps));
    const numpyArgs = [...args(1), JSON.stringify(CANONICAL_NEURON)];
    add(
      "numpy",
      JSON.parse(
        execFileSync(
          programs.python,
          [join(import.meta.dirname, "baselines/lif-numpy.py"), ...numpyArgs],
          {
            encoding: "utf8",
          },
        ),
      ),
    );
  }
  return summarise(dtMs, trials, neuronSteps, runs);
}

/** Runs every implementation on every case, one case after the other. */
export async function benchKernel(options: KernelBenchOptions): Promise<KernelCase[]> {
  const python = await findPython();
  if (!python.ok) throw new Error(`the numpy baseline needs Python 3 with numpy: ${python.reason}`);
  const dir = mkdtempSync(join(tmpdir(), "spikegrade-bench-kernel-"));
  try {
    const programs = { c: compileC(dir), python: python.runtime.executable, dir };
    const cases: KernelCase[] = [];
    for (const dtMs of options.dtsMs) {
      for (const trials of options.trials) {
        cases.push(benchCase(programs, dtMs, trials, options.repeats));
      }
    }
    return cases;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function summarise(
  dtMs: number,
  trials: number,
  neuronSteps: number,
  runs: Record<Implementation, Run>,
): KernelCase {
  const ns = Object.fromEntries(IMPLEMENTATIONS.map((i) => [i, median(runs[i].ns)])) as Record<
    Implementation,
    number
  >;
  return {
    dtMs,
    trials,
    neuronSteps,
    nsPerNeuronStep: ns,
    meanSpikes: Object.fromEntries(IMPLEMENTATIONS.map((i) => [i, mean(runs[i].counts)])) as Record<
      Implementation,
      number
    >,
    agreement: {
      c: agreement(runs.kernel.counts, runs.c.counts),
      numpy: agreement(runs.kernel.counts, runs.numpy.counts),
      mt19937: agreement(runs.kernel.counts, runs.mt19937.counts),
    },
    kernelOverC: ns.kernel / ns.c,
    numpyOverKernel: ns.numpy / ns.kernel,
    mt19937OverKernel: ns.mt19937 / ns.kernel,
  };
}

/** The benchmark's table, one line per case. */
export function kernelLines(cases: readonly KernelCase[]): string[] {
  const lines = [
    "kernel, ns per neuron-step (median): the canonical OU current, exact, interpolated",
    "  dt ms  trials   kernel        C    numpy  mt19937  kernel/C  numpy/kernel  mean spikes (kernel C numpy mt19937)",
  ];
  for (const c of cases) {
    const ns = IMPLEMENTATIONS.map((i) => c.nsPerNeuronStep[i].toFixed(2).padStart(8)).join(" ");
    const spikes = IMPLEMENTATIONS.map((i) => c.meanSpikes[i].toFixed(2)).join(" ");
    const agree = Object.values(c.agreement).every((a) => a.agree) ? "agree" : "DISAGREE";
    lines.push(
      `  ${String(c.dtMs).padStart(5)} ${String(c.trials).padStart(7)} ${ns} ${c.kernelOverC.toFixed(2).padStart(9)} ${c.numpyOverKernel.toFixed(1).padStart(13)}  ${spikes} ${agree}`,
    );
  }
  lines.push(`  (${AGREEMENT_RULE})`);
  return lines;
}

if (process.argv[1] === import.meta.filename) {
  for (const line of kernelLines(await benchKernel(KERNEL_BENCH_FULL))) console.log(line);
}
