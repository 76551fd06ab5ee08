import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRubric } from "../../src/checks/load-reference.js";
import { PUBLIC_DTS_MS } from "../../src/checks/protocols.js";
import { gradeClass } from "../../src/grading/grade-class.js";
import { deriveHiddenInputs, SECRET_VARIABLE } from "../../src/grading/hidden-inputs.js";

// `grade --hidden`: the hidden checks run on inputs derived from the course secret, which never
// reaches a student process or a file, and whose seeds never reach what a student reads.

const root = join(import.meta.dirname, "../..");
const scratch = mkdtempSync(join(tmpdir(), "spikegrade-hidden-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const read = (path: string) => readFileSync(path, "utf8");

const SECRET = "a-course-secret-that-must-not-leak-7f3a";
let seeds: number[];
/** The time steps this secret gives hidden checks that no public check runs at, as JSON writes them. */
let hiddenOnlyDts: string[];
let out: string;

beforeAll(async () => {
  const rubric = await loadRubric();
  if (!rubric.ok) throw new Error("the package's rubric does not load");
  const hidden = deriveHiddenInputs(SECRET, rubric.value);
  seeds = hidden.seeds;
  const dts = Object.values(hidden.byCheck).flatMap((inputs) => inputs.dtMs ?? []);
  hiddenOnlyDts = [...new Set(dts)]
    .filter((dt) => !(PUBLIC_DTS_MS as readonly unknown[]).includes(dt))
    .map((dt) => JSON.stringify(dt));
  const dir = join(scratch, "class");
  // A correct simulator that prints every request it gets into its log.
  cpSync(join(root, "submissions/example-python"), join(dir, "chatty"), { recursive: true });
  writeFileSync(
    join(dir, "chatty", "chatty.py"),
    [
      "import simulator as base",
      "def make_stimulus(request):",
      "    print('makeStimulus', request)",
      "    return base.make_stimulus(request)",
      "def simulate_neuron(request):",
      "    print('simulateNeuron seed', request['seed'], 'dt', request['dtMs'])",
      "    return base.simulate_neuron(request)",
      "",
    ].join("\n"),
  );
  const manifest = JSON.parse(read(join(dir, "chatty", "submission.json")));
  manifest.simulator.entry = "chatty.py";
  writeFileSync(join(dir, "chatty", "submission.json"), JSON.stringify(manifest));
  // A simulator that prints its whole environment.
  cpSync(join(root, "tests/fixtures/hostile/environment-py"), join(dir, "env-py"), {
    recursive: true,
  });
  writeFileSync(
    join(dir, "env-py", "submission.json"),
    JSON.stringify({
      team: "env-py",
      members: [{ id: "s1", name: "Eve" }],
      simulator: { entry: "simulator.py" },
    }),
  );
  out = join(scratch, "out");
  // The grader's own environment holds the secret, as it does when an instructor runs grade.
  process.env[SECRET_VARIABLE] = SECRET;
  try {
    await gradeClass({ dir, out, jobs: 2, timeoutMs: 30_000, secret: SECRET });
  } finally {
    delete process.env[SECRET_VARIABLE];
  }
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe("hidden checks", () => {
  it("run, and show in the gradebook as columns", () => {
    const gradebook = JSON.parse(read(join(out, "gradebook.json")));
    expect(gradebook.checks.map((c: { id: string }) => c.id)).toContain("figure1.B:hidden");
    const chatty = gradebook.teams.find((t: { team: string }) => t.team === "chatty");
    expect(chatty.status).toBe("pass");
    expect(chatty.checks.map((c: { id: string }) => c.id)).toContain("neuron.match:hidden");
  });

  it("never leave the secret in any file, even when a simulator prints its environment", () => {
    const log = JSON.parse(read(join(out, ".instructor", "env-py", "result.json"))).log as string;
    expect(log).toContain("PATH"); // it did print its environment
    for (const file of filesUnder(out)) {
      expect(readFileSync(file).includes(SECRET), file).toBe(false);
    }
  });

  it("never show a hidden seed in what a student reads, though the simulator printed them", () => {
    const log = JSON.parse(read(join(out, ".instructor", "chatty", "result.json"))).log as string;
    expect(log).toContain("simulateNeuron seed");
    expect(log).toContain("[hidden]");
    const studentFacing = ["report.html", "gradescope.json"].map((f) =>
      read(join(out, "chatty", f)),
    );
    for (const text of studentFacing) {
      for (const seed of seeds) expect(text).not.toMatch(new RegExp(`(?<!\\d)${seed}(?!\\d)`));
    }
    const gradescope = JSON.parse(studentFacing[1]);
    const visibility = (v: string) =>
      gradescope.tests.filter((t: { visibility: string }) => t.visibility === v).length;
    expect(visibility("after_published")).toBe(4);
    expect(visibility("visible")).toBe(14);
  });

  it("leave nothing of them in OUT/<team>/, which goes back to the team as it is; OUT/.instructor/<team>/ keeps them", () => {
    // The secret must give some check a time step of its own, or there would be none to look for.
    expect(hiddenOnlyDts).toEqual(["0.25"]);
    const log = JSON.parse(read(join(out, ".instructor", "chatty", "result.json"))).log as string;
    expect(log).toContain("dt [hidden]"); // the simulator did print its hidden time step
    const secrets = [SECRET, ...seeds.map(String), ...hiddenOnlyDts].map((t) => Buffer.from(t));
    for (const team of ["chatty", "env-py"]) {
      const returned = filesUnder(join(out, team));
      expect(returned.map((f) => basename(f))).toContain("report.html");
      for (const file of returned) {
        const bytes = readFileSync(file);
        for (const secret of secrets)
          expect(bytes.includes(secret), `${file}: ${secret}`).toBe(false);
      }
    }
    const kept = filesUnder(join(out, ".instructor", "chatty"))
      .map((f) => read(f))
      .join("\n");
    for (const value of [...seeds.map(String), ...hiddenOnlyDts]) expect(kept).toContain(value);
  });
});

describe("grading one team again (--team)", () => {
  const again = (secret?: string) =>
    gradeClass({
      dir: join(scratch, "class"),
      out,
      jobs: 1,
      timeoutMs: 30_000,
      team: "chatty",
      ...(secret === undefined ? {} : { secret }),
    });

  it("records which secret graded each team, as a name that reveals nothing of it", () => {
    const marker = JSON.parse(read(join(out, ".instructor", "env-py", "grading.json")));
    expect(marker.secretId).toMatch(/^[0-9a-f]{16}$/);
    expect(SECRET).not.toContain(marker.secretId);
  });

  it("refuses another course secret than the class's, or none, and grades nothing", async () => {
    const before = read(join(out, "gradebook.json"));
    await expect(again("another-course-secret-9c1e2d")).rejects.toThrow(
      /graded with another course secret .*would give chatty other hidden inputs than its class/,
    );
    await expect(again()).rejects.toThrow(/were graded with --hidden; grade chatty with --hidden/);
    expect(read(join(out, "gradebook.json"))).toBe(before);
    // The class's own secret is accepted: the stored result is still current and is kept.
    const same = await again(SECRET);
    expect(same.reused).toEqual(["chatty"]);
  });
});
