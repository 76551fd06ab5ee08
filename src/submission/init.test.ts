import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CANONICAL_NEURON } from "../protocol/canonical.js";
import { packageRoot } from "../protocol/package-root.js";
import { PLACEHOLDER_MEMBER, validateManifest } from "../protocol/validate-manifest.js";
import {
  InitError,
  initSubmission,
  STARTER_ENTRIES,
  STARTER_LANGUAGES,
  teamFromFolder,
} from "./init.js";
import { openSimulator } from "./simulator.js";

const SIMULATOR_STARTERS = STARTER_LANGUAGES.filter((l) => l !== "results");
const TEAM_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const STEP = { kind: "step", dtMs: 0.5, durationMs: 1000, onsetMs: 50, offsetMs: 950, meanPa: 150 };
const NEURON = { ...CANONICAL_NEURON };
const SIMULATE = {
  dtMs: 0.5,
  currentPa: [0, 0, 0],
  trials: 2,
  seed: 7,
  recordVoltage: 1,
  neuron: NEURON,
};

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "spikegrade-init-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function template(language: string, name: string): string {
  return readFileSync(join(packageRoot(), "src/submission/templates", language, name), "utf8");
}

describe("initSubmission", () => {
  it.each(SIMULATOR_STARTERS)("writes a %s starter named after its folder", async (language) => {
    const dir = join(root, "Team 07 (Ada & Alan)");
    const { team, files } = await initSubmission({ dir, language });
    const entry = STARTER_ENTRIES[language];
    expect(team).toBe("team-07-ada-alan");
    expect(files).toEqual([join(dir, "submission.json"), join(dir, entry)]);

    const manifest = JSON.parse(await readFile(join(dir, "submission.json"), "utf8"));
    expect(manifest).toEqual({
      team: "team-07-ada-alan",
      members: [PLACEHOLDER_MEMBER],
      simulator: { entry },
    });
    expect(validateManifest(manifest).ok).toBe(true);
    expect(await readFile(join(dir, entry), "utf8")).toBe(template(language, entry));
  });

  it("writes a results starter: a manifest naming figure1.json and the script that writes it", async () => {
    const dir = join(root, "team-r");
    const { files } = await initSubmission({ dir, language: "results" });
    expect(files).toEqual([join(dir, "submission.json"), join(dir, "make_results.py")]);
    const manifest = JSON.parse(await readFile(join(dir, "submission.json"), "utf8"));
    expect(manifest).toEqual({
      team: "team-r",
      members: [PLACEHOLDER_MEMBER],
      results: "figure1.json",
    });
    expect(validateManifest(manifest).ok).toBe(true);
    expect(existsSync(join(dir, "figure1.json"))).toBe(false);
    // Until run_panel is written, the script stops on the TODO and writes nothing.
    const run = spawnSync("python3", ["-B", join(dir, "make_results.py")], { encoding: "utf8" });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("TODO: make run_panel in make_results.py return panel A's");
    expect(existsSync(join(dir, "figure1.json"))).toBe(false);
  });

  it("uses the team it is given", async () => {
    const dir = join(root, "anything");
    const { team } = await initSubmission({ dir, language: "python", team: "team-42" });
    expect(team).toBe("team-42");
    expect(JSON.parse(await readFile(join(dir, "submission.json"), "utf8")).team).toBe("team-42");
  });

  it("refuses to overwrite a file, names it and writes nothing", async () => {
    const dir = join(root, "team-07");
    await mkdir(dir);
    await writeFile(join(dir, "simulator.py"), "# ours\n");
    const refusal = initSubmission({ dir, language: "python" });
    await expect(refusal).rejects.toThrow(InitError);
    await expect(refusal).rejects.toThrow(`${join(dir, "simulator.py")} already exists`);
    expect(readFileSync(join(dir, "simulator.py"), "utf8")).toBe("# ours\n");
    expect(existsSync(join(dir, "submission.json"))).toBe(false);
  });

  it("refuses a second init in the same folder", async () => {
    const dir = join(root, "team-07");
    await initSubmission({ dir, language: "typescript" });
    await expect(initSubmission({ dir, language: "typescript" })).rejects.toThrow(
      `${join(dir, "submission.json")} and ${join(dir, "simulator.ts")} already exist`,
    );
  });

  it("refuses an invalid team name and an unknown language", async () => {
    const dir = join(root, "team-07");
    await expect(initSubmission({ dir, language: "python", team: "Team 7" })).rejects.toThrow(
      /team "Team 7" must be lowercase letters/,
    );
    await expect(
      initSubmission({ dir, language: "matlab" as unknown as "python" }),
    ).rejects.toThrow('there is no starter for language "matlab"');
    expect(existsSync(dir)).toBe(false);
  });
});

describe("teamFromFolder", () => {
  it("sanitises a folder name to the contract's team pattern", () => {
    expect(teamFromFolder("/home/ada/Team 07 (Ada & Alan)")).toBe("team-07-ada-alan");
    expect(teamFromFolder("submissions/team-07/")).toBe("team-07");
    expect(teamFromFolder("Équipe_Ω")).toBe("equipe_");
    expect(teamFromFolder("__Lab 3__")).toBe("lab-3__");
    expect(teamFromFolder("---")).toBe("team");
    expect(teamFromFolder("x".repeat(70))).toBe("x".repeat(64));
    expect(teamFromFolder(`${"a".repeat(63)} b`)).toBe("a".repeat(63));
  });

  it("always gives a valid team name", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 80 }), (name) => {
        const clean = name.replace(/[/\0]/g, "");
        fc.pre(clean !== "" && clean !== "." && clean !== "..");
        expect(teamFromFolder(join("/tmp", clean))).toMatch(TEAM_PATTERN);
      }),
    );
  });
});

