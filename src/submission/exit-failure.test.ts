import { describe, expect, it } from "vitest";
import { type ExitContext, exitFailure } from "./exit-failure.js";

const context: ExitContext = {
  where: "while running simulateNeuron",
  tail: "",
  memoryMiB: 2048,
  cpuSeconds: 1200,
  viaBubblewrap: false,
};

describe("exitFailure", () => {
  it("an exit code is an exit", () => {
    expect(
      exitFailure({ code: 3, signal: null }, { ...context, where: "while loading simulator.py" }),
    ).toEqual({
      ok: false,
      kind: "exit",
      message: "the process exited with code 3 while loading simulator.py",
    });
  });

  it("a signal is a crash; bubblewrap's 128 + N is read as signal N", () => {
    const crash = {
      ok: false,
      kind: "crash",
      message: "the process crashed (SIGSEGV) while running simulateNeuron; see the log",
    };
    expect(exitFailure({ code: null, signal: "SIGSEGV" }, context)).toEqual(crash);
    expect(exitFailure({ code: 139, signal: null }, { ...context, viaBubblewrap: true })).toEqual(
      crash,
    );
    expect(exitFailure({ code: 139, signal: null }, context).kind).toBe("exit");
  });

  it("V8's out-of-memory abort is a memory failure", () => {
    const tail =
      "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n";
    expect(exitFailure({ code: null, signal: "SIGABRT" }, { ...context, tail })).toEqual({
      ok: false,
      kind: "memory",
      message:
        "JavaScript heap out of memory: the simulator went over its 2048 MiB memory limit while running simulateNeuron; the process was stopped",
    });
    // A clean exit is an exit even if the words were printed.
    expect(exitFailure({ code: 0, signal: null }, { ...context, tail }).kind).toBe("exit");
  });

  it("running out of CPU time is a timeout", () => {
    expect(exitFailure({ code: null, signal: "SIGXCPU" }, context)).toEqual({
      ok: false,
      kind: "timeout",
      message:
        "the simulator used up its CPU time budget of 1200 s while running simulateNeuron; the process was stopped",
    });
  });

  it("a process that could not start says why", () => {
    expect(exitFailure({ code: null, signal: null, error: "spawn /nope ENOENT" }, context)).toEqual(
      {
        ok: false,
        kind: "crash",
        message: "the simulator's process could not start (spawn /nope ENOENT)",
      },
    );
  });
});
