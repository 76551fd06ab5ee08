import { describe, expect, it } from "vitest";
import type { SimulateRequest } from "../../src/protocol/types.js";
import { validateSimulateResponse } from "../../src/protocol/validate-response.js";
import { answerOf, good, ISOLATIONS, NEURON, STEP, snapshot, withSimulator } from "./helpers.js";

/** 5 trials on a 2000-sample current, the first `recordVoltage` of them with voltage. */
function request(currentPa: number[], recordVoltage: number): SimulateRequest {
  return { dtMs: 0.5, currentPa, trials: 5, seed: 7, recordVoltage, neuron: NEURON };
}

// Plots are off in every Python submission: matplotlib imports and plotting calls work and draw
// nothing, with the machine's matplotlib where it has one and spikegrade's stand-in where not.
describe.each(ISOLATIONS)("plots are off in Python, isolation %s", (isolation) => {
  it("a .py that imports matplotlib and plots at module level loads, and its functions plot and answer", async () => {
    const folder = good("plots-py");
    const before = snapshot(folder);
    const log = await withSimulator(
      { folder, entry: "simulator.py", isolation },
      async (simulator) => {
        expect(simulator.loadCheck).toMatchObject({ ok: true });
        const currentPa = answerOf(await simulator.call("makeStimulus", STEP))
          .currentPa as number[];
        expect(currentPa).toHaveLength(2000);
        // numpy arrays for voltage: exactly recordVoltage traces, or none where 0 were asked for.
        const recorded = validateSimulateResponse(
          answerOf(await simulator.call("simulateNeuron", request(currentPa, 3))),
          request(currentPa, 3),
        );
        expect(recorded.ok && recorded.value.voltageMv?.map((trace) => trace.length)).toEqual([
          2000, 2000, 2000,
        ]);
        expect(
          validateSimulateResponse(
            answerOf(await simulator.call("simulateNeuron", request(currentPa, 0))),
            request(currentPa, 0),
          ),
        ).toEqual({ ok: true, value: { spikeTimesMs: [[], [], [], [], []] } });
        return simulator.log();
      },
    );
    // hist still counts (students compute with it); nothing raised, nothing was saved.
    expect(log).toBe("hist counts [1.0, 3.0]\n");
    expect(snapshot(folder)).toEqual(before);
  });

  it("a notebook whose first cell imports matplotlib before numpy keeps numpy and plots nothing", async () => {
    const log = await withSimulator(
      { folder: good("plots-first-notebook"), entry: "simulator.ipynb", isolation },
      async (simulator) => {
        expect(simulator.loadCheck).toMatchObject({ ok: true });
        expect(answerOf(await simulator.call("makeStimulus", STEP)).currentPa).toHaveLength(2000);
        return simulator.log();
      },
    );
    // No cell raised: `fig, ax = plt.subplots(2, 1); ax[0].plot(...)` ran to its print.
    expect(log).toBe("plotted\n");
  });

  it("an installed matplotlib is the one used: the backend stays Agg, savefig and show do nothing", async () => {
    // The folder holds a matplotlib as installed: use("TkAgg") fails without a display,
    // savefig writes into the (read-only) submission folder, show opens a window.
    const folder = good("plots-installed-py");
    const before = snapshot(folder);
    const log = await withSimulator(
      { folder, entry: "simulator.py", isolation },
      async (simulator) => {
        expect(simulator.loadCheck).toMatchObject({ ok: true });
        return simulator.log();
      },
    );
    expect(log).toBe("backend Agg ; stand-in on the path: False\n");
    expect(snapshot(folder)).toEqual(before);
  });
});
