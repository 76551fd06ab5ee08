// Startup and round-trip times of simulators, per language and isolation. Not a test (no timing
// assertions anywhere): run it by hand and read the table.
//   node --import ./dev/register.mjs tests/bench/simulator-startup.ts
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CANONICAL_NEURON } from "../../src/protocol/canonical.js";
import { findBubblewrap } from "../../src/submission/bubblewrap.js";
import type { IsolationRequest } from "../../src/submission/call-result.js";
import { openSimulator } from "../../src/submission/simulator.js";

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), "../submission/fixtures");
const neuron = { ...CANONICAL_NEURON };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const isolations: IsolationRequest[] = (await findBubblewrap()).ok
  ? ["none", "bubblewrap"]
  : ["none"];
const cases: [string, string, string][] = [
  ["javascript", "good-js", "simulator.js"],
  ["typescript", "good-ts", "simulator.ts"],
  ["python", "good-py", "simulator.py"],
  ["notebook", "good-notebook", "simulator.ipynb"],
  ["transport js", "fixed-response-js", "simulator.mjs"],
  ["transport py", "fixed-response-py", "simulator.py"],
];

console.log("language       isolation        open ms  25x2000+10V ms  25x10^4+10V ms");
for (const isolation of isolations) {
  for (const [label, folder, entry] of cases) {
    const opens: number[] = [];
    const small: number[] = [];
    const large: number[] = [];
    let used = "";
    for (let round = 0; round < 5; round++) {
      const started = performance.now();
      const simulator = await openSimulator({
        folder: resolve(fixtures, folder),
        entry,
        isolation,
      });
      opens.push(performance.now() - started);
      used = simulator.isolation;
      for (const [samples, times] of [
        [2000, small],
        [10_000, large],
      ] as const) {
        const request = {
          dtMs: 1000 / samples,
          currentPa: new Array(samples).fill(150),
          trials: 25,
          seed: 7,
          recordVoltage: 10,
          neuron,
        };
        const result = await simulator.call("simulateNeuron", request);
        if (!result.ok) throw new Error(`${label}: ${result.message}`);
        times.push(result.ms);
      }
      await simulator.close();
    }
    const cells = [median(opens), median(small), median(large)].map((ms) =>
      ms.toFixed(0).padStart(8),
    );
    console.log(
      `${label.padEnd(14)} ${used.padEnd(16)} ${cells[0]} ${cells[1].padStart(15)} ${cells[2].padStart(15)}`,
    );
  }
}
