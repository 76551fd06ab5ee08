import { execFileSync, spawn } from "node:child_process";
import {
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.js";

// The scripts of docs/instructor-guide.md, run as written: the Slurm array's two batch scripts
// (the Slurm variables set by hand, as Slurm would) and the loop that packs each team's feedback.
// `spikegrade` on the PATH is the CLI from source, as tests/helpers/cli.ts starts it.

const GUIDE = readFileSync(join(ROOT, "docs/instructor-guide.md"), "utf8");
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** The code block right after `<!-- example: name -->` in the guide. */
function example(name: string): string {
  const marker = `<!-- example: ${name} -->\n`;
  const at = GUIDE.indexOf(marker);
  expect(at, `docs/instructor-guide.md has no example ${name}`).toBeGreaterThanOrEqual(0);
  const block = /^```[a-z]*\n([\s\S]*?)^```$/m.exec(GUIDE.slice(at + marker.length));
  expect(block?.index, `the example ${name} is not a code block right after its marker`).toBe(0);
  return block?.[1] ?? "";
}

/** A folder with `spikegrade` in it, which runs the sources. */
function shim(dir: string): string {
  const bin = join(dir, "bin");
  mkdirSync(bin);
  const command = [
    process.execPath,
    "--import",
    join(ROOT, "dev/register.mjs"),
    join(ROOT, "src/cli/main.ts"),
  ];
  writeFileSync(
    join(bin, "spikegrade"),
    `#!/bin/sh\nexec ${command.map((part) => `'${part}'`).join(" ")} "$@"\n`,
  );
  chmodSync(join(bin, "spikegrade"), 0o755);
  return bin;
}

function bash(
  script: string,
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const child = spawn("bash", ["-c", script], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, output })));
}

describe("docs/instructor-guide.md's scripts", () => {
  it("grade-shard.sbatch and merge.sbatch grade a class in two shards and join it; the feedback loop leaves result.json out", async () => {
    const dir = mkdtempSync(join(tmpdir(), "spikegrade-docs-"));
    made.push(dir);
    // Results-only teams: the scripts are under test, not the simulators, and these grade in no time.
    for (const team of ["alpha", "beta", "gamma"]) {
      cpSync(join(ROOT, "submissions/example-results"), join(dir, "submissions", team), {
        recursive: true,
      });
      const manifest = join(dir, "submissions", team, "submission.json");
      const parsed = JSON.parse(readFileSync(manifest, "utf8"));
      writeFileSync(manifest, JSON.stringify({ ...parsed, team }));
    }
    mkdirSync(join(dir, "home/.config/spikegrade"), { recursive: true });
    writeFileSync(
      join(dir, "home/.config/spikegrade/secret"),
      "a course secret for this test only",
    );
    const env = {
      PATH: `${shim(dir)}:${process.env.PATH}`,
      HOME: join(dir, "home"),
      SLURM_ARRAY_TASK_COUNT: "2",
      SLURM_CPUS_PER_TASK: "1",
      // What isolation runs is not under test; none is there on every machine.
      SPIKEGRADE_ISOLATION: "none",
    };
    const grade = example("grade-shard.sbatch");
    const shards = await Promise.all(
      ["1", "2"].map((k) => bash(grade, dir, { ...env, SLURM_ARRAY_TASK_ID: k })),
    );
    for (const shard of shards) expect(shard.code, shard.output).toBe(0);
    const merged = await bash(example("merge.sbatch"), dir, env);
    expect(merged.code, merged.output).toBe(0);

    const gradebook = JSON.parse(readFileSync(join(dir, "grades/class/gradebook.json"), "utf8"));
    expect(
      gradebook.teams.map((t: { team: string; hidden: boolean }) => [t.team, t.hidden]),
    ).toEqual([
      ["alpha", true],
      ["beta", true],
      ["gamma", true],
    ]);

    // The feedback loop runs beside a graded class called grades: the one merge just wrote.
    const returning = join(dir, "returning");
    mkdirSync(returning);
    symlinkSync(join(dir, "grades/class"), join(returning, "grades"));
    const packed = await bash(example("feedback"), returning, {});
    expect(packed.code, packed.output).toBe(0);
    const listing = execFileSync("tar", ["-tzf", join(returning, "feedback/beta.tar.gz")], {
      encoding: "utf8",
    });
    expect(listing.split("\n").filter(Boolean).sort()).toEqual([
      "beta/figure1.png",
      "beta/report.html",
    ]);
  });
});
