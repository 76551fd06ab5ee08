import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  answerOf,
  HAS_LANDLOCK,
  HOSTILE,
  hostile,
  ISOLATIONS,
  snapshot,
  withSimulator,
} from "./helpers.js";

// Python runs under resource limits and the runner's audit hook ("none"), or inside
// bubblewrap with both of those as well ("bubblewrap").

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

describe.each(ISOLATIONS)("hostile Python, isolation %s", (isolation) => {
  const sandboxed = isolation === "bubblewrap";

  it("an infinite loop is stopped at the time limit, and the simulator stays dead", async () => {
    await withSimulator(
      { folder: hostile("loop-py"), entry: "simulator.py", isolation, timeoutMs: 2000 },
      async (simulator) => {
        expect(simulator.isolation).toBe(sandboxed ? "bubblewrap" : "rlimits");
        const first = await simulator.call("makeStimulus", {});
        expect(first).toEqual({
          ok: false,
          kind: "timeout",
          message: "makeStimulus did not answer within 2 s; the process was stopped",
        });
        expect(await simulator.call("makeStimulus", {})).toEqual(first);
      },
    );
  });

  it("a module that never finishes loading is stopped at the load time limit", async () => {
    await withSimulator(
      {
        folder: hostile("loop-at-import-py"),
        entry: "simulator.py",
        isolation,
        loadTimeoutMs: 1500,
      },
      async (simulator) => {
        expect(simulator.loadCheck).toEqual({
          ok: false,
          kind: "timeout",
          message: "loading simulator.py did not finish within 1.5 s; the process was stopped",
        });
      },
    );
  });

  it("sys.exit at import is an exit while loading", async () => {
    await withSimulator(
      { folder: hostile("exit-at-import-py"), entry: "simulator.py", isolation },
      async (simulator) => {
        expect(simulator.loadCheck).toEqual({
          ok: false,
          kind: "exit",
          message: "the process exited with code 3 while loading simulator.py",
        });
      },
    );
  });

  const confined = sandboxed || HAS_LANDLOCK;
  it(`files outside the folder ${confined ? "cannot" : "can still"} be read`, async () => {
    const path = join(outside, "sentinel.txt");
    await withSimulator(
      { folder: hostile("read-outside-py"), entry: "simulator.py", isolation },
      async (simulator) => {
        const saw = answerOf(await simulator.call("makeStimulus", { path })).saw as string[];
        if (HAS_LANDLOCK)
          expect(simulator.isolationNote).toMatch(/in the kernel, Landlock v\d+ and seccomp$/);
        if (confined) {
          // The sandbox has no such files; Landlock refuses them where they exist.
          const why = sandboxed ? "FileNotFoundError" : "PermissionError";
          expect(saw).toEqual([
            `could not read ${path}: ${why}`,
            `could not read /etc/hostname: ${why}`,
          ]);
          expect(simulator.log()).not.toContain("secret");
        } else {
          // What resource limits do not cover, stated in the isolation note and pinned here.
          expect(saw[0]).toBe(`read ${path}: the grader's secret`);
        }
      },
    );
  });

  it("writes go only to the private temporary folder", async () => {
    const path = join(outside, "written.txt");
    const folder = hostile("write-outside-py");
    const before = snapshot(folder);
    await withSimulator({ folder, entry: "simulator.py", isolation }, async (simulator) => {
      const saw = answerOf(await simulator.call("makeStimulus", { path })).saw as string[];
      // The runner's guard refuses first, in both isolations. Inside the sandbox the host's
      // /tmp is not there at all (its /tmp is the private one, where the folder does not exist).
      expect(saw[0]).toBe(
        `could not write ${path}: ${sandboxed ? "FileNotFoundError" : "PermissionError"}`,
      );
      // Inside the sandbox a folder that lies under the host's /tmp (a CI clone, say) sits inside
      // the private /tmp, where the guard lets the write through and the read-only bind refuses it.
      expect(saw[1]).toMatch(
        /^could not write .*written-by-simulator\.txt: (PermissionError|OSError)$/,
      );
      expect(saw[2]).toMatch(
        /^could not write relative-by-simulator\.txt: (PermissionError|OSError)$/,
      );
      expect(saw[3]).toMatch(/^wrote .*scratch\.txt$/);
      expect(simulator.log()).toContain("could not write relative-by-simulator.txt");
    });
    expect(existsSync(path)).toBe(false);
    expect(snapshot(folder)).toEqual(before);
  });

  it.skipIf(!confined)(
    "code that goes around the guard (ctypes, dir_fd) still cannot write",
    async () => {
      const path = join(outside, "bypass.txt");
      const folder = hostile("write-bypass-py");
      const before = snapshot(HOSTILE);
      await withSimulator({ folder, entry: "simulator.py", isolation }, async (simulator) => {
        const saw = answerOf(await simulator.call("makeStimulus", { path })).saw as string[];
        // The sandbox's mounts answer first where they apply; Landlock refuses the rest.
        const readOnly = sandboxed ? "Read-only file system" : "Permission denied";
        expect(saw).toEqual([
          `could not write ${path}: ${sandboxed ? "No such file or directory" : "Permission denied"}`,
          expect.stringMatching(
            new RegExp(`^could not write .*written-by-simulator\\.txt: ${readOnly}$`),
          ),
          `could not write /usr/written-by-simulator.txt: ${readOnly}`,
          // Landlock refuses even to open the folder above. In the sandbox, a folder above a
          // submission that lies under /tmp (a clone there) is part of the private /tmp, where the
          // write lands in the sandbox's own memory: the host's folder is unchanged either way
          // (the snapshot below).
          expect.stringMatching(
            sandboxed
              ? /^(could not (open|write) .*|wrote written-beside-the-teams\.txt in \/tmp\/.*)$/
              : /^could not (open .*|write written-beside-the-teams\.txt in .*): (Permission denied|Read-only file system)$/,
          ),
        ]);
      });
      expect(existsSync(path)).toBe(false);
      expect(snapshot(HOSTILE)).toEqual(before);
    },
  );

  it("no other process can be started", async () => {
    await withSimulator(
      { folder: hostile("spawn-py"), entry: "simulator.py", isolation },
      async (simulator) => {
        const saw = answerOf(await simulator.call("makeStimulus", {})).saw;
        expect(saw).toEqual([
          "subprocess: PermissionError",
          "system: PermissionError",
          "fork: PermissionError",
          "exec: PermissionError",
        ]);
        expect(simulator.log()).not.toContain("spawned\n");
      },
    );
  });

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
        { folder: hostile("socket-py"), entry: "simulator.py", isolation },
        async (simulator) => {
          const saw = answerOf(await simulator.call("makeStimulus", { port })).saw;
          // No network in the sandbox; outside it, the runner's guard refuses the connection.
          expect(saw).toMatch(
            /^could not connect: (PermissionError|ConnectionRefusedError|OSError)$/,
          );
        },
      );
    } finally {
      server.close();
    }
    expect(connections).toBe(0);
  });

  it("200 MB of output stops the process with a capped log", async () => {
    await withSimulator(
      { folder: hostile("flood-py"), entry: "simulator.py", isolation },
      async (simulator) => {
        expect(await simulator.call("makeStimulus", {})).toEqual({
          ok: false,
          kind: "output",
          message:
            "the simulator printed more than 50 MiB while running makeStimulus; the process was stopped (the log keeps the first 1 MiB)",
        });
        expect(simulator.log().length).toBeLessThan(1024 * 1024 + 1024);
      },
    );
  });

  it("a 40 GB numpy array is a memory failure, and the process lives on", async () => {
    await withSimulator(
      { folder: hostile("memory-py"), entry: "simulator.py", isolation, memoryMiB: 512 },
      async (simulator) => {
        const expected = {
          ok: false,
          kind: "memory",
          message:
            "MemoryError: the simulator went over its 512 MiB memory limit in make_stimulus (Unable to allocate 37.3 GiB for an array with shape (5000000000,) and data type float64)",
        };
        expect(await simulator.call("makeStimulus", {})).toEqual(expected);
        expect(await simulator.call("simulateNeuron", {})).toEqual({
          ok: true,
          value: { spikeTimesMs: [] },
          ms: expect.any(Number),
        });
      },
    );
  });

  it("a segmentation fault is a crash, with Python's traceback in the log", async () => {
    await withSimulator(
      { folder: hostile("crash-py"), entry: "simulator.py", isolation },
      async (simulator) => {
        expect(await simulator.call("makeStimulus", {})).toEqual({
          ok: false,
          kind: "crash",
          message: "the process crashed (SIGSEGV) while running makeStimulus; see the log",
        });
        expect(simulator.log()).toMatch(
          /Fatal Python error: Segmentation fault[\s\S]*crash-py\/simulator\.py", line 6 in make_stimulus/,
        );
      },
    );
  });

  it("a missing function is a load failure that names it", async () => {
    await withSimulator(
      { folder: hostile("missing-function-py"), entry: "simulator.py", isolation },
      async (simulator) => {
        expect(simulator.loadCheck).toEqual({
          ok: false,
          kind: "load",
          message: "simulator.py does not define simulate_neuron",
        });
      },
    );
  });

  it("functions named as in JavaScript: the load failure says the Python names", async () => {
    const folder = join(outside, `camel-${isolation}`);
    mkdirSync(folder);
    writeFileSync(
      join(folder, "simulator.py"),
      "def makeStimulus(request):\n    return {}\n\ndef simulate_neuron(request):\n    return {}\n",
    );
    await withSimulator({ folder, entry: "simulator.py", isolation }, async (simulator) => {
      expect(simulator.loadCheck).toEqual({
        ok: false,
        kind: "load",
        message:
          "simulator.py does not define make_stimulus (it defines makeStimulus: in Python the name is make_stimulus)",
      });
    });
  });

  it("writing into spikegrade's channel is a protocol failure", async () => {
    await withSimulator(
      { folder: hostile("channel-garbage-py"), entry: "simulator.py", isolation },
      async (simulator) => {
        expect(await simulator.call("makeStimulus", {})).toEqual({
          ok: false,
          kind: "protocol",
          message: "the simulator's process sent a message spikegrade cannot read",
        });
      },
    );
  });

  it("numpy values are converted (float arrays packed as float64 and unpacked), non-finite numbers marked; raises and sets keep it alive", async () => {
    await withSimulator(
      { folder: hostile("odd-values-py"), entry: "simulator.py", isolation },
      async (simulator) => {
        expect(answerOf(await simulator.call("makeStimulus", {}))).toEqual({
          currentPa: [
            1,
            { $nonFinite: "NaN" },
            { $nonFinite: "Infinity" },
            { $nonFinite: "-Infinity" },
          ],
          dtMs: 0.5,
          samples: 4,
          shape: [4],
          // float32 values widened exactly, as tolist() would give them.
          grid: [
            [Math.fround(0.1), 2],
            [-3.5, { $nonFinite: "NaN" }],
          ],
          counts: [1, 2],
          empty: [[], []],
          scalar: 1.5,
        });
        expect(await simulator.call("simulateNeuron", { trials: -1 })).toEqual({
          ok: false,
          kind: "exception",
          message:
            "Python raised ValueError in simulate_neuron at simulator.py line 14: trials must be positive (traceback in the log)",
        });
        expect(simulator.log()).toMatch(
          /Traceback \(most recent call last\):\n {2}File ".*odd-values-py\/simulator\.py", line 14, in simulate_neuron\n/,
        );
        expect(await simulator.call("simulateNeuron", { trials: 1 })).toEqual({
          ok: false,
          kind: "protocol",
          message:
            "simulate_neuron returned a value that is not JSON: spikeTimesMs[0] is a set, which JSON cannot carry",
        });
        expect((await simulator.call("makeStimulus", {})).ok).toBe(true);
        // A long current, which goes packed, reaches the function as the list JSON would give.
        const currentPa = Array.from({ length: 300 }, (_, i) => i * 0.1 + 0.2 - 1e-300 * i);
        expect(answerOf(await simulator.call("simulateNeuron", { trials: 1, currentPa }))).toEqual({
          types: ["list", "float"],
          currentPa,
        });
      },
    );
  });
});
