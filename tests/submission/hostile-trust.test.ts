import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadGradingReference } from "../../src/checks/load-reference.js";
import { checkSubmission } from "../../src/grading/check-submission.js";
import { findPython } from "../../src/submission/python-runtime.js";
import { answerOf, HAS_LANDLOCK, hostile, ISOLATIONS, withSimulator } from "./helpers.js";

// What a submission could make the grader believe, or learn from it.

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of fixture in a temporary folder, to add what git cannot hold (bytecode, pipes). */
function copyOf(fixture: string): string {
  const dir = mkdtempSync(join(tmpdir(), "spikegrade-test-trust-"));
  made.push(dir);
  cpSync(hostile(fixture), dir, { recursive: true });
  return dir;
}

const python = await findPython();

/** Compiles source into the bytecode file Python would read for module in folder. */
function plantBytecode(folder: string, module: string, source: string): void {
  if (!python.ok) throw new Error(python.reason);
  const fake = join(folder, `fake-${module}.py`);
  writeFileSync(fake, source);
  const script = [
    "import importlib.util, os, py_compile, sys",
    "folder, module, fake = sys.argv[1:]",
    "target = importlib.util.cache_from_source(os.path.join(folder, module + '.py'))",
    "os.makedirs(os.path.dirname(target), exist_ok=True)",
    "py_compile.compile(fake, cfile=target, invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)",
  ].join("\n");
  execFileSync(python.runtime.executable, ["-c", script, folder, module, fake]);
  rmSync(fake);
}

describe.each(ISOLATIONS)("trust, isolation %s", (isolation) => {
  it("bytecode shipped in __pycache__ is never run: the source is", async () => {
    const folder = copyOf("pyc-py");
    plantBytecode(
      folder,
      "simulator",
      'import helper\ndef make_stimulus(r):\n    return {"from": "bytecode"}\ndef simulate_neuron(r):\n    return {}\n',
    );
    plantBytecode(folder, "helper", 'WHERE = "bytecode"\n');
    await withSimulator({ folder, entry: "simulator.py", isolation }, async (simulator) => {
      expect(answerOf(await simulator.call("makeStimulus", {}))).toEqual({
        from: "source",
        helper: "source",
      });
    });
  });

  it("a module without its source (bytecode alone) is not imported", async () => {
    const folder = copyOf("pyc-py");
    plantBytecode(folder, "helper", 'WHERE = "bytecode"\n');
    // Python's sourceless import: helper.pyc beside the simulator, no helper.py.
    execFileSync("sh", [
      "-c",
      `mv "$1"/__pycache__/helper.*.pyc "$1"/helper.pyc && rm "$1"/helper.py`,
      "sh",
      folder,
    ]);
    await withSimulator({ folder, entry: "simulator.py", isolation }, async (simulator) => {
      expect(simulator.loadCheck).toEqual({
        ok: false,
        kind: "load",
        message: expect.stringMatching(
          /^Python raised ModuleNotFoundError while loading simulator\.py at simulator\.py line \d+: No module named 'helper'/,
        ),
      });
    });
  });

  it('a forged "loaded" frame does not pass for a module that raised at import', async () => {
    await withSimulator(
      { folder: hostile("forged-load-py"), entry: "simulator.py", isolation },
      async (simulator) => {
        expect(simulator.loadCheck).toEqual({
          ok: false,
          kind: "protocol",
          message:
            "the simulator wrote to spikegrade's private channel (file descriptor 3) while loading simulator.py; its answers cannot be trusted",
        });
        expect(simulator.tampered).toBe(
          simulator.loadCheck.ok ? null : simulator.loadCheck.message,
        );
      },
    );
  });

  it.runIf(isolation === "bubblewrap" || HAS_LANDLOCK)(
    "the course secret in another process's environment cannot be read",
    async () => {
      const secret = `course-secret-${process.pid}-${Date.now()}`;
      // Stands for the grader's main process, which was started with the secret.
      const holder = spawn("sleep", ["30"], { env: { SPIKEGRADE_SECRET: secret } });
      try {
        await withSimulator(
          { folder: hostile("secret-py"), entry: "simulator.py", isolation },
          async (simulator) => {
            const seen = answerOf(
              await simulator.call("makeStimulus", { secret, pid: holder.pid }),
            );
            expect(seen.found).toEqual([]);
          },
        );
      } finally {
        holder.kill("SIGKILL");
      }
    },
  );
});

describe("trust: a sanity check of the secret test itself", () => {
  it("outside any simulator, the holder's environment does show the secret", () => {
    const secret = `course-secret-${process.pid}-visible`;
    const holder = spawn("sleep", ["30"], { env: { SPIKEGRADE_SECRET: secret } });
    try {
      const dir = mkdtempSync(join(tmpdir(), "spikegrade-test-trust-"));
      made.push(dir);
      mkdirSync(join(dir, "x"));
      const text = execFileSync("cat", [`/proc/${holder.pid}/environ`], { encoding: "utf8" });
      expect(text).toContain(secret);
    } finally {
      holder.kill("SIGKILL");
    }
  });
});

describe.each(ISOLATIONS)("links out of the folder, isolation %s", (isolation) => {
  it("a folder holding a link to / is not run at all", async () => {
    const folder = copyOf("link-root-js");
    symlinkSync("/", join(folder, "root"));
    await withSimulator({ folder, entry: "simulator.mjs", isolation }, async (simulator) => {
      expect(simulator.loadCheck).toEqual({
        ok: false,
        kind: "load",
        message:
          "root is a symbolic link that leads outside the submission folder; copy the file in instead",
      });
    });
  });
});

describe("a frame of the student's own on the runner's channel, after loading", () => {
  it("takes the load point back: nothing the process said can be trusted", async () => {
    const reference = await loadGradingReference();
    if (!reference.ok) throw new Error("no reference");
    const dir = copyOf("tamper-later-py");
    writeFileSync(
      join(dir, "submission.json"),
      JSON.stringify({
        team: "tamper",
        members: [{ id: "s1", name: "Eve" }],
        simulator: { entry: "simulator.py" },
      }),
    );
    const checked = await checkSubmission({
      dir,
      teamFrom: "manifest",
      reference: reference.value,
      timeoutMs: 10_000,
    });
    const load = checked.report.checks.find((c) => c.id === "load");
    expect(load).toMatchObject({
      status: "fail",
      points: 0,
      message: expect.stringMatching(
        /^the simulator wrote to spikegrade's private channel \(file descriptor 3\) while running makeStimulus; its answers cannot be trusted$/,
      ),
    });
  });
});
