import { describe, expect, it } from "vitest";
import { validateSimulateResponse } from "../../src/protocol/validate-response.js";
import type { SimulatorLanguage } from "../../src/submission/language.js";
import { answerOf, good, hostile, ISOLATIONS, NEURON, STEP, withSimulator } from "./helpers.js";

const GOOD_SIMULATORS: [string, string, SimulatorLanguage][] = [
  ["good-js", "simulator.js", "javascript"],
  ["good-ts", "simulator.ts", "typescript"],
  ["good-py", "simulator.py", "python"],
  ["good-notebook", "simulator.ipynb", "notebook"],
];

function expectedIsolation(isolation: string, language: SimulatorLanguage): string {
  if (isolation === "bubblewrap") return "bubblewrap";
  return language === "python" || language === "notebook" ? "rlimits" : "node-permission";
}

describe.each(ISOLATIONS)("well-behaved simulators, isolation %s", (isolation) => {
  it.each(GOOD_SIMULATORS)("%s loads and answers both functions", async (name, entry, language) => {
    await withSimulator({ folder: good(name), entry, isolation }, async (simulator) => {
      expect(simulator.loadCheck.ok).toBe(true);
      expect(simulator.language).toBe(language);
      expect(simulator.isolation).toBe(expectedIsolation(isolation, language));

      const stimulus = answerOf(await simulator.call("makeStimulus", STEP));
      const currentPa = stimulus.currentPa as number[];
      expect(currentPa).toHaveLength(2000);
      expect(currentPa[99]).toBe(0); // 49.5 ms: before the onset
      expect(currentPa[100]).toBe(150); // 50 ms
      expect(currentPa[1899]).toBe(150);
      expect(currentPa[1900]).toBe(0); // 950 ms: after the offset

      const request = {
        dtMs: 0.5,
        currentPa,
        trials: 25,
        seed: 7,
        recordVoltage: 10,
        neuron: NEURON,
      };
      const first = answerOf(await simulator.call("simulateNeuron", request));
      // Typed arrays (JavaScript) and numpy arrays (Python) arrive as the protocol's lists.
      expect(validateSimulateResponse(first, request)).toMatchObject({ ok: true });
      const spikes = first.spikeTimesMs as number[][];
      expect(spikes).toHaveLength(25);
      for (const trial of spikes) {
        expect(trial).toEqual([...trial].sort((a, b) => a - b));
      }
      const voltage = first.voltageMv as number[][];
      expect(voltage).toHaveLength(10);
      for (const trace of voltage) expect(trace).toHaveLength(2000);
      // The same process serves every call, and the same seed gives the same trials.
      const again = answerOf(await simulator.call("simulateNeuron", request));
      expect(again.spikeTimesMs).toEqual(spikes);
    });
  });

  it("carries a 10^4-sample request and a 10 x 10^4 voltage response intact", async () => {
    await withSimulator(
      { folder: good("good-js"), entry: "simulator.js", isolation },
      async (simulator) => {
        const currentPa = Array.from({ length: 10_000 }, (_, i) => (i % 7 === 0 ? 400 : 150));
        const request = {
          dtMs: 0.1,
          currentPa,
          trials: 25,
          seed: 1,
          recordVoltage: 10,
          neuron: NEURON,
        };
        const value = answerOf(await simulator.call("simulateNeuron", request));
        const voltage = value.voltageMv as number[][];
        expect(voltage).toHaveLength(10);
        expect(voltage.every((trace) => trace.length === 10_000)).toBe(true);
        expect(voltage[3][0]).toBeCloseTo(-70 + (130 * 1e-3 * 400 * 0.1) / 30, 12);
      },
    );
  });

  it.each([
    ["chatty-py", "simulator.py"],
    ["chatty-js", "simulator.mjs"],
  ])(
    "%s prints frames and JSON between calls without disturbing the protocol",
    async (name, entry) => {
      await withSimulator({ folder: good(name), entry, isolation }, async (simulator) => {
        for (let call = 1; call <= 3; call++) {
          const value = answerOf(await simulator.call("makeStimulus", STEP));
          expect(value.currentPa).toHaveLength(2000);
        }
        const request = {
          dtMs: 0.5,
          currentPa: [1, 2, 3],
          trials: 2,
          seed: 1,
          recordVoltage: 0,
          neuron: NEURON,
        };
        expect(answerOf(await simulator.call("simulateNeuron", request)).spikeTimesMs).toEqual([
          [],
          [],
        ]);
        const log = simulator.log();
        expect(log).toContain("chatty: loading");
        expect(log).toContain('{"type": "result", "id": 3, "ok": true, "value": "fake"} line 1999');
        expect(log).toContain("chatty: simulating 3");
      });
    },
  );
});

describe.each(ISOLATIONS)("simulators that read their own files, isolation %s", (isolation) => {
  it("JavaScript finds files beside the module and relative to its working folder", async () => {
    await withSimulator(
      { folder: good("own-files-js"), entry: "simulator.mjs", isolation },
      async (simulator) => {
        const value = answerOf(await simulator.call("makeStimulus", STEP));
        expect(value.read).toEqual([{ meanPa: 123 }, { meanPa: 123 }, { meanPa: 123 }]);
        // A negative length is a bug in the simulator, not a memory limit.
        expect(await simulator.call("simulateNeuron", { trials: -1 })).toEqual({
          ok: false,
          kind: "exception",
          message:
            "JavaScript threw RangeError: Invalid array length in simulateNeuron (stack in the log)",
        });
      },
    );
  });

  it("Python finds files beside the module and relative to its working folder", async () => {
    await withSimulator(
      { folder: good("own-files-py"), entry: "simulator.py", isolation },
      async (simulator) => {
        const value = answerOf(await simulator.call("makeStimulus", STEP));
        expect(value.read).toEqual([{ meanPa: 123 }, { meanPa: 123 }]);
      },
    );
  });
});

describe("entries spikegrade cannot run", () => {
  it("a Python simulator on a machine without that Python is a load failure that says so", async () => {
    await withSimulator(
      { folder: good("good-py"), entry: "simulator.py", python: "/nonexistent/python3" },
      async (simulator) => {
        expect(simulator.loadCheck).toMatchObject({ ok: false, kind: "load" });
        expect(simulator.loadCheck.ok || simulator.loadCheck.message).toMatch(
          /^simulator\.py needs Python, but \/nonexistent\/python3 could not be run \(.*ENOENT.*\)$/,
        );
      },
    );
  });

  it.each([
    [
      "simulator.rb",
      /simulator\.rb: spikegrade runs simulators in files ending \.ts \.mts \.js \.mjs \.py \.ipynb/,
    ],
    ["absent.py", /absent\.py was not found in the submission folder/],
    ["../loop-py/simulator.py", /is not inside the submission folder/],
    ["/etc/hostname.py", /is not inside the submission folder/],
  ])("%s is a load failure", async (entry, message) => {
    await withSimulator({ folder: hostile("loop-js"), entry }, async (simulator) => {
      expect(simulator.loadCheck).toMatchObject({ ok: false, kind: "load" });
      expect(simulator.loadCheck.ok || simulator.loadCheck.message).toMatch(message);
      expect(await simulator.call("makeStimulus", STEP)).toEqual(simulator.loadCheck);
    });
  });
});
