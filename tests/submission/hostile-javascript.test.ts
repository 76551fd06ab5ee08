import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  answerOf,
  HAS_BUBBLEWRAP,
  HOSTILE,
  hostile,
  ISOLATIONS,
  snapshot,
  withSimulator,
} from "./helpers.js";

// JavaScript and TypeScript always run under Node's permission model; "bubblewrap" adds the
// sandbox around it.

let outside: string;
let fixturesBefore: Record<string, string>;
beforeAll(() => {
  fixturesBefore = snapshot(HOSTILE);
  outside = mkdtempSync(join(tmpdir(), "spikegrade-test-outside-"));
  writeFileSync(join(outside, "sentinel.txt"), "the grader's secret\n");
});
afterAll(() => {
  rmSync(outside, { recursive: true, force: true });
  // Whatever the fixtures tried, every one of them is as it was.
  expect(snapshot(HOSTILE)).toEqual(fixturesBefore);
});

describe.each(ISOLATIONS)("hostile JavaScript, isolation %s", (isolation) => {
  it("an infinite loop is stopped at the time limit, and the simulator stays dead", async () => {
    await withSimulator(
      { folder: hostile("loop-js"), entry: "simulator.mjs", isolation, timeoutMs: 2000 },
      async (simulator) => {
        expect(simulator.loadCheck.ok).toBe(true);
        const first = await simulator.call("makeStimulus", {});
        expect(first).toEqual({
          ok: false,
          kind: "timeout",
          message: "makeStimulus did not answer within 2 s; the process was stopped",
        });
        expect(await simulator.call("simulateNeuron", {})).toEqual(first);
        expect(simulator.log()).toContain("[spikegrade] makeStimulus did not answer within 2 s");
      },
    );
  });

  it("process.exit at import is an exit while loading", async () => {
    await withSimulator(
      { folder: hostile("exit-at-import-js"), entry: "simulator.mjs", isolation },
      async (simulator) => {
        expect(simulator.loadCheck).toEqual({
          ok: false,
          kind: "exit",
          message: "the process exited with code 3 while loading simulator.mjs",
        });
        expect(await simulator.call("makeStimulus", {})).toEqual(simulator.loadCheck);
      },
    );
  });

  it("an exit between calls is reported on the next call", async () => {
    await withSimulator(
      { folder: hostile("exit-later-js"), entry: "simulator.mjs", isolation },
      async (simulator) => {
        expect((await simulator.call("makeStimulus", {})).ok).toBe(true);
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(await simulator.call("makeStimulus", {})).toEqual({
          ok: false,
          kind: "exit",
          message: "the process exited with code 5 between calls",
        });
      },
    );
  });

  it("files outside the folder cannot be read", async () => {
    const path = join(outside, "sentinel.txt");
    await withSimulator(
      { folder: hostile("read-outside-js"), entry: "simulator.mjs", isolation },
      async (simulator) => {
        const saw = answerOf(await simulator.call("makeStimulus", { path })).saw as string[];
        expect(saw[0]).toMatch(/^could not read .*sentinel\.txt: ERR_ACCESS_DENIED$/);
        expect(saw[1]).toMatch(/^could not read \/etc\/hostname: ERR_ACCESS_DENIED$/);
        expect(simulator.log()).toContain("could not read /etc/hostname");
        expect(simulator.log()).not.toContain("secret");
      },
    );
  });

  it("nothing can be written, outside the folder or in it", async () => {
    const path = join(outside, "written.txt");
    const folder = hostile("write-outside-js");
    const before = snapshot(folder);
    await withSimulator({ folder, entry: "simulator.mjs", isolation }, async (simulator) => {
      const saw = answerOf(await simulator.call("makeStimulus", { path })).saw as string[];
      expect(saw).toHaveLength(3);
      for (const line of saw) expect(line).toMatch(/^could not write .*: ERR_ACCESS_DENIED$/);
    });
    expect(existsSync(path)).toBe(false);
    expect(snapshot(folder)).toEqual(before);
  });

  it("no other process or worker can be started", async () => {
    await withSimulator(
      { folder: hostile("spawn-js"), entry: "simulator.mjs", isolation },
      async (simulator) => {
        const saw = answerOf(await simulator.call("makeStimulus", {})).saw;
        expect(saw).toEqual(["process: ERR_ACCESS_DENIED", "worker: ERR_ACCESS_DENIED"]);
        expect(simulator.log()).not.toContain("spawned");
      },
    );
  });

  it("200 MB of output stops the process, keeps a capped log, and the grader goes on", async () => {
    const logCapBytes = 64 * 1024;
    await withSimulator(
      { folder: hostile("flood-js"), entry: "simulator.mjs", isolation, logCapBytes },
      async (simulator) => {
        const result = await simulator.call("makeStimulus", {});
        expect(result).toEqual({
          ok: false,
          kind: "output",
          message:
            "the simulator printed more than 50 MiB while running makeStimulus; the process was stopped (the log keeps the first 64 KiB)",
        });
        const log = simulator.log();
        expect(log.length).toBeLessThan(logCapBytes + 1024);
        expect(log).toMatch(/the log was cut at 64 KiB; [\d.]+ MiB more output was not kept/);
      },
    );
    // The grader is still responsive: the next simulator opens and answers.
    await withSimulator(
      { folder: hostile("exit-later-js"), entry: "simulator.mjs", isolation },
      async (simulator) => {
        expect((await simulator.call("makeStimulus", {})).ok).toBe(true);
      },
    );
  });

  it.each([
    [
      "typed",
      /^RangeError: Invalid typed array length: 5000000000: the simulator asked for more memory than its 256 MiB limit allows in makeStimulus$/,
    ],
    [
      "heap",
      /^JavaScript heap out of memory: the simulator went over its 256 MiB memory limit while running makeStimulus; the process was stopped$/,
    ],
    [
      "buffers",
      /^the simulator went over its 256 MiB memory limit while running makeStimulus \(\d+ MiB resident\); the process was stopped$/,
    ],
  ])("asking for too much memory (%s) is a memory failure", async (how, message) => {
    await withSimulator(
      { folder: hostile("memory-js"), entry: "simulator.mjs", isolation, memoryMiB: 256 },
      async (simulator) => {
        const result = await simulator.call("makeStimulus", { how });
        expect(result).toMatchObject({ ok: false, kind: "memory" });
        expect(result.ok || result.message).toMatch(message);
      },
    );
  });

  it("a missing export is a load failure that names it and what is exported", async () => {
    await withSimulator(
      { folder: hostile("missing-function-js"), entry: "simulator.mjs", isolation },
      async (simulator) => {
        expect(simulator.loadCheck).toEqual({
          ok: false,
          kind: "load",
          message:
            "simulator.mjs does not export a function simulateNeuron (it exports: makeStimulus, make_stimulus)",
        });
      },
    );
  });

  it("a syntax error is a load failure with its place", async () => {
    await withSimulator(
      { folder: hostile("syntax-error-js"), entry: "simulator.mjs", isolation },
      async (simulator) => {
        expect(simulator.loadCheck).toMatchObject({ ok: false, kind: "load" });
        expect(simulator.loadCheck.ok || simulator.loadCheck.message).toMatch(
          /^simulator\.mjs does not compile: simulator\.mjs:2:\d+: Expected "\]" but found "}"/,
        );
      },
    );
  });

  it("importing a file from outside the folder is a load failure", async () => {
    await withSimulator(
      { folder: hostile("import-outside-js"), entry: "simulator.mjs", isolation },
      async (simulator) => {
        expect(simulator.loadCheck).toMatchObject({ ok: false, kind: "load" });
        expect(simulator.loadCheck.ok || simulator.loadCheck.message).toContain(
          '"../../../../package.json" is outside the submission folder',
        );
      },
    );
  });

  it("non-finite numbers become markers, typed arrays arrays; throws and cycles keep it alive", async () => {
    await withSimulator(
      { folder: hostile("odd-values-js"), entry: "simulator.mjs", isolation },
      async (simulator) => {
        expect(answerOf(await simulator.call("makeStimulus", {}))).toEqual({
          currentPa: [
            1,
            { $nonFinite: "NaN" },
            { $nonFinite: "Infinity" },
            { $nonFinite: "-Infinity" },
          ],
        });
        expect(await simulator.call("simulateNeuron", { trials: -1 })).toEqual({
          ok: false,
          kind: "exception",
          message:
            "JavaScript threw RangeError: trials must be positive in simulateNeuron (stack in the log)",
        });
        // The stack points into the student's own file (source maps), not the bundle or runner.
        expect(simulator.log()).toMatch(
          /RangeError: trials must be positive\n\s+at Module\.simulateNeuron \(.*odd-values-js\/simulator\.mjs:6:\d+\)\n$/,
        );
        const cycle = await simulator.call("simulateNeuron", { trials: 1 });
        expect(cycle).toMatchObject({ ok: false, kind: "protocol" });
        expect(cycle.ok || cycle.message).toMatch(
          /^simulateNeuron returned a value that is not JSON: TypeError: Converting circular structure to JSON/,
        );
        expect((await simulator.call("makeStimulus", {})).ok).toBe(true);
      },
    );
  });
});

describe.skipIf(!HAS_BUBBLEWRAP)("JavaScript under bubblewrap only", () => {
  it("cannot open a connection to the grader's machine", async () => {
    let connections = 0;
    const server = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    try {
      await withSimulator(
        { folder: hostile("socket-js"), entry: "simulator.mjs", isolation: "bubblewrap" },
        async (simulator) => {
          const saw = answerOf(await simulator.call("makeStimulus", { port })).saw;
          expect(saw).toMatch(/^could not connect: (ECONNREFUSED|ENETUNREACH)$/);
        },
      );
    } finally {
      server.close();
    }
    expect(connections).toBe(0);
  });
});
