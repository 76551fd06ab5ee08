// Benchmarks: `npm run bench`, a table; `npm run --silent bench -- --json`, one JSON document on
// stdout (without --silent npm prints its banner there first).
// Timing lives here, never in the tests.
import { availableParallelism } from "node:os";
import { simulateLif } from "../../src/model/lif.js";
import { RandomState } from "../../src/model/rng.js";
import { makeStimulus } from "../../src/model/stimulus.js";
import { CANONICAL_NEURON, canonicalOu } from "../../src/protocol/canonical.js";
import { calibrationPool } from "../../src/reference/calibration-pool.js";
import { defaultMonteCarlo, measureTolerances } from "../../src/reference/tolerances.js";
import { printCheckSpeed, runCheckSpeed } from "./check-speed.js";
import { printGradeBench, runGradeBench } from "./grade.js";
import { benchKernel, KERNEL_BENCH_FULL, kernelLines } from "./kernel.js";

const json = process.argv.includes("--json");
const say = (line: string) => {
  if (!json) console.log(line);
};
const timings: { label: string; ms: number }[] = [];

function time(
  label: string,
  repeats: number,
  run: () => void,
  unit?: (ms: number) => string,
): void {
  run(); // warm-up
  const started = performance.now();
  for (let i = 0; i < repeats; i++) run();
  const ms = (performance.now() - started) / repeats;
  timings.push({ label, ms });
  say(`${label.padEnd(52)} ${ms.toFixed(2).padStart(9)} ms${unit ? `  (${unit(ms)})` : ""}`);
}

const normals = new Float64Array(1_000_000);
time(
  "RandomState.fillStandardNormal, 1e6 normals",
  10,
  () => {
    new RandomState(1).fillStandardNormal(normals);
  },
  (ms) => `${(1e6 / ms / 1e3).toFixed(1)} M normals/s`,
);

for (const dtMs of [0.1, 0.5]) {
  const currentPa = makeStimulus(canonicalOu(dtMs));
  time(
    `simulateLif, 25 trials x 1000 ms at dt ${dtMs} ms`,
    20,
    () => {
      simulateLif({
        dtMs,
        currentPa,
        trials: 25,
        seed: 7,
        recordVoltage: 10,
        neuron: CANONICAL_NEURON,
      });
    },
    (ms) => `${((25 * currentPa.length) / ms / 1e3).toFixed(1)} M neuron-steps/s`,
  );
}

async function timeOnce(label: string, run: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await run();
  const ms = performance.now() - started;
  timings.push({ label, ms });
  say(`${label.padEnd(52)} ${ms.toFixed(2).padStart(9)} ms`);
}

// `spikegrade reference` runs the calibration with 100 draws, over a worker thread per core.
const threads = availableParallelism();
await timeOnce("tolerance Monte Carlo, 10 draws, this thread", () =>
  measureTolerances(defaultMonteCarlo(10, 50)),
);
await timeOnce(`tolerance Monte Carlo, 10 draws, ${threads} worker threads`, () =>
  measureTolerances(defaultMonteCarlo(10, 50), calibrationPool(threads)),
);

const kernel = await benchKernel(KERNEL_BENCH_FULL);
for (const line of kernelLines(kernel)) say(line);

const grade = await runGradeBench();
if (!json) printGradeBench(grade);
const check = await runCheckSpeed(5);
if (!json) printCheckSpeed(check);

const { referenceTolerances, singleTail, singleTailLines } = await import("./single-tail.js");
const tail = [
  ...singleTail(2000, referenceTolerances()),
  ...singleTail(2000, referenceTolerances(), undefined, 4),
];
for (const line of singleTailLines(tail)) say(line);

const { runSweepBench, sweepBenchLines } = await import("./sweep.js");
const sweep = await runSweepBench();
for (const line of sweepBenchLines(sweep)) say(line);

if (json) console.log(JSON.stringify({ timings, kernel, grade, check, tail, sweep }, null, 2));
