// Benchmarks: `npm run bench` (`-- --json`: one JSON document of every measure, nothing else on
// stdout). Timing lives here, never in the tests.
import { simulateLif } from "../../src/model/lif.js";
import { RandomState } from "../../src/model/rng.js";
import { makeStimulus } from "../../src/model/stimulus.js";
import { CANONICAL_NEURON, canonicalOu } from "../../src/protocol/canonical.js";
import { defaultMonteCarlo, measureTolerances } from "../../src/reference/tolerances.js";
import { printCheckSpeed, runCheckSpeed } from "./check-speed.js";
import { printGradeBench, runGradeBench } from "./grade.js";

const json = process.argv.includes("--json");
/** The timings above the gradings, by label, ms (--json prints them with the rest). */
const kernel: Record<string, number> = {};

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
  kernel[label] = ms;
  if (json) return;
  console.log(
    `${label.padEnd(52)} ${ms.toFixed(2).padStart(9)} ms${unit ? `  (${unit(ms)})` : ""}`,
  );
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

time("tolerance Monte Carlo, 10 seeds (the reference runs 200)", 1, () => {
  measureTolerances(defaultMonteCarlo(10));
});
const grade = await runGradeBench();
if (!json) printGradeBench(grade);
const check = await runCheckSpeed(5);
if (!json) printCheckSpeed(check);
if (json) process.stdout.write(`${JSON.stringify({ kernel, grade, check })}\n`);
