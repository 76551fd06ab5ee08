/**
 * npm run validity [-- --faithful N --results R --draws M --first F --jobs J --json --out FILE]
 * npm run validity -- --join FILE... [--json]: several runs' --out files as one report (runs
 * measured against different bands are refused: each run records its bands' fingerprint)
 *
 * Measures the grader's error rates (tests/validity/monte-carlo.ts): the false-reject rate of
 * each check and of the whole rubric over N faithful students (default 30,000), with a 95 %
 * upper bound, the same of R faithful results files (default 10,000; Figure 1 data made at dt
 * 0.1, 0.25, 0.5 or 1 ms), then each bug kind's catch rate by the public checks over M draws (default
 * 1,000). Work is split over J child processes (default: the cores). Prints a table, or one
 * JSON object with --json; --out also writes the JSON to a file. --first F starts every kind of
 * draw F further on, so that several runs add up to one without repeating a draw.
 */
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { RUBRIC, TOLERANCES } from "../checks/fakes/harness.js";
import {
  bandsFingerprint,
  type FaithfulTally,
  faithfulRun,
  type MutantTally,
  mutantRun,
  resultsRun,
  upperBound,
  VALIDITY_DRAW_BASE,
} from "./monte-carlo.js";
import { BUG_KINDS, type BugKind } from "./simulators.js";

interface Options {
  /** The first draw (from VALIDITY_DRAW_BASE), so that runs can add up without repeating draws. */
  first: number;
  faithful: number;
  /** Faithful results-only submissions (Figure 1 data at dt 0.1, 0.25, 0.5 or 1 ms). */
  results: number;
  draws: number;
  jobs: number;
  json: boolean;
  out?: string;
  bugs: BugKind[];
}

function parse(argv: string[]): Options {
  const options: Options = {
    first: 0,
    faithful: 30_000,
    results: 10_000,
    draws: 1_000,
    jobs: availableParallelism(),
    json: false,
    bugs: [...BUG_KINDS],
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === "--faithful") options.faithful = Number(value());
    else if (flag === "--draws") options.draws = Number(value());
    else if (flag === "--first") options.first = Number(value());
    else if (flag === "--results") options.results = Number(value());
    else if (flag === "--jobs") options.jobs = Number(value());
    else if (flag === "--json") options.json = true;
    else if (flag === "--out") options.out = value();
    else if (flag === "--bugs") options.bugs = value().split(",") as BugKind[];
    else throw new Error(`unknown option ${flag}`);
  }
  return options;
}

/** A piece of work for one child: faithful draws, or one bug kind's draws. */
type Job =
  | { kind: "faithful"; first: number; count: number }
  | { kind: "results"; first: number; count: number }
  | { kind: "mutant"; bug: BugKind; first: number; count: number };

type JobResult =
  | { kind: "faithful" | "results"; tally: FaithfulTally }
  | { kind: "mutant"; tally: MutantTally };

async function runJob(job: Job): Promise<JobResult> {
  if (job.kind === "faithful") {
    return { kind: "faithful", tally: await faithfulRun(RUBRIC, TOLERANCES, job.first, job.count) };
  }
  if (job.kind === "results") {
    return { kind: "results", tally: await resultsRun(RUBRIC, TOLERANCES, job.first, job.count) };
  }
  return {
    kind: "mutant",
    tally: await mutantRun(RUBRIC, TOLERANCES, job.bug, job.first, job.count),
  };
}

/** Runs jobs in J child processes, each taking the next job as it finishes one. */
async function runJobs(
  jobs: Job[],
  parallel: number,
  onDone: (n: number) => void,
): Promise<JobResult[]> {
  const results: JobResult[] = [];
  let next = 0;
  let done = 0;
  const self = fileURLToPath(import.meta.url);
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      const result = await new Promise<JobResult>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          [...process.execArgv, self, "--child", JSON.stringify(job)],
          { stdio: ["ignore", "pipe", "inherit"] },
        );
        let out = "";
        child.stdout.on("data", (chunk) => {
          out += chunk;
        });
        child.on("error", reject);
        child.on("close", (code) =>
          code === 0
            ? resolve(JSON.parse(out) as JobResult)
            : reject(new Error(`a job exited ${code}`)),
        );
      });
      results.push(result);
      onDone(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, parallel) }, worker));
  return results;
}

