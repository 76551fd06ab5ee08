import { describe, expect, it } from "vitest";
import { answerOf, good, hostile, ISOLATIONS, STEP, withSimulator } from "./helpers.js";

describe.each(ISOLATIONS)("notebooks, isolation %s", (isolation) => {
  it("a course-style notebook runs past its magics, shell lines, failing cells and plots", async () => {
    const log = await withSimulator(
      { folder: good("good-notebook"), entry: "simulator.ipynb", isolation },
      async (simulator) => {
        // It loads, and says which cells raised (the checklist shows them beside load's pass).
        expect(simulator.loadCheck).toMatchObject({
          ok: true,
          failedCells: [9, 14],
          cellErrors: ["RuntimeError: this cell fails, the run goes on", "SystemExit: 2"],
        });
        expect(answerOf(await simulator.call("makeStimulus", STEP)).currentPa).toHaveLength(2000);
        return simulator.log();
      },
    );
    // %% cell magics skip their whole cell, also after blank lines.
    expect(log).toContain("[spikegrade] cell 4 starts with a %% cell magic: skipped");
    expect(log).toContain("[spikegrade] cell 5 starts with a %% cell magic: skipped");
    expect(log).not.toContain("a cell magic after blank lines must be skipped too");
    // np.lookfor, gone from numpy 2, does not stop the notebook.
    expect(log).toContain("np.lookfor is gone from numpy 2; the call was skipped");
    // A failing cell (and sys.exit) is logged with its number and the run goes on.
    expect(log).toContain(
      "[spikegrade] cell 9 raised RuntimeError: this cell fails, the run goes on",
    );
    expect(log).toContain('File "simulator.ipynb cell 9", line 1, in <module>');
    expect(log).toContain("[spikegrade] cell 14 raised SystemExit: 2");
    // display() prints; a % that continues a statement (backslash, brackets) is code, not a
    // magic; lines in a string that start with % or ! are kept.
    expect(log).toContain("{'currentPa': array([150., 150.,   0.,   0.])}");
    expect(log).toContain("y is 1\n");
    expect(log).toContain("remainder 1\n");
    expect(log).toContain("doc lines 3\n");
    expect(log).toContain("after magics\n");
    expect(log).toMatch(/sys\.exit in a cell is logged too\n[\s\S]*notebook ran to the end\n$/);
    // The indented %time and !echo inside simulate_neuron were dropped, not run.
    expect(log).not.toContain("an indented shell line");
  });

  it("plots are off: matplotlib gets the Agg backend and plt.show does nothing", async () => {
    // The folder holds a stand-in matplotlib whose show() raises, as a blocking window would.
    const log = await withSimulator(
      { folder: good("plots-notebook"), entry: "simulator.ipynb", isolation },
      async (simulator) => {
        expect(simulator.loadCheck.ok).toBe(true);
        return simulator.log();
      },
    );
    expect(log).toBe("backend Agg\n");
  });

  it("where a cell is tagged spikegrade, only tagged cells run", async () => {
    const log = await withSimulator(
      { folder: good("tagged-notebook"), entry: "simulator.ipynb", isolation },
      async (simulator) => {
        expect(simulator.loadCheck.ok).toBe(true);
        expect(answerOf(await simulator.call("makeStimulus", STEP)).currentPa).toHaveLength(2000);
        const request = {
          dtMs: 0.5,
          currentPa: [0],
          trials: 3,
          seed: 1,
          recordVoltage: 0,
          neuron: {},
        };
        expect(answerOf(await simulator.call("simulateNeuron", request)).spikeTimesMs).toEqual([
          [],
          [],
          [],
        ]);
        return simulator.log();
      },
    );
    expect(log).toContain("TAGGED CELL RAN");
    expect(log).not.toContain("UNTAGGED CELL RAN");
  });

  it("a function no cell defines is a load failure that names the cells that raised", async () => {
    await withSimulator(
      { folder: hostile("missing-function-notebook"), entry: "simulator.ipynb", isolation },
      async (simulator) => {
        expect(simulator.loadCheck).toEqual({
          ok: false,
          kind: "load",
          message:
            "simulator.ipynb does not define simulate_neuron (cells that raised: 2 (NotImplementedError: simulate_neuron is still to be written); tracebacks in the log)",
        });
        expect(simulator.log()).toContain(
          "[spikegrade] cell 2 raised NotImplementedError: simulate_neuron is still to be written (the run goes on)",
        );
      },
    );
  });
});
