// Benchmark of `grade`: the bundled submissions and a generated class of 30 teams, graded in
// worker processes as the command does it (gradeClass, from the sources); then a class of N teams
// (copies of the bundled submissions, 100 by default) through the installed command (dist/) with
// --jobs 2: its time, the grader's own CPU per team (spikegrade's processes, not the students'
// simulators) and the peak memory of the whole process tree. Run alone with
// `node --import ./dev/register.mjs tests/bench/grade.ts [--teams N] [--json]`, or from run.ts.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { gradeClass } from "../../src/grading/grade-class.js";
import { generateClass } from "../grading/class30.js";
import { ROOT } from "../helpers/cli.js";
import { freshDist } from "./check-speed.js";
import { measuredNode } from "./process-cpu.js";

/**
 * Writes a class of `teams` copies of the bundled submissions into dir, in turn (python,
 * notebook, results, typescript, ...), each with a manifest of its own team and students.
 */
export function bundledClass(dir: string, teams: number): void {
  const bundled = readdirSync(join(ROOT, "submissions")).sort();
  for (let i = 0; i < teams; i++) {
    const team = `team-${String(i + 1).padStart(3, "0")}`;
    cpSync(join(ROOT, "submissions", bundled[i % bundled.length]), join(dir, team), {
      recursive: true,
    });
    const path = join(dir, team, "submission.json");
    const manifest = JSON.parse(readFileSync(path, "utf8"));
    manifest.team = team;
    manifest.members = manifest.members.map((_: unknown, k: number) => ({
      id: `s${String(i).padStart(4, "0")}${k}`,
      name: `Student ${k + 1} of ${team}`,
    }));
    writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
  }
}

export interface ClassGrade {
  teams: number;
  seconds: number;
  /** spikegrade's own processes (the command and its workers), every thread, per team, ms. */
  graderCpuMsPerTeam: number;
  /**
   * Everything else the tree used, per team, ms: the students' simulators (Python, its imports,
   * the sandbox around them). Spread over 2 cores it is a floor under the class's time that no
   * change to the grader moves.
   */
  studentCpuMsPerTeam: number;
  /** The grader's own processes alone (the command and its workers) at their largest, MiB. */
  graderPeakMiB: number;
  /** The grading tree (grader, workers, simulators) at its largest, MiB. */
  peakMiB: number;
  /** The same, shared pages counted once (proportional set size), MiB. */
  peakPssMiB: number;
  exitCode: number | null;
}

/** `spikegrade grade CLASS --jobs 2` of a class of `teams` bundled copies, measured. */
export async function gradeBundledClass(teams: number): Promise<ClassGrade> {
  freshDist();
  const scratch = mkdtempSync(join(tmpdir(), "spikegrade-bench-class-"));
  try {
    bundledClass(join(scratch, "class"), teams);
    const run = await measuredNode(
      [
        join(ROOT, "dist/cli/main.js"),
        "grade",
        join(scratch, "class"),
        "--out",
        join(scratch, "out"),
        "--jobs",
        "2",
      ],
      scratch,
    );
    return {
      teams,
      seconds: Math.round(run.wallMs / 100) / 10,
      graderCpuMsPerTeam: Math.round(run.graderCpuMs / teams),
      studentCpuMsPerTeam: Math.round((run.treeCpuMs - run.graderCpuMs) / teams),
      graderPeakMiB: Math.round(run.graderPeakBytes / 1024 ** 2),
      peakMiB: Math.round(run.peakBytes / 1024 ** 2),
      peakPssMiB: Math.round(run.peakProportionalBytes / 1024 ** 2),
      exitCode: run.code,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function seconds(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return Math.round((performance.now() - started) / 100) / 10;
}

/** The in-process gradings: the bundled submissions cold, again, with --hidden; the class of 30. */
async function gradeInProcess(): Promise<Record<string, number>> {
  const scratch = mkdtempSync(join(tmpdir(), "spikegrade-bench-grade-"));
  try {
    const bundled = join(scratch, "bundled");
    for (const name of readdirSync(join(ROOT, "submissions"))) {
      cpSync(join(ROOT, "submissions", name), join(bundled, name), { recursive: true });
    }
    const jobs = availableParallelism();
    const base = { dir: bundled, jobs, timeoutMs: 60_000 };
    const out: Record<string, number> = {};
    const bundledCount = readdirSync(bundled).length;
    out[`grade: the ${bundledCount} bundled submissions, ${jobs} jobs`] = await seconds(() =>
      gradeClass({ ...base, out: join(scratch, "bundled-out") }),
    );
    out["grade again: nothing changed, every result reused"] = await seconds(() =>
      gradeClass({ ...base, out: join(scratch, "bundled-out") }),
    );
    out["grade --hidden: the bundled submissions"] = await seconds(() =>
      gradeClass({
        ...base,
        out: join(scratch, "bundled-hidden"),
        secret: "bench-course-secret-2026",
      }),
    );
    const class30 = join(scratch, "class30");
    generateClass(class30);
    out["grade: a class of 30 teams, 2 jobs, --timeout 3"] = await seconds(() =>
      gradeClass({ dir: class30, out: join(scratch, "class30-out"), jobs: 2, timeoutMs: 3000 }),
    );
    return out;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export interface GradeBench {
  /** Seconds of each in-process grading. */
  seconds: Record<string, number>;
  bundledClass: ClassGrade;
}

export async function runGradeBench(teams = 100): Promise<GradeBench> {
  return { seconds: await gradeInProcess(), bundledClass: await gradeBundledClass(teams) };
}

export function printGradeBench(result: GradeBench): void {
  for (const [label, s] of Object.entries(result.seconds)) {
    console.log(`${label.padEnd(52)} ${s.toFixed(1).padStart(9)} s`);
  }
  const c = result.bundledClass;
  console.log(
    `${`spikegrade grade --jobs 2: ${c.teams} bundled copies`.padEnd(52)} ${c.seconds.toFixed(1).padStart(9)} s  (grader CPU ${c.graderCpuMsPerTeam} ms a team, peak ${c.peakMiB} MiB resident, ${c.peakPssMiB} MiB proportional, exit ${c.exitCode})`,
  );
  const floor = (c.teams * c.studentCpuMsPerTeam) / 2 / 1000;
  console.log(
    `${"  of which the students' simulators".padEnd(52)} ${`${c.studentCpuMsPerTeam} ms CPU a team: ${floor.toFixed(1)} s of the class on 2 cores whatever the grader does; the grader's own processes peak at ${c.graderPeakMiB} MiB resident`}`,
  );
}

if (process.argv[1] === import.meta.filename) {
  const argv = process.argv.slice(2);
  const at = argv.indexOf("--teams");
  const result = await runGradeBench(at >= 0 ? Number(argv[at + 1]) : 100);
  if (argv.includes("--json")) process.stdout.write(`${JSON.stringify(result)}\n`);
  else printGradeBench(result);
}
