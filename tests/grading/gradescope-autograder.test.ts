import { spawnSync } from "node:child_process";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as yauzl from "yauzl";
import { SECRET_VARIABLE } from "../../src/grading/hidden-inputs.js";
import { validate } from "../../src/protocol/schemas.js";
import type { GradescopeResults, GradescopeTest } from "../../src/protocol/types.js";
import { ROOT, runCli } from "../helpers/cli.js";

// The autograder bundle as Gradescope runs it: `spikegrade gradescope --hidden` writes the zip,
// each test unpacks it into a recreated /autograder tree (source/, submission/, results/,
// submission_metadata.json as Gradescope documents them) and runs run_autograder there, on this
// machine's node and python (setup.sh's installs are Gradescope's to run), with `spikegrade` on
// the PATH running this checkout's sources.

const scratch = mkdtempSync(join(tmpdir(), "spikegrade-gradescope-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const SECRET = "gradescope-course-secret-5b1e9c2d7a";
const zipPath = join(scratch, "autograder.zip");
const shim = join(scratch, "bin");
let bundle: Map<string, { mode: number; content: Buffer }>;

/** Every file of a zip: its unix mode and content. */
async function readZip(path: string): Promise<Map<string, { mode: number; content: Buffer }>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true }, (error, file) =>
      error ? reject(error) : resolve(file),
    ),
  );
  const files = new Map<string, { mode: number; content: Buffer }>();
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (error, stream: Readable) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          const mode = (entry.externalFileAttributes >>> 16) & 0o777;
          files.set(entry.fileName, { mode, content: Buffer.concat(chunks) });
          zip.readEntry();
        });
      });
    });
    zip.on("end", resolve);
    zip.on("error", reject);
    zip.readEntry();
  });
  return files;
}

beforeAll(async () => {
  expect(existsSync(join(ROOT, "dist/cli/main.js")), "dist/ is missing: run npm run build").toBe(
    true,
  );
  const made = runCli(["gradescope", "--out", zipPath, "--hidden"], {
    env: { [SECRET_VARIABLE]: SECRET },
  });
  expect(made.code, made.stderr).toBe(0);
  bundle = await readZip(zipPath);
  // `spikegrade` as setup.sh's global install would put it on the PATH, run from the sources.
  mkdirSync(shim);
  const entry = `node --import ${join(ROOT, "dev/register.mjs")} ${join(ROOT, "src/cli/main.ts")}`;
  writeFileSync(join(shim, "spikegrade"), `#!/bin/sh\nexec ${entry} "$@"\n`);
  chmodSync(join(shim, "spikegrade"), 0o755);
}, 120_000);

const METADATA = {
  id: 31415926,
  created_at: "2026-12-01T14:22:32.365935-08:00",
  assignment: {
    due_date: "2026-12-08T23:00:00.000000-08:00",
    group_size: 3,
    group_submission: true,
    id: 25828,
    course_id: 1234,
    late_due_date: null,
    release_date: "2026-11-01T00:00:00.000000-08:00",
    title: "Figure 1 of Mainen & Sejnowski",
    total_points: "21.0",
  },
  submission_method: "upload",
  users: [
    { email: "ada@example.edu", id: 1234, name: "Ada Lovelace" },
    { email: "alan@example.edu", id: 1235, name: "Alan Turing" },
  ],
  previous_submissions: [],
};

let roots = 0;
/** A recreated /autograder: the bundle unpacked into source/, the submission's files, metadata. */
function autograderTree(fill: (submission: string) => void): string {
  const root = join(scratch, `autograder-${roots++}`);
  for (const folder of ["source", "submission", "results"])
    mkdirSync(join(root, folder), { recursive: true });
  for (const [name, file] of bundle) {
    writeFileSync(join(root, "source", name), file.content, { mode: file.mode });
  }
  cpSync(join(root, "source", "run_autograder"), join(root, "run_autograder"));
  writeFileSync(join(root, "submission_metadata.json"), JSON.stringify(METADATA, null, 2));
  fill(join(root, "submission"));
  return root;
}

interface Run {
  results: GradescopeResults;
  stdout: string;
  seconds: number;
}

