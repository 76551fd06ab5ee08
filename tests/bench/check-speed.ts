// Benchmark of `spikegrade check` as a student runs it: the installed command (dist/, rebuilt
// first when src/ is newer) on a copy of each bundled submission, the whole process, several runs
// interleaved, medians; the CPU of spikegrade's own process (not the simulator's); and one run
// under --cpu-prof, its main thread's time by phase (tests/bench/profile-phases.ts).
// `node --import ./dev/register.mjs tests/bench/check-speed.ts [--runs N] [--baseline DIR]
// [--json]`, or run.ts. --baseline DIR: another built spikegrade (a folder with package.json,
// dist/ and reference/, e.g. an older commit's), measured in the same runs, interleaved, so that
// the ratio holds however loaded the machine is.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../helpers/cli.js";
import { type MeasuredRun, measuredNode, median } from "./process-cpu.js";
import { profilePhases } from "./profile-phases.js";

/** The newest modification time of the files under dir, ms. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return latest;
}

/** dist/ as the sources are now: rebuilt when any source or schema is newer than it. */
export function freshDist(): void {
  const built = statSync(join(ROOT, "dist/cli/main.js"), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (built >= Math.max(newest(join(ROOT, "src")), newest(join(ROOT, "reference/schema")))) return;
  // On stderr: stdout is the benchmarks' (one JSON document with --json).
  execFileSync("npm", ["run", "--silent", "build"], { cwd: ROOT, stdio: ["ignore", 2, 2] });
}

interface SubmissionSpeed {
  /** Whole process, median, ms. */
  wallMs: number;
  /** The check's own Node process, every thread (not the simulator's), median, ms. */
  spikegradeCpuMs: number;
  /** The main thread of one profiled run, by phase, ms. */
  phases: Record<string, number>;
}

interface BuildSpeed {
  /** The package measured. */
  root: string;
  /** `spikegrade --version`, median, ms: the floor of Node's start and the CLI's modules. */
  versionMs: number;
  submissions: Record<string, SubmissionSpeed>;
}

export interface CheckSpeed {
  runs: number;
  /** This tree's, then the baseline's if one was given. */
  builds: BuildSpeed[];
}

/** One build's command on one bundled submission, or its --version (name null). */
function runOnce(root: string, name: string | null, scratch: string, extra: string[] = []) {
  const main = join(root, "dist/cli/main.js");
  const args = name === null ? [main, "--version"] : [main, "check", join(scratch, name), "--json"];
  return measuredNode([...extra, ...args], scratch);
}

/** The phases of one profiled check of name by the build in root. */
async function profiled(root: string, name: string, scratch: string) {
  const dir = join(scratch, `profile-${Math.random().toString(36).slice(2)}`);
  await runOnce(root, name, scratch, ["--cpu-prof", `--cpu-prof-dir=${dir}`]);
  const [profile] = readdirSync(dir);
  return profilePhases(join(dir, profile));
}

/**
 * check on every bundled submission (or those named), `runs` times, by this tree's build and the
 * baseline's if one is given.
 */
export async function runCheckSpeed(
  runs: number,
  baseline?: string,
  only?: readonly string[],
): Promise<CheckSpeed> {
  freshDist();
  const roots = baseline === undefined ? [ROOT] : [ROOT, baseline];
  const scratch = mkdtempSync(join(tmpdir(), "spikegrade-bench-check-"));
  try {
    const names = readdirSync(join(ROOT, "submissions"))
      .filter((name) => only === undefined || only.includes(name))
      .sort();
    for (const name of names) {
      cpSync(join(ROOT, "submissions", name), join(scratch, name), { recursive: true });
    }
    const measured = new Map<string, MeasuredRun[]>();
    const key = (root: string, name: string | null) => `${root}\0${name}`;
    for (let r = 0; r < runs; r++) {
      for (const name of [null, ...names]) {
        for (const root of roots) {
          const run = await runOnce(root, name, scratch);
          if (run.code !== 0) throw new Error(`check ${name} exited with ${run.code} (${root})`);
          measured.set(key(root, name), [...(measured.get(key(root, name)) ?? []), run]);
        }
      }
    }
    const builds: BuildSpeed[] = [];
    for (const root of roots) {
      const of = (name: string | null) => measured.get(key(root, name)) ?? [];
      const submissions: Record<string, SubmissionSpeed> = {};
      for (const name of names) {
        submissions[name] = {
          wallMs: Math.round(median(of(name).map((m) => m.wallMs))),
          spikegradeCpuMs: Math.round(median(of(name).map((m) => m.graderCpuMs))),
          phases: await profiled(root, name, scratch),
        };
      }
      const versionMs = Math.round(median(of(null).map((m) => m.wallMs)));
      builds.push({ root, versionMs, submissions });
    }
    return { runs, builds };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export function printCheckSpeed(result: CheckSpeed): void {
  for (const build of result.builds) {
    console.log(`spikegrade check, whole process, median of ${result.runs} runs: ${build.root}`);
    console.log(`  ${"--version".padEnd(22)} ${String(build.versionMs).padStart(6)} ms`);
    for (const [name, s] of Object.entries(build.submissions)) {
      console.log(
        `  ${name.padEnd(22)} ${String(s.wallMs).padStart(6)} ms  (CPU of spikegrade's process ${s.spikegradeCpuMs} ms)`,
      );
      const phases = Object.entries(s.phases).map(([phase, ms]) => `${phase} ${ms}`);
      console.log(`      its main thread, one profiled run, ms: ${phases.join(", ")}`);
    }
  }
}

if (process.argv[1] === import.meta.filename) {
  const argv = process.argv.slice(2);
  const option = (flag: string) => {
    const at = argv.indexOf(flag);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const result = await runCheckSpeed(Number(option("--runs") ?? 5), option("--baseline"));
  if (argv.includes("--json")) process.stdout.write(`${JSON.stringify(result)}\n`);
  else printCheckSpeed(result);
}