function merge(tallies: FaithfulTally[]): FaithfulTally {
  const out: FaithfulTally = { submissions: 0, rejected: 0, byCheck: {}, examples: [] };
  for (const t of tallies) {
    out.submissions += t.submissions;
    out.rejected += t.rejected;
    for (const [id, n] of Object.entries(t.byCheck)) out.byCheck[id] = (out.byCheck[id] ?? 0) + n;
    out.examples.push(...t.examples);
  }
  out.examples = out.examples.slice(0, 20);
  return out;
}

/** The one fingerprint of the runs joined (null for runs saved before runs had one). */
function commonBands(files: readonly string[]): string | null {
  const bands = new Set(
    files.map((file) => (JSON.parse(readFileSync(file, "utf8")) as SavedReport).bands ?? null),
  );
  if (bands.size > 1) {
    throw new Error(
      `these runs were measured against different bands (${[...bands].join(", ")}): join only runs of one reference`,
    );
  }
  return [...bands][0] ?? null;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === "--child") {
    const result = await runJob(JSON.parse(argv[1]) as Job);
    process.stdout.write(JSON.stringify(result));
    return;
  }
  if (argv[0] === "--join") {
    const files = argv.slice(1).filter((a) => a !== "--json");
    const joined = files.flatMap((file) => jobResultsOf(JSON.parse(readFileSync(file, "utf8"))));
    const seconds = files.reduce(
      (s, file) => s + (JSON.parse(readFileSync(file, "utf8")) as SavedReport).seconds,
      0,
    );
    const bands = commonBands(files);
    report(joined, { ...parse([]), json: argv.includes("--json") }, seconds, bands);
    return;
  }
  const options = parse(argv);
  const chunk = 250;
  const jobs: Job[] = [];
  for (let first = 0; first < options.faithful; first += chunk) {
    jobs.push({
      kind: "faithful",
      first: VALIDITY_DRAW_BASE + options.first + first,
      count: Math.min(chunk, options.faithful - first),
    });
  }
  for (let first = 0; first < options.results; first += chunk) {
    jobs.push({
      kind: "results",
      first: VALIDITY_DRAW_BASE + 20_000_000 + options.first + first,
      count: Math.min(chunk, options.results - first),
    });
  }
  for (const bug of options.bugs) {
    for (let first = 0; first < options.draws; first += chunk) {
      jobs.push({
        kind: "mutant",
        bug,
        first: VALIDITY_DRAW_BASE + 10_000_000 + options.first + first,
        count: Math.min(chunk, options.draws - first),
      });
    }
  }
  const started = Date.now();
  const results = await runJobs(jobs, options.jobs, (n) => {
    if (!options.json)
      process.stderr.write(
        `\r${n}/${jobs.length} jobs, ${((Date.now() - started) / 1000).toFixed(0)} s`,
      );
  });
  if (!options.json) process.stderr.write("\n");
  report(results, options, (Date.now() - started) / 1000, bandsFingerprint());
}

/** What --out wrote, as far as joining runs needs it. */
interface SavedReport {
  seconds: number;
  /** bandsFingerprint() when the run was made; absent in runs saved before it was recorded. */
  bands?: string | null;
  faithful: {
    submissions: number;
    rejected: number;
    byCheck: Record<string, { failed: number }>;
    examples: FaithfulTally["examples"];
  };
  resultsOnly?: {
    submissions: number;
    rejected: number;
    byCheck: Record<string, number>;
    examples: FaithfulTally["examples"];
  };
  mutants: MutantTally[];
}

/** A saved run as the job results it came from, so that several runs join into one report. */
function jobResultsOf(saved: SavedReport): JobResult[] {
  const out: JobResult[] = [
    {
      kind: "faithful",
      tally: {
        submissions: saved.faithful.submissions,
        rejected: saved.faithful.rejected,
        byCheck: Object.fromEntries(
          Object.entries(saved.faithful.byCheck).map(([id, c]) => [id, c.failed]),
        ),
        examples: saved.faithful.examples,
      },
    },
  ];
  if (saved.resultsOnly !== undefined) {
    out.push({ kind: "results", tally: { ...saved.resultsOnly } });
  }
  for (const m of saved.mutants) {
    out.push({
      kind: "mutant",
      tally: {
        bug: m.bug,
        draws: m.draws,
        caught: m.caught,
        byCheck: m.byCheck,
        example: m.example,
      },
    });
  }
  return out;
}