/** run_autograder as Gradescope starts it: from /autograder, nothing of the secret around. */
function runAutograder(
  root: string,
  env: Record<string, string> = {},
  path = `${shim}:${process.env.PATH}`,
): Run {
  const started = performance.now();
  const run = spawnSync(join(root, "run_autograder"), [], {
    cwd: root,
    encoding: "utf8",
    timeout: 600_000,
    env: {
      ...process.env,
      [SECRET_VARIABLE]: "",
      PATH: path,
      SPIKEGRADE_AUTOGRADER_ROOT: root,
      ...env,
    },
  });
  const seconds = (performance.now() - started) / 1000;
  expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
  const results = JSON.parse(readFileSync(join(root, "results", "results.json"), "utf8"));
  const valid = validate("gradescope", results);
  expect(valid.ok ? [] : valid.errors).toEqual([]);
  console.log(`run_autograder in ${root}: ${seconds.toFixed(1)} s`);
  return { results, stdout: `${run.stdout}${run.stderr}`, seconds };
}

const tests = (results: GradescopeResults): GradescopeTest[] => results.tests ?? [];

/** Every file under folder, as text. */
function everyFile(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), "latin1"));
}

describe("the bundle", () => {
  it("has setup.sh and run_autograder at its root, executable, beside the tarball and the secret", () => {
    expect([...bundle.keys()]).toEqual([
      "setup.sh",
      "run_autograder",
      "spikegrade-0.1.0.tgz",
      "course-secret",
    ]);
    expect(bundle.get("setup.sh")?.mode).toBe(0o755);
    expect(bundle.get("run_autograder")?.mode).toBe(0o755);
    expect(bundle.get("course-secret")).toEqual({ mode: 0o600, content: Buffer.from(SECRET) });
    writeFileSync(join(scratch, "package.tgz"), bundle.get("spikegrade-0.1.0.tgz")?.content ?? "");
    const packed = spawnSync("tar", ["-tzf", join(scratch, "package.tgz")], { encoding: "utf8" });
    expect(packed.status, packed.stderr).toBe(0);
    expect(packed.stdout.split("\n")).toEqual(
      expect.arrayContaining([
        "package/package.json",
        "package/dist/cli/main.js",
        "package/reference/rubric.json",
      ]),
    );
  });

  it("is written owner-only when it holds the secret; --hidden without one is refused", () => {
    expect(spawnSync("stat", ["-c", "%a", zipPath], { encoding: "utf8" }).stdout.trim()).toBe(
      "600",
    );
    const refused = runCli(["gradescope", "--out", join(scratch, "no.zip"), "--hidden"], {
      env: { [SECRET_VARIABLE]: undefined },
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `--hidden needs the course secret in the environment variable ${SECRET_VARIABLE}`,
    );
    expect(existsSync(join(scratch, "no.zip"))).toBe(false);
  });

  it("has scripts bash can parse (and shellcheck passes, where it is installed)", () => {
    for (const script of ["setup.sh", "run_autograder"]) {
      const path = join(scratch, `check-${script}`);
      writeFileSync(path, bundle.get(script)?.content ?? "");
      const parsed = spawnSync("bash", ["-n", path], { encoding: "utf8" });
      expect(parsed.status, parsed.stderr).toBe(0);
      const shellcheck = spawnSync("shellcheck", [path], { encoding: "utf8" });
      if (shellcheck.error === undefined) expect(shellcheck.status, shellcheck.stdout).toBe(0);
    }
  });
});

describe("run_autograder in a recreated /autograder tree", () => {
  it("grades a lone notebook for the Gradescope group, hidden checks after publication, and deletes the secret", () => {
    const root = autograderTree((submission) =>
      cpSync(
        join(ROOT, "submissions/example-notebook/figure1.ipynb"),
        join(submission, "figure1.ipynb"),
      ),
    );
    const { results } = runAutograder(root);
    expect(existsSync(join(root, "source", "course-secret"))).toBe(false);
    expect(results.score).toBeUndefined();
    expect(results.stdout_visibility).toBe("hidden");
    expect(results.output).toContain(
      "No submission.json was uploaded: graded figure1.ipynb as team ada-lovelace-alan-turing (Ada Lovelace, Alan Turing).",
    );
    const hidden = tests(results).filter((t) => t.visibility === "after_published");
    const visible = tests(results).filter((t) => t.visibility === "visible");
    expect(hidden.length).toBe(4);
    expect(visible.length + hidden.length).toBe(tests(results).length);
    expect(tests(results).every((t) => t.status === "passed" && t.score === t.max_score)).toBe(
      true,
    );
    // What a student sees before publication: the visible tests and the top-level output, which
    // says how many hidden checks there are and nothing of how they went.
    expect(results.output).toContain("4 hidden checks ran on inputs you have not seen");
    for (const t of hidden) expect(results.output).not.toContain(t.name);
    for (const text of everyFile(join(root, "results"))) expect(text).not.toContain(SECRET);
  }, 600_000);

  it("a team folder zipped one level down with a broken manifest: 0 points and what to fix", () => {
    const root = autograderTree((submission) => {
      cpSync(join(ROOT, "submissions/example-python"), join(submission, "example-python"), {
        recursive: true,
      });
      writeFileSync(
        join(submission, "example-python", "submission.json"),
        JSON.stringify({
          team: "example-python",
          members: [],
          simulator: { entry: "simulator.py" },
        }),
      );
    });
    const { results } = runAutograder(root);
    const [manifest] = tests(results);
    expect(manifest).toMatchObject({
      name: "manifest: submission.json is valid",
      status: "failed",
      visibility: "visible",
    });
    expect(manifest.output).toContain("members is empty; a team has 1 to 3 students");
    expect(tests(results).reduce((sum, t) => sum + t.score, 0)).toBe(0);
  }, 600_000);

  it("no simulator at all: 0 points and what to upload", () => {
    const root = autograderTree((submission) =>
      writeFileSync(join(submission, "README.md"), "# my work\n"),
    );
    const { results } = runAutograder(root);
    expect(results).toMatchObject({ score: 0, tests: [] });
    expect(results.output).toContain("No simulator was found in the submission (found README.md)");
  }, 600_000);

  it("spikegrade missing (setup.sh never ran): still a valid results.json, 0 points", () => {
    const root = autograderTree((submission) =>
      cpSync(join(ROOT, "submissions/example-python"), submission, { recursive: true }),
    );
    const { results, stdout } = runAutograder(root, {}, "/usr/bin:/bin");
    expect(results).toMatchObject({ score: 0, tests: [] });
    expect(results.output).toContain("The autograder could not grade this submission");
    expect(stdout).toContain("writing the fallback");
  }, 600_000);

  it("grades with the bundle's rubric.json when it has one", () => {
    const rubric = JSON.parse(readFileSync(join(ROOT, "reference/rubric.json"), "utf8"));
    const manifestCheck = rubric.checks.find((c: { id: string }) => c.id === "manifest");
    manifestCheck.points = 5;
    const root = autograderTree((submission) =>
      writeFileSync(join(submission, "submission.json"), "{ not json"),
    );
    writeFileSync(join(root, "source", "rubric.json"), JSON.stringify(rubric));
    const { results } = runAutograder(root);
    expect(tests(results)[0]).toMatchObject({ score: 0, max_score: 5, status: "failed" });
  }, 600_000);
});

describe.each(["auto", "none"])(
  "a hostile submission hunting the secret, isolation %s",
  (isolation) => {
    it("finds neither the file nor the variable", () => {
      const root = autograderTree((submission) =>
        cpSync(join(ROOT, "tests/fixtures/hostile/gradescope-secret-py"), submission, {
          recursive: true,
        }),
      );
      const { results } = runAutograder(root, { SPIKEGRADE_ISOLATION: isolation });
      const load = tests(results).find((t) => t.name.startsWith("load:"));
      // Its code ran, and said what it found: nothing.
      expect(load?.output).toContain("HUNT nothing found");
      for (const folder of ["results", "spikegrade-work", "source"]) {
        for (const text of everyFile(join(root, folder))) expect(text).not.toContain(SECRET);
      }
    }, 600_000);
  },
);

it("the hunt itself works: outside the sandbox it finds the file and the variable", () => {
  const root = autograderTree(() => {});
  const team = join(root, "spikegrade-work", "class", "hunters");
  mkdirSync(team, { recursive: true });
  const hunt = spawnSync(
    "python3",
    [join(ROOT, "tests/fixtures/hostile/gradescope-secret-py/simulator.py")],
    { cwd: team, encoding: "utf8", env: { ...process.env, [SECRET_VARIABLE]: SECRET } },
  );
  expect(hunt.stderr).toContain(`env:${SECRET}`);
  expect(hunt.stderr).toContain(`file:${SECRET}`);
});
