import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ISOLATIONS, STEP, snapshot, withSimulator } from "./helpers.js";

// A student who writes a debug file next to their code: refused in every isolation, with where
// a scratch file may go instead; and there it works.
const scratch = mkdtempSync(join(tmpdir(), "spikegrade-scratch-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function simulator(target: string): string {
  const folder = mkdtempSync(join(scratch, "team-"));
  writeFileSync(
    join(folder, "simulator.py"),
    `import os, tempfile

def make_stimulus(request):
    with open(${target}, "w") as f:
        f.write("debug")
    n = round(request["durationMs"] / request["dtMs"])
    return {"currentPa": [0.0] * n}

def simulate_neuron(request):
    return {"spikeTimesMs": [[] for _ in range(request["trials"])], "voltageMv": None}
`,
  );
  return folder;
}

describe.each(ISOLATIONS)("a Python simulator writing files, isolation %s", (isolation) => {
  it("next to its code: refused, with where scratch files may go", async () => {
    const folder = simulator('"debug.txt"');
    const before = snapshot(folder);
    const result = await withSimulator({ folder, entry: "simulator.py", isolation }, (s) =>
      s.call("makeStimulus", STEP),
    );
    expect(result.ok).toBe(false);
    const message = result.ok ? "" : result.message;
    // The student's own line, not only in the log.
    expect(message).toMatch(/^Python raised \w+ in make_stimulus at simulator\.py line 4: /);
    expect(message).toMatch(
      isolation === "bubblewrap"
        ? /Read-only file system: 'debug.txt'; the submission's folder is read-only while spikegrade checks it: write scratch files under tempfile.gettempdir\(\)/
        : /writing 'debug.txt' is not allowed; a simulator may write only under /,
    );
    expect(snapshot(folder)).toEqual(before);
  });

  it("under tempfile.gettempdir(): allowed", async () => {
    const folder = simulator('os.path.join(tempfile.gettempdir(), "debug.txt")');
    const result = await withSimulator({ folder, entry: "simulator.py", isolation }, (s) =>
      s.call("makeStimulus", STEP),
    );
    expect(result.ok).toBe(true);
  });
});