function report(
  results: JobResult[],
  options: Options,
  seconds: number,
  bands: string | null,
): void {
  const faithful = merge(results.flatMap((r) => (r.kind === "faithful" ? [r.tally] : [])));
  const resultsOnly = merge(results.flatMap((r) => (r.kind === "results" ? [r.tally] : [])));
  const mutants = new Map<BugKind, MutantTally>();
  for (const r of results) {
    if (r.kind !== "mutant") continue;
    const t = r.tally;
    const m = mutants.get(t.bug) ?? { bug: t.bug, draws: 0, caught: 0, byCheck: {} };
    m.draws += t.draws;
    m.caught += t.caught;
    for (const [id, n] of Object.entries(t.byCheck)) m.byCheck[id] = (m.byCheck[id] ?? 0) + n;
    m.example ??= t.example;
    mutants.set(t.bug, m);
  }
  const n = faithful.submissions;
  const summary = {
    seconds,
    bands,
    faithful: {
      submissions: n,
      rejected: faithful.rejected,
      rate: n > 0 ? faithful.rejected / n : 0,
      upper95: upperBound(faithful.rejected, n),
      byCheck: Object.fromEntries(
        Object.entries(faithful.byCheck).map(([id, k]) => [
          id,
          {
            failed: k,
            rate: n > 0 ? k / n : 0,
            upper95: upperBound(k, n),
            stated: statedChance(id),
          },
        ]),
      ),
      examples: faithful.examples,
    },
    resultsOnly: {
      submissions: resultsOnly.submissions,
      rejected: resultsOnly.rejected,
      upper95: upperBound(resultsOnly.rejected, resultsOnly.submissions),
      byCheck: resultsOnly.byCheck,
      examples: resultsOnly.examples,
    },
    mutants: options.bugs.map((bug) => {
      const m = mutants.get(bug) ?? { bug, draws: 0, caught: 0, byCheck: {} };
      return { ...m, rate: m.draws > 0 ? m.caught / m.draws : 0 };
    }),
  };
  const json = JSON.stringify(summary, null, 2);
  if (options.out) writeFileSync(options.out, `${json}\n`);
  if (options.json) {
    process.stdout.write(`${json}\n`);
    return;
  }
  process.stdout.write(table(summary));
}

function statedChance(id: string): number | undefined {
  return RUBRIC.checks.find((c) => c.id === id)?.falseRejectProbability;
}

function table(report: {
  seconds: number;
  faithful: {
    submissions: number;
    rejected: number;
    upper95: number;
    byCheck: Record<string, { failed: number; upper95: number; stated?: number }>;
  };
  resultsOnly: {
    submissions: number;
    rejected: number;
    upper95: number;
    byCheck: Record<string, number>;
  };
  mutants: (MutantTally & { rate: number })[];
}): string {
  const f = report.faithful;
  const lines = [
    `Faithful submissions: ${f.submissions}, rejected ${f.rejected} (95 % upper bound ${f.upper95.toPrecision(3)})`,
    "check                  failed  95% upper   stated",
    ...Object.entries(f.byCheck).map(
      ([id, c]) =>
        `${id.padEnd(22)} ${String(c.failed).padStart(6)}  ${c.upper95.toPrecision(3).padStart(9)}  ${c.stated === undefined ? "" : c.stated.toPrecision(3)}`,
    ),
    `Faithful results files: ${report.resultsOnly.submissions}, rejected ${report.resultsOnly.rejected} (95 % upper bound ${report.resultsOnly.upper95.toPrecision(3)})${Object.entries(
      report.resultsOnly.byCheck,
    )
      .filter(([, k]) => k > 0)
      .map(([id, k]) => `; ${id} ${k}`)
      .join("")}`,
    "",
    "bug kind                         caught/draws  rate    caught by",
    ...report.mutants.map((m) => {
      const top = Object.entries(m.byCheck)
        .sort((a, b) => b[1] - a[1])
        .map(([id, k]) => `${id} ${k}`)
        .join(", ");
      return `${m.bug.padEnd(32)} ${`${m.caught}/${m.draws}`.padStart(12)}  ${m.rate.toFixed(3)}  ${top}`;
    }),
    `(${report.seconds.toFixed(0)} s)`,
    "",
  ];
  return lines.join("\n");
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
