/**
 * The sweep benchmark: `spikegrade sweep` over 32 x 32 points of 25 trials of 1,100 ms at dt 0.5
 * ms (56 M neuron-steps; the second map cut to one noise level, 32 points more), measures, both
 * figures and sweep.json included, as a whole process, beside a C loop that only simulates the
 * same points (sweep-c-loop.c, gcc -O2, compiled here): the target is at most 1.5 times
 * the C loop's time. Runs interleaved, the median reported. Then where the sweep's own time goes,
 * on one thread: the simulation (current and trials), the measures, the figures.
 * Run from run.ts, or alone: `node --import ./dev/register.mjs tests/bench/sweep.ts [--json]`.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sweepFigureData } from "../../src/grading/sweep.js";
import { simulateLif } from "../../src/model/lif.js";
import { ouCurrent } from "../../src/model/stimulus.js";
import { CANONICAL_NEURON } from "../../src/protocol/canonical.js";
import type { SweepDocument } from "../../src/protocol/types.js";
import {
  gridValues,
  mapPoints,
  measureTrials,
  sweepSettings,
} from "../../src/reference/sweep-grid.js";
import { renderSweepFigure } from "../../src/render/sweep-figure.js";
import { ROOT } from "../helpers/cli.js";

export interface SweepBenchOptions {
  sdCount: number;
  tauCount: number;
  trials: number;
  durationMs: number;
  dtMs: number;
  jobs: number;
  /** Whole-process runs of each side; the median is reported. */
  repeats: number;
  /** Every how many grid points the one-thread breakdown samples. */
  sampleEvery: number;
}

export const SWEEP_BENCH_FULL: SweepBenchOptions = {
  sdCount: 32,
  tauCount: 32,
  trials: 25,
  durationMs: 1100,
  dtMs: 0.5,
  jobs: 2,
  repeats: 3,
  sampleEvery: 8,
};

export interface SweepBench {
  options: SweepBenchOptions;
  points: number;
  neuronSteps: number;
  /** Which spikegrade ran: the built dist/ (as installed) or the sources through dev/register.mjs. */
  spikegrade: "dist" | "source";
  wholeProcessMs: { c: number[]; sweep: number[] };
  medianMs: { c: number; sweep: number };
  sweepOverC: number;
  /** CPU time (user and system, every thread), median, where GNU time is installed. */
  cpuMs?: { c: number; sweep: number };
  cpuSweepOverC?: number;
  /**
   * The same neuron on both sides: the mean rate (Hz) under the constant 150 pA of the SD 0 row,
   * where the frozen current (numpy's generator in spikegrade, another in C) plays no part.
   */
  stepRateHz: { c: number; sweep: number };
  /** One thread, CPU ms per grid point: simulating (current and trials), measuring; both figures once. */
  perPointMs: { simulate: number; measure: number };
  figuresMs: number;
}

