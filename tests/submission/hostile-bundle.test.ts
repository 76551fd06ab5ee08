import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { bundleSimulator } from "../../src/submission/bundle.js";
import { hostile, withSimulator } from "./helpers.js";

// esbuild runs in the grader, outside any sandbox: what it may read, how much and how long.

const made: string[] = [];
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), "spikegrade-test-bundle-"));
  made.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const IMPORTS_DATA = `import data from "./data.txt";
export function makeStimulus() { return { currentPa: [], data }; }
export function simulateNeuron() { return { spikeTimesMs: [] }; }
`;
const LIMITS = { fileBytes: 1 << 20, totalBytes: 4 << 20, timeoutMs: 3000 };

describe("bundling a JavaScript simulator", () => {
  it("refuses another team's simulator reached through a template-literal import", async () => {
    await withSimulator(
      { folder: hostile("glob-import-js"), entry: "simulator.mjs" },
      async (simulator) => {
        expect(simulator.loadCheck).toEqual({
          ok: false,
          kind: "load",
          message:
            "simulator.mjs does not compile: simulator.mjs:4:30: an import reaches a file outside the submission folder; a simulator may import only its own files",
        });
      },
    );
  });

  it("refuses the grader's files imported as text through a glob", async () => {
    const result = await bundleSimulator(hostile("glob-text-js"), "simulator.mjs", folder());
    expect(result).toEqual({
      ok: false,
      message: expect.stringContaining("an import reaches a file outside the submission folder"),
    });
  });

  it("refuses a named pipe at once instead of waiting for a writer", async () => {
    const dir = folder();
    writeFileSync(join(dir, "simulator.mjs"), IMPORTS_DATA);
    execFileSync("mkfifo", [join(dir, "data.txt")]);
    expect(await bundleSimulator(dir, "simulator.mjs", folder(), LIMITS)).toEqual({
      ok: false,
      message: "simulator.mjs does not compile: simulator.mjs:1:18: data.txt is not a regular file",
    });
  });

  it("refuses a file over the size limit without reading it (a 300 MB sparse file)", async () => {
    const dir = folder();
    writeFileSync(join(dir, "simulator.mjs"), IMPORTS_DATA);
    const fd = openSync(join(dir, "data.txt"), "w");
    writeFileSync(fd, "x", { flag: "w" });
    closeSync(fd);
    execFileSync("truncate", ["-s", "300M", join(dir, "data.txt")]);
    const before = process.memoryUsage().rss;
    expect(await bundleSimulator(dir, "simulator.mjs", folder(), LIMITS)).toEqual({
      ok: false,
      message:
        "simulator.mjs does not compile: simulator.mjs:1:18: data.txt is 300 MiB; an imported file may be at most 1 MiB",
    });
    expect(process.memoryUsage().rss - before).toBeLessThan(100 << 20);
  });

  it("stops a build that hangs (a named pipe where esbuild reads package.json) at its time limit", async () => {
    const dir = folder();
    writeFileSync(join(dir, "simulator.mjs"), IMPORTS_DATA);
    writeFileSync(join(dir, "data.txt"), "fine\n");
    execFileSync("mkfifo", [join(dir, "package.json")]);
    expect(await bundleSimulator(dir, "simulator.mjs", folder(), LIMITS)).toEqual({
      ok: false,
      message: "bundling simulator.mjs did not finish within 3 s and was stopped",
    });
    // esbuild works again afterwards.
    rmSync(join(dir, "package.json"));
    expect(await bundleSimulator(dir, "simulator.mjs", folder(), LIMITS)).toEqual({
      ok: true,
      file: expect.stringMatching(/simulator\.mjs$/),
    });
  });
});
