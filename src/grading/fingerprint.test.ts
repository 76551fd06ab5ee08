import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { folderFiles, gradingFingerprint } from "./fingerprint.js";

const scratch = mkdtempSync(join(tmpdir(), "spikegrade-pieces-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the fingerprint", () => {
  const base = {
    rubric: { checks: [] },
    tolerances: { measures: {} },
    referenceFigure: "f",
    spikegradeVersion: "1",
    options: { includeHidden: false, timeoutMs: 60_000 },
  };

  it("changes with any file's content, not with caches or the listing's order", async () => {
    const dir = join(scratch, "team");
    mkdirSync(join(dir, "lib"), { recursive: true });
    writeFileSync(join(dir, "simulator.py"), "print(1)\n");
    writeFileSync(join(dir, "lib", "b.py"), "x = 1\n");
    const before = await folderFiles(dir);
    expect(before.map(([p]) => p)).toEqual(["lib/b.py", "simulator.py"]);
    mkdirSync(join(dir, "__pycache__"));
    writeFileSync(join(dir, "__pycache__", "b.pyc"), "bytes");
    expect(await folderFiles(dir)).toEqual(before);
    writeFileSync(join(dir, "lib", "b.py"), "x = 2\n");
    const after = await folderFiles(dir);
    expect(gradingFingerprint({ ...base, files: after })).not.toBe(
      gradingFingerprint({ ...base, files: before }),
    );
  });

  it("changes with the rubric, the version and the options, not with key order", () => {
    const files: [string, string][] = [["a", "1"]];
    const f = gradingFingerprint({ ...base, files });
    expect(gradingFingerprint({ ...base, files, rubric: { checks: [1] } })).not.toBe(f);
    expect(gradingFingerprint({ ...base, files, spikegradeVersion: "2" })).not.toBe(f);
    expect(
      gradingFingerprint({ ...base, files, options: { includeHidden: true, timeoutMs: 60_000 } }),
    ).not.toBe(f);
    expect(
      gradingFingerprint({ ...base, files, options: { timeoutMs: 60_000, includeHidden: false } }),
    ).toBe(f);
  });
});
