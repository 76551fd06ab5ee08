// Load: a generated class of faithful, broken and hostile teams graded twice through the real
// command line with --jobs 2: every row present with its expected status, the peak memory of the
// whole grading tree (grader, workers and the simulators they run), and the same gradebook.json
// both times. `npm run load -- [--teams N] [--timeout S] [--json]` (default 200 teams, 3 s);
// exits 1 when a promise is broken. tests/grading/load.test.ts runs it on a tiny class.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { generateClass } from "../grading/class30.js";
import { ROOT } from "../helpers/cli.js";
import { measuredNode } from "./process-cpu.js";

const MEMORY_LIMIT_BYTES = 1024 ** 3;
const TEAMS_PER_ROUND = 30;

interface LoadOptions {
  teams: number;
  timeoutSeconds: number;
  json: boolean;
}

function parseArguments(argv: string[]): LoadOptions {
  const options: LoadOptions = { teams: 200, timeoutSeconds: 3, json: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === "--teams") options.teams = Number(argv[++i]);
    else if (flag === "--timeout") options.timeoutSeconds = Number(argv[++i]);
    else if (flag === "--json") options.json = true;
    else throw new Error(`unknown argument ${flag}`);
  }
  return options;
}

interface Run {
  ms: number;
  peakBytes: number;
  code: number | null;
  gradebook: string;
}

/** One `grade` of the class into out, from the sources, its process tree's memory sampled. */
async function gradeOnce(classDir: string, out: string, timeoutSeconds: number): Promise<Run> {
  const run = await measuredNode(
    [
      "--import",
      join(ROOT, "dev/register.mjs"),
      join(ROOT, "src/cli/main.ts"),
      "grade",
      classDir,
      "--out",
      out,
      "--jobs",
      "2",
      "--force",
      "--timeout",
      String(timeoutSeconds),
    ],
    dirname(classDir),
  );
  let gradebook = "";
  try {
    gradebook = readFileSync(join(out, "gradebook.json"), "utf8");
  } catch {
    // Reported as a broken promise below.
  }
  return { ms: run.wallMs, peakBytes: run.peakBytes, code: run.code, gradebook };
}

export interface LoadResult {
  teams: number;
  runs: { seconds: number; peakMiB: number; exitCode: number | null }[];
  problems: string[];
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const scratch = mkdtempSync(join(tmpdir(), "spikegrade-load-"));
  try {
    const classDir = join(scratch, "class");
    const rounds = Math.max(1, Math.ceil(options.teams / TEAMS_PER_ROUND));
    const generated = generateClass(classDir, rounds).expected;
    // A smaller class keeps an even spread of faithful, broken and hostile teams.
    const names = Object.keys(generated).sort();
    const step = names.length / Math.min(options.teams, names.length);
    const kept = new Set(
      names.filter((_, i) => Math.floor(i / step) !== Math.floor((i - 1) / step)),
    );
    for (const name of names) {
      if (!kept.has(name)) rmSync(join(classDir, name), { recursive: true, force: true });
    }
    const expected = Object.fromEntries(Object.entries(generated).filter(([n]) => kept.has(n)));
    const teams = Object.keys(expected).length;
    const runs: Run[] = [];
    for (const name of ["first", "second"]) {
      runs.push(await gradeOnce(classDir, join(scratch, name), options.timeoutSeconds));
    }
    const problems: string[] = [];
    runs.forEach((run, i) => {
      if (run.code !== 0) problems.push(`run ${i + 1} exited with ${run.code}`);
      if (run.peakBytes > MEMORY_LIMIT_BYTES) {
        problems.push(`run ${i + 1} peaked at ${(run.peakBytes / 1024 ** 2).toFixed(0)} MiB`);
      }
    });
    if (runs[0].gradebook === "" || runs[0].gradebook !== runs[1].gradebook) {
      problems.push("the two runs wrote different gradebooks");
    }
    if (runs[0].gradebook !== "") {
      const got = Object.fromEntries(
        (JSON.parse(runs[0].gradebook).teams as { team: string; status: string }[]).map((t) => [
          t.team,
          t.status,
        ]),
      );
      for (const [team, status] of Object.entries(expected)) {
        if (got[team] !== status) problems.push(`${team}: ${got[team] ?? "no row"}, not ${status}`);
      }
    }
    return {
      teams,
      runs: runs.map((r) => ({
        seconds: Math.round(r.ms / 100) / 10,
        peakMiB: Math.round(r.peakBytes / 1024 ** 2),
        exitCode: r.code,
      })),
      problems,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] === import.meta.filename) {
  const options = parseArguments(process.argv.slice(2));
  const result = await runLoad(options);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    console.log(`grade --jobs 2 of ${result.teams} teams (faithful, broken, hostile), twice:`);
    for (const [i, run] of result.runs.entries()) {
      console.log(
        `  run ${i + 1}: ${run.seconds} s, peak memory of the grading tree ${run.peakMiB} MiB, exit ${run.exitCode}`,
      );
    }
    console.log(
      result.problems.length === 0
        ? "  every row present with its expected status; the same gradebook.json twice"
        : `  BROKEN: ${result.problems.join("; ")}`,
    );
  }
  process.exitCode = result.problems.length === 0 ? 0 : 1;
}
