import { readdirSync, readlinkSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { makeTaskGroup } from "../../src/submission/cgroup.js";
import { answerOf, HAS_LANDLOCK, hostile, ISOLATIONS, withSimulator } from "./helpers.js";

const probe = makeTaskGroup(8);
const HAS_CONTROL_GROUPS = probe !== null;
probe?.remove();

// Resources a submission could hold on to past what the limits count: memory in tmpfs, tasks,
// processes that outlive the grading.

/** Processes (other than this one) whose working folder is folder. */
function processesIn(folder: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readlinkSync(`/proc/${name}/cwd`) === folder) found.push(Number(name));
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found;
}

describe.each(ISOLATIONS)("resources, isolation %s", (isolation) => {
  const sandboxed = isolation === "bubblewrap";

  it.runIf(sandboxed || HAS_LANDLOCK)(
    "nothing but the private /tmp can be written: not /dev/shm, the root or /dev",
    async () => {
      await withSimulator(
        { folder: hostile("shm-py"), entry: "simulator.py", isolation, tmpBytes: 8 << 20 },
        async (simulator) => {
          const saw = answerOf(await simulator.call("makeStimulus", { megabytes: 64 })).saw;
          // Landlock refuses first; without it, the sandbox's sized and read-only mounts do
          // (bubblewrap.test.ts pins those on their own).
          expect(saw).toEqual(
            HAS_LANDLOCK
              ? [
                  "/dev/shm: Permission denied after 0 MiB",
                  // A read-only root (the sandbox's, or this machine's) answers before Landlock.
                  expect.stringMatching(/^\/filler: (Permission denied|Read-only file system)$/),
                  expect.stringMatching(
                    /^\/dev\/filler: (Permission denied|Read-only file system)$/,
                  ),
                ]
              : [
                  expect.stringMatching(/^\/dev\/shm: No space left on device after [78] MiB$/),
                  "/filler: Read-only file system",
                  "/dev/filler: Read-only file system",
                ],
          );
        },
      );
    },
  );

  it.runIf(HAS_CONTROL_GROUPS)(
    "thousands of threads: the control group refuses them past its limit",
    async () => {
      await withSimulator(
        { folder: hostile("threads-py"), entry: "simulator.py", isolation, maxTasks: 40 },
        async (simulator) => {
          const value = answerOf(await simulator.call("makeStimulus", { threads: 2000 }));
          expect(value.error).toMatch(/can't start new thread/);
          expect(value.started).toBeLessThan(40);
        },
      );
    },
  );

  it("thousands of threads: without a control group the watchdog counts and stops them", async () => {
    await withSimulator(
      {
        folder: hostile("threads-py"),
        entry: "simulator.py",
        isolation,
        maxTasks: 40,
        controlGroup: false,
      },
      async (simulator) => {
        expect(await simulator.call("makeStimulus", { threads: 2000 })).toEqual({
          ok: false,
          kind: "memory",
          message: expect.stringMatching(
            /^the simulator started more than 40 processes and threads while running makeStimulus \(\d+\); the process was stopped$/,
          ),
        });
      },
    );
  });

  it("a double-forked daemon does not outlive its simulator", async () => {
    const folder = hostile("daemon-py");
    await withSimulator({ folder, entry: "simulator.py", isolation }, async (simulator) => {
      // libc's fork goes around the runner's guard, not around the seccomp filter.
      expect(answerOf(await simulator.call("makeStimulus", {})).saw).toBe(
        HAS_LANDLOCK ? "fork: Operation not permitted" : "forked",
      );
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(processesIn(folder)).toEqual([]);
  });
});
