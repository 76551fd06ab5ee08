import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { readJsonFile } from "../../src/protocol/read-json.js";
import { validateManifest } from "../../src/protocol/validate-manifest.js";
import type { ValidationError } from "../../src/protocol/validation.js";

const dir = join(import.meta.dirname, "..", "fixtures", "manifests");
const expected = JSON.parse(readFileSync(join(dir, "expected.json"), "utf8")) as Record<
  string,
  ValidationError[] | string
>;
const fixtures = readdirSync(dir)
  .filter((file) => file.endsWith(".json") && file !== "expected.json")
  .sort();

async function check(file: string): Promise<ValidationError[]> {
  const read = await readJsonFile(join(dir, file), { label: "submission.json" });
  if (!read.ok) return read.errors;
  const checked = validateManifest(read.value);
  return checked.ok ? [] : checked.errors;
}

describe("bad manifests give the messages a student can act on", () => {
  test("every fixture has its expected messages, and every expectation its fixture", () => {
    const listed = Object.keys(expected).filter((key) => !key.startsWith("$"));
    expect(listed.sort()).toEqual(fixtures);
  });

  test.each(fixtures)("%s", async (file) => {
    expect(await check(file)).toEqual(expected[file]);
  });
});

describe("manifest semantics", () => {
  const base = {
    team: "team-07",
    members: [{ id: "s2101234", name: "Ada Lovelace" }],
    simulator: { entry: "simulator.py" },
  };

  test("a valid manifest comes back as it was", () => {
    const checked = validateManifest(base);
    expect(checked).toEqual({ ok: true, value: base });
  });

  test.each([
    ["./simulator.py", true],
    ["src/lif/simulator.mts", true],
    ["notebooks/Figure 1.ipynb", true],
    ["a/./b/../simulator.js", false],
    ["..", false],
    ["../simulator.py", false],
    ["src/..\\..\\simulator.py", false],
    ["/etc/simulator.py", false],
    ["\\\\server\\share\\simulator.py", false],
    ["C:/simulator.py", false],
    ["submission.json", false],
  ])("entry %j is accepted: %s", (entry, accepted) => {
    expect(validateManifest({ ...base, simulator: { entry } }).ok).toBe(accepted);
  });

  test("results may not name the manifest itself", () => {
    const { simulator: _, ...rest } = base;
    const checked = validateManifest({ ...rest, results: "./submission.json" });
    expect(checked.ok ? [] : checked.errors).toEqual([
      {
        path: "results",
        message: "results names submission.json itself; expected the results file",
      },
    ]);
  });

  test("a __proto__ key pollutes nothing, at any depth", async () => {
    const read = await readJsonFile(join(dir, "proto-key.json"));
    expect(read.ok).toBe(true);
    const checked = validateManifest(read.ok ? read.value : undefined);
    expect(checked.ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });
});
