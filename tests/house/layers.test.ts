import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// The layer rule of .dependency-cruiser.cjs, run on small made-up trees: it must fail on each kind of
// violation (a rule that cannot fail would let the real tree drift) and pass a tree that obeys.
const root = join(import.meta.dirname, "../..");
const made: string[] = [];
const leaf = "export const value = 1;\n";
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function cruise(files: Record<string, string>): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), "spikegrade-layers-"));
  made.push(dir);
  for (const [path, text] of Object.entries({ "tests/leaf.ts": leaf, ...files })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const run = spawnSync(
    process.execPath,
    [
      join(root, "node_modules/dependency-cruiser/bin/dependency-cruise.mjs"),
      "src",
      "tests",
      "--config",
      join(root, ".dependency-cruiser.cjs"),
    ],
    { cwd: dir, encoding: "utf8" },
  );
  return { status: run.status, output: run.stdout + run.stderr };
}

describe("the layer rule", () => {
  it("passes imports that go down the layers", () => {
    const run = cruise({
      "src/protocol/types.ts": leaf,
      "src/checks/a.ts": 'import { value } from "../protocol/types.js";\nexport const a = value;\n',
      "src/cli/main.ts": 'import { a } from "../checks/a.js";\nexport const m = a;\n',
      "tests/t.ts": 'import { m } from "../src/cli/main.js";\nexport const t = m;\n',
    });
    expect(run.output).toContain("no dependency violations");
    expect(run.status).toBe(0);
  });

  it("fails an import up the layers", () => {
    const run = cruise({
      "src/checks/run.ts": leaf,
      "src/render/figure.ts":
        'import { value } from "../checks/run.js";\nexport const f = value;\n',
    });
    expect(run.output).toContain("layer-render: src/render/figure.ts → src/checks/run.ts");
    expect(run.status).not.toBe(0);
  });

  it("fails the library importing tests/", () => {
    const run = cruise({
      "tests/helper.ts": leaf,
      "src/grading/pool.ts":
        'import { value } from "../../tests/helper.js";\nexport const p = value;\n',
    });
    expect(run.output).toContain("src-not-tests");
    expect(run.status).not.toBe(0);
  });

  it("fails a module outside the layers and a cycle", () => {
    const run = cruise({
      "src/misc/util.ts":
        'import { value } from "../protocol/types.js";\nexport const u = value;\n',
      "src/protocol/types.ts": leaf,
      "src/model/a.ts": 'import { b } from "./b.js";\nexport const a = () => b;\n',
      "src/model/b.ts": 'import { a } from "./a.js";\nexport const b = () => a;\n',
    });
    expect(run.output).toContain("outside-the-layers");
    expect(run.output).toContain("no-cycles");
    expect(run.status).not.toBe(0);
  });
});
