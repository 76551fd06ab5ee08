import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The package as a course hands it out: `npm pack` gives a tarball, `npm install -g` puts the
// command on the PATH, and a student runs it in a folder of their own, far from this repository.
const root = join(import.meta.dirname, "../..");
const version = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version as string;
const scratch = mkdtempSync(join(tmpdir(), "spikegrade-install-"));
const prefix = join(scratch, "prefix");
const home = join(scratch, "home");
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(command: string, args: string[], cwd: string, timeout = 300_000) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    timeout,
    env: { ...process.env, PATH: `${join(prefix, "bin")}:${process.env.PATH}`, HOME: home },
  });
  return { status: result.status, out: `${result.stdout}${result.stderr}`, stdout: result.stdout };
}

beforeAll(() => {
  mkdirSync(home, { recursive: true });
  // The tarball of the built package (npm ci built dist/); --ignore-scripts keeps npm from
  // rebuilding dist/ under the feet of the tests running beside this one.
  expect(existsSync(join(root, "dist/cli/main.js")), "dist/ is missing: run npm run build").toBe(
    true,
  );
  const pack = run("npm", ["pack", "--ignore-scripts", "--pack-destination", scratch], root);
  expect(pack.status, pack.out).toBe(0);
  const tarball = join(scratch, `spikegrade-${version}.tgz`);
  const install = run(
    "npm",
    ["install", "-g", tarball, "--prefix", prefix, "--no-audit", "--no-fund"],
    scratch,
    600_000,
  );
  expect(install.status, install.out).toBe(0);
}, 900_000);

describe("installed from the tarball, used outside the repository", () => {
  const work = join(scratch, "work");

  it("is on the PATH and says its version", () => {
    mkdirSync(work, { recursive: true });
    const which = run("sh", ["-c", "command -v spikegrade"], work);
    expect(which.stdout.trim()).toBe(join(prefix, "bin", "spikegrade"));
    expect(run("spikegrade", ["--version"], work).stdout.trim()).toBe(version);
  });

  it("ships no tests", () => {
    const installed = join(prefix, "lib/node_modules/spikegrade");
    const files = spawnSync(
      "find",
      [installed, "-name", "*.test.*", "-not", "-path", "*/node_modules/spikegrade/node_modules/*"],
      { encoding: "utf8" },
    );
    expect(files.stdout.trim()).toBe("");
    expect(existsSync(join(installed, "reference/rubric.json"))).toBe(true);
  });

  it("a student starts a team, checks the starter (it fails, exit 1), then a working simulator (exit 0)", () => {
    const init = run("spikegrade", ["init", "my-team", "--language", "python"], work);
    expect(init.status, init.out).toBe(0);
    expect(init.out).toContain("spikegrade check my-team");
    const starter = run("spikegrade", ["check", "my-team", "--json"], work);
    expect(starter.status, starter.out).toBe(1);
    expect(JSON.parse(starter.stdout).checks.length).toBeGreaterThan(10);
    cpSync(join(root, "submissions/example-python"), join(work, "example-python"), {
      recursive: true,
    });
    const good = run("spikegrade", ["check", "example-python"], work);
    expect(good.status, good.out).toBe(0);
    expect(existsSync(join(work, "example-python/.spikegrade/report.html"))).toBe(true);
    // TypeScript is bundled by the installed esbuild, whose install script npm may not have run.
    cpSync(join(root, "submissions/example-typescript"), join(work, "example-typescript"), {
      recursive: true,
    });
    const typescript = run("spikegrade", ["check", "example-typescript"], work);
    expect(typescript.status, typescript.out).toBe(0);
  });

  it("an instructor grades a class folder into OUT", () => {
    const classDir = join(work, "class");
    mkdirSync(classDir, { recursive: true });
    for (const team of ["example-python", "example-results"]) {
      cpSync(join(root, "submissions", team), join(classDir, team), { recursive: true });
    }
    const grade = run("spikegrade", ["grade", "class", "--out", "out", "--jobs", "1"], work);
    expect(grade.status, grade.out).toBe(0);
    const gradebook = JSON.parse(readFileSync(join(work, "out/gradebook.json"), "utf8"));
    expect(gradebook.teams.map((t: { team: string }) => t.team)).toEqual([
      "example-python",
      "example-results",
    ]);
  });
});
