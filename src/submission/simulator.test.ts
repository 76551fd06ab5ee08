import { beforeEach, describe, expect, it, vi } from "vitest";

const findPython = vi.fn(() => new Promise<never>(() => {}));
vi.mock("./python-runtime.js", () => ({ findPython }));

const { prepareSimulator } = await import("./simulator.js");

describe("prepareSimulator", () => {
  beforeEach(() => {
    findPython.mockClear();
  });

  it("starts the probe of the Python a Python or notebook entry will run on, without waiting", () => {
    prepareSimulator("simulator.py");
    prepareSimulator("figure1.ipynb", "/opt/python3");
    expect(findPython.mock.calls).toEqual([[undefined], ["/opt/python3"]]);
  });

  it("starts nothing for a simulator that runs on Node, or an entry spikegrade does not run", () => {
    for (const entry of ["simulator.ts", "simulator.mjs", "simulator.rb"]) prepareSimulator(entry);
    expect(findPython).not.toHaveBeenCalled();
  });
});
