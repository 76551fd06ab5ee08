import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSimulator } from "../../src/submission/simulator.js";
import {
  answerOf,
  childProcesses,
  good,
  hostile,
  ISOLATIONS,
  STEP,
  withSimulator,
} from "./helpers.js";

// This file runs in a worker of its own: TMPDIR and the environment changed here stay here.
let privateTmp: string;
const savedTmp = process.env.TMPDIR;
beforeAll(() => {
  privateTmp = mkdtempSync(join(tmpdir(), "spikegrade-test-tmp-"));
  process.env.TMPDIR = privateTmp;
  process.env.SPIKEGRADE_SECRET = "topsecret";
  process.env.GRADER_TOKEN = "hunter2-grader-token";
});
afterAll(() => {
  process.env.TMPDIR = savedTmp;
  delete process.env.SPIKEGRADE_SECRET;
  delete process.env.GRADER_TOKEN;
  rmSync(privateTmp, { recursive: true, force: true });
});

describe.each(ISOLATIONS)("nothing leaks, isolation %s", (isolation) => {
  it.each([
    ["environment-py", "simulator.py"],
    ["environment-js", "simulator.mjs"],
  ])("%s sees none of the grader's environment", async (name, entry) => {
    const log = await withSimulator(
      { folder: hostile(name), entry, isolation },
      async (simulator) => {
        const environment = answerOf(await simulator.call("makeStimulus", {}))
          .environment as Record<string, string>;
        expect(environment.SPIKEGRADE_SECRET).toBeUndefined();
        expect(environment.GRADER_TOKEN).toBeUndefined();
        expect(environment.OPENBLAS_NUM_THREADS).toBe("1");
        return simulator.log();
      },
    );
    expect(log).toContain("OPENBLAS_NUM_THREADS"); // it did print its environment
    expect(log).not.toContain("topsecret");
    expect(log).not.toContain("SPIKEGRADE_SECRET");
    expect(log).not.toContain("hunter2-grader-token");
  });

  it("closing leaves no process, zombie or temporary folder behind, whatever happened", async () => {
    const simulators = await Promise.all([
      openSimulator({ folder: good("good-py"), entry: "simulator.py", isolation }),
      openSimulator({ folder: good("good-ts"), entry: "simulator.ts", isolation }),
      openSimulator({ folder: good("good-notebook"), entry: "simulator.ipynb", isolation }),
      openSimulator({
        folder: hostile("loop-py"),
        entry: "simulator.py",
        isolation,
        timeoutMs: 1000,
      }),
      openSimulator({
        folder: hostile("loop-js"),
        entry: "simulator.mjs",
        isolation,
        timeoutMs: 1000,
      }),
      openSimulator({ folder: hostile("exit-at-import-py"), entry: "simulator.py", isolation }),
    ]);
    expect(readdirSync(privateTmp).length).toBe(simulators.length);
    // Five processes run (the sixth exited while loading): the check below can see them.
    expect(childProcesses().filter((child) => child.state !== "Z").length).toBe(5);
    const results = await Promise.all(
      simulators.map((simulator) => simulator.call("makeStimulus", STEP)),
    );
    expect(results.map((result) => (result.ok ? "ok" : result.kind))).toEqual([
      "ok",
      "ok",
      "ok",
      "timeout",
      "timeout",
      "exit",
    ]);
    // Alive ones are closed while alive, one of them in the middle of a call.
    const pending = simulators[0].call("makeStimulus", STEP);
    await Promise.all(simulators.map((simulator) => simulator.close()));
    expect(["ok", "exit"]).toContain((await pending).ok ? "ok" : "exit");
    expect(childProcesses()).toEqual([]);
    expect(readdirSync(privateTmp)).toEqual([]);
    // Closing twice is harmless, and a closed simulator answers no more.
    await simulators[0].close();
    expect(await simulators[1].call("makeStimulus", STEP)).toEqual({
      ok: false,
      kind: "exit",
      message: "the simulator of simulator.ts was closed",
    });
  });
});