const median = (xs: readonly number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Runs the benchmark; nothing printed. */
export async function runSweepBench(
  options: SweepBenchOptions = SWEEP_BENCH_FULL,
): Promise<SweepBench> {
  const work = mkdtempSync(join(tmpdir(), "spikegrade-sweep-bench-"));
  try {
    const binary = join(work, "sweep-c-loop");
    execFileSync("gcc", ["-O2", "-o", binary, join(ROOT, "tests/bench/sweep-c-loop.c"), "-lm"]);
    const o = options;
    const cArgs = [o.sdCount, o.tauCount, 1, o.trials, o.durationMs, o.dtMs].map(String);
    const dist = join(ROOT, "dist/reference/sweep-worker.js");
    const spikegrade = existsSync(dist) ? "dist" : "source";
    const entry =
      spikegrade === "dist"
        ? [join(ROOT, "dist/cli/main.js")]
        : ["--import", join(ROOT, "dev/register.mjs"), join(ROOT, "src/cli/main.ts")];
    const sweepArgs = [
      ...entry,
      "sweep",
      ...[
        "--sd",
        `0:200:${o.sdCount}`,
        "--tau",
        `1:30:${o.tauCount}`,
        "--noise-range",
        "0.2:0.2:1",
      ],
      ...["--trials", `${o.trials}`, "--duration", `${o.durationMs}`, "--dt", `${o.dtMs}`],
      ...["--jobs", `${o.jobs}`, "--out", join(work, "out")],
    ];
    const c0 = { wall: [] as number[], cpu: [] as number[] };
    const s0 = { wall: [] as number[], cpu: [] as number[] };
    let cOutput = "";
    for (let r = 0; r < o.repeats; r++) {
      cOutput = timed(binary, cArgs, c0, work);
      timed(process.execPath, sweepArgs, s0, work);
    }
    const wholeProcessMs = { c: c0.wall, sweep: s0.wall };
    const cpuMs = s0.cpu.length > 0 ? { c: median(c0.cpu), sweep: median(s0.cpu) } : undefined;
    const c = JSON.parse(cOutput) as {
      points: number;
      neuronSteps: number;
      stepSpikes: number;
    };
    const document = JSON.parse(
      readFileSync(join(work, "out", "sweep.json"), "utf8"),
    ) as SweepDocument;
    const windowS = (document.settings.offsetMs - document.settings.onsetMs) / 1000;
    const medianMs = { c: median(wholeProcessMs.c), sweep: median(wholeProcessMs.sweep) };
    return {
      options,
      points: c.points,
      neuronSteps: c.neuronSteps,
      spikegrade,
      wholeProcessMs,
      medianMs,
      sweepOverC: medianMs.sweep / medianMs.c,
      ...(cpuMs ? { cpuMs, cpuSweepOverC: cpuMs.sweep / cpuMs.c } : {}),
      stepRateHz: { c: c.stepSpikes / o.tauCount / o.trials / windowS, sweep: stepRate(document) },
      ...(await breakdown(options, document)),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Runs a command to its end, pushes its wall-clock ms, returns its stdout; throws if it failed. */
function timed(
  command: string,
  args: readonly string[],
  into: { wall: number[]; cpu: number[] },
  work: string,
): string {
  // GNU time, where the machine has it, says the CPU time of the process and its threads: on a
  // shared machine the wall clock also counts the waiting.
  const gnuTime = existsSync(GNU_TIME);
  const cpuFile = join(work, "cpu.txt");
  const [file, argv] = gnuTime
    ? [GNU_TIME, ["-f", "%U %S", "-o", cpuFile, command, ...args]]
    : [command, [...args]];
  const started = performance.now();
  const run = spawnSync(file, argv, { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  into.wall.push(performance.now() - started);
  if (run.status !== 0)
    throw new Error(`${command} ${args.join(" ")} ended ${run.status}: ${run.stderr}`);
  if (gnuTime) {
    const [user, system] = readFileSync(cpuFile, "utf8").trim().split(/\s+/).map(Number);
    into.cpu.push((user + system) * 1000);
  }
  return run.stdout;
}

const GNU_TIME = "/usr/bin/time";

/** The mean rate of the first map's SD 0 row (a constant current), Hz. */
function stepRate(document: SweepDocument): number {
  const row = document.maps.find((m) => m.id === "sd-tau" && m.source === "reference")?.rateHz[0];
  const rates = (row ?? []).filter((v): v is number => v !== null);
  return rates.reduce((s, v) => s + v, 0) / rates.length;
}

/** This process's CPU time so far (user and system, every thread), ms: the machine is shared. */
function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** One thread, on every sampleEvery-th point of the first map: simulating, then measuring; then the figures. */
async function breakdown(
  o: SweepBenchOptions,
  document: SweepDocument,
): Promise<Pick<SweepBench, "perPointMs" | "figuresMs">> {
  const settings = sweepSettings({
    trials: o.trials,
    durationMs: o.durationMs,
    dtMs: o.dtMs,
    noiseSdMv: 0.2,
  });
  const axes = {
    sdPa: gridValues({ from: 0, to: 200, count: o.sdCount }),
    tauMs: gridValues({ from: 1, to: 30, count: o.tauCount }),
    noiseSdMv: [0.2],
  };
  const sample = mapPoints("sd-tau", axes, settings).filter((_, i) => i % o.sampleEvery === 0);
  let simulateMs = 0;
  let measureMs = 0;
  // The first pass warms the JIT up, as a worker's first points do; the second is timed.
  for (const pass of [0, 1]) {
    for (const point of sample) {
      const t0 = cpuNow();
      const currentPa = ouCurrent({
        kind: "ou",
        ...settings,
        sdPa: point.sdPa,
        tauMs: point.tauMs,
        seed: settings.stimulusSeed,
      });
      const neuron = { ...CANONICAL_NEURON, noiseSdMv: point.noiseSdMv };
      const { spikeTimesMs } = simulateLif({
        ...{ dtMs: settings.dtMs, currentPa, trials: settings.trials },
        ...{ seed: settings.noiseSeed, recordVoltage: 0, neuron },
      });
      const t1 = cpuNow();
      measureTrials(settings, spikeTimesMs);
      if (pass === 0) continue;
      measureMs += cpuNow() - t1;
      simulateMs += t1 - t0;
    }
  }
  const t2 = cpuNow();
  for (const id of ["sd-tau", "sd-noise"] as const)
    renderSweepFigure(sweepFigureData(document, id));
  return {
    perPointMs: { simulate: simulateMs / sample.length, measure: measureMs / sample.length },
    figuresMs: cpuNow() - t2,
  };
}

/** The benchmark's lines for run.ts. */
export function sweepBenchLines(bench: SweepBench): string[] {
  const { options: o, medianMs, perPointMs } = bench;
  const ns = (ms: number) => ((ms * 1e6) / bench.neuronSteps).toFixed(1);
  return [
    `sweep ${o.sdCount} x ${o.tauCount} (+${o.sdCount}) points x ${o.trials} trials of ${o.durationMs} ms at dt ${o.dtMs}: ${(bench.neuronSteps / 1e6).toFixed(1)} M neuron-steps, --jobs ${o.jobs}`,
    `  C loop, simulation only, whole process     ${medianMs.c.toFixed(0).padStart(7)} ms  (${ns(medianMs.c)} ns per neuron-step)`,
    `  spikegrade sweep (${bench.spikegrade}), whole process   ${medianMs.sweep.toFixed(0).padStart(7)} ms  (${ns(medianMs.sweep)} ns per neuron-step)`,
    ...(bench.cpuMs && bench.cpuSweepOverC
      ? [
          `  CPU time (all threads): C ${bench.cpuMs.c.toFixed(0)} ms, sweep ${bench.cpuMs.sweep.toFixed(0)} ms, sweep / C ${bench.cpuSweepOverC.toFixed(2)}`,
        ]
      : []),
    `  wall clock sweep / C: ${bench.sweepOverC.toFixed(2)} (target at most 1.5); rate under the constant current: C ${bench.stepRateHz.c.toFixed(2)} Hz, sweep ${bench.stepRateHz.sweep.toFixed(2)} Hz`,
    `  one thread, per grid point: simulate ${perPointMs.simulate.toFixed(2)} ms, measure ${perPointMs.measure.toFixed(2)} ms; both figures ${bench.figuresMs.toFixed(0)} ms`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const bench = await runSweepBench();
  if (process.argv.includes("--json")) process.stdout.write(`${JSON.stringify(bench)}\n`);
  else for (const line of sweepBenchLines(bench)) console.log(line);
}
