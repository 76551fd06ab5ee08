import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

const findPython = vi.fn(() => new Promise<never>(() => {}));
vi.mock("./python-runtime.js", () => ({ findPython }));

const { prepareSimulator, prepareSimulatorIn } = await import("./early-start.js");

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

describe("prepareSimulatorIn", () => {
  beforeEach(() => {
    findPython.mockClear();
  });

  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  const folder = (manifest: string | undefined) => {
    const dir = mkdtempSync(join(tmpdir(), "spikegrade-early-"));
    made.push(dir);
    if (manifest !== undefined) writeFileSync(join(dir, "submission.json"), manifest);
    return dir;
  };

  it("starts the probe for the Python or notebook entry the manifest names", () => {
    prepareSimulatorIn(folder(JSON.stringify({ simulator: { entry: "figure1.ipynb" } })));
    expect(findPython).toHaveBeenCalledTimes(1);
  });

  it("starts nothing, and never throws, for any other folder", () => {
    const fifo = folder(undefined);
    execFileSync("mkfifo", [join(fifo, "submission.json")]);
    for (const dir of [
      folder(JSON.stringify({ simulator: { entry: "simulator.ts" } })),
      folder(JSON.stringify({ results: "figure1.json" })),
      folder("{ not json"),
      folder(JSON.stringify({ simulator: { entry: 3 } })),
      folder(undefined),
      fifo,
      join(tmpdir(), "spikegrade-no-such-folder"),
    ]) {
      expect(() => prepareSimulatorIn(dir), dir).not.toThrow();
    }
    expect(findPython).not.toHaveBeenCalled();
  });
});