describe("the starters load and fail until written", () => {
  it("Python: imports, and both functions raise the TODO", async () => {
    const dir = join(root, "team-py");
    await initSubmission({ dir, language: "python" });
    const script = [
      "import json, sys",
      `sys.path.insert(0, ${JSON.stringify(dir)})`,
      "import simulator",
      "for name, request in [('make_stimulus', json.loads(sys.argv[1])), ('simulate_neuron', json.loads(sys.argv[2]))]:",
      "    try:",
      "        getattr(simulator, name)(request)",
      "    except NotImplementedError as error:",
      "        print(name, error)",
    ].join("\n");
    const out = execFileSync(
      "python3",
      ["-B", "-c", script, JSON.stringify(STEP), JSON.stringify(SIMULATE)],
      { encoding: "utf8" },
    );
    expect(out).toMatch(/^make_stimulus TODO: write make_stimulus/m);
    expect(out).toMatch(/^simulate_neuron TODO: write simulate_neuron/m);
  });

  it("TypeScript: transpiles with esbuild, and both functions throw the TODO", async () => {
    const dir = join(root, "team-ts");
    await initSubmission({ dir, language: "typescript" });
    const outfile = join(root, "bundle.mjs");
    await build({
      entryPoints: [join(dir, "simulator.ts")],
      bundle: true,
      format: "esm",
      platform: "node",
      outfile,
      logLevel: "silent",
    });
    const module = await import(pathToFileURL(outfile).href);
    expect(() => module.makeStimulus(STEP)).toThrow(/^TODO: write makeStimulus/);
    expect(() => module.simulateNeuron(SIMULATE)).toThrow(/^TODO: write simulateNeuron/);
  });

  it("JavaScript: imports, and both functions throw the TODO", async () => {
    const dir = join(root, "team-js");
    await initSubmission({ dir, language: "javascript" });
    const module = await import(pathToFileURL(join(dir, "simulator.mjs")).href);
    expect(() => module.makeStimulus(STEP)).toThrow(/^TODO: write makeStimulus/);
    expect(() => module.simulateNeuron(SIMULATE)).toThrow(/^TODO: write simulateNeuron/);
  });

  it("notebook: valid nbformat 4 whose code cells define both functions, which raise the TODO", async () => {
    const dir = join(root, "team-nb");
    await initSubmission({ dir, language: "notebook" });
    const notebook = JSON.parse(await readFile(join(dir, "simulator.ipynb"), "utf8"));
    expect(notebook.nbformat).toBe(4);
    for (const cell of notebook.cells) {
      expect(["markdown", "code"]).toContain(cell.cell_type);
      expect(Array.isArray(cell.source)).toBe(true);
      expect(cell.metadata).toEqual({});
      if (cell.cell_type === "code") {
        expect(cell.outputs).toEqual([]);
        expect(cell.execution_count).toBeNull();
      }
    }
    const code = notebook.cells
      .filter((cell: { cell_type: string }) => cell.cell_type === "code")
      .map((cell: { source: string[] }) => cell.source.join(""));
    const script = [
      "import sys",
      "cells = sys.stdin.read().split('\\n# --- cell ---\\n')",
      "for cell in cells:",
      "    try:",
      "        exec(cell)",
      "    except NotImplementedError:",
      "        pass",
      "for name in ['make_stimulus', 'simulate_neuron']:",
      "    try:",
      "        globals()[name]({})",
      "    except NotImplementedError as error:",
      "        print(name, error)",
    ].join("\n");
    const out = execFileSync("python3", ["-B", "-c", script], {
      input: code.join("\n# --- cell ---\n"),
      encoding: "utf8",
    });
    expect(out).toMatch(/^make_stimulus TODO: write make_stimulus/m);
    expect(out).toMatch(/^simulate_neuron TODO: write simulate_neuron/m);
  });

  it.each(SIMULATOR_STARTERS)(
    "%s: spikegrade's runner loads it and each call fails with the TODO",
    async (language) => {
      const dir = join(root, `team-${language}`);
      await initSubmission({ dir, language });
      const simulator = await openSimulator({
        folder: dir,
        entry: STARTER_ENTRIES[language],
        isolation: "none",
      });
      try {
        expect(simulator.loadCheck).toMatchObject({ ok: true });
        const stimulus = await simulator.call("makeStimulus", STEP);
        expect(stimulus).toMatchObject({ ok: false, kind: "exception" });
        expect(stimulus.ok ? "" : stimulus.message).toContain("TODO: write make");
        const neuron = await simulator.call("simulateNeuron", SIMULATE);
        expect(neuron).toMatchObject({ ok: false, kind: "exception" });
        expect(neuron.ok ? "" : neuron.message).toContain("TODO: write simulate");
      } finally {
        await simulator.close();
      }
    },
  );
});
