import { mkdirSync } from "node:fs";
import { availableParallelism } from "node:os";

import { type Command, InvalidArgumentError, Option } from "commander";
import { runSweep } from "../grading/sweep.js";
import { shownPath } from "../protocol/shown-path.js";
import type { SweepDocument } from "../protocol/types.js";
import {
  type GridRange,
  gridRangeProblem,
  gridValues,
  MIN_SWEEP_DURATION_MS,
  PAPER_POINT,
  sweepSettings,
} from "../reference/sweep-grid.js";
import { type SweepTrend, sweepTrends } from "../reference/sweep-trends.js";
import type { IsolationRequest } from "../submission/call-result.js";
import { EXIT, SpikegradeError, UsageError } from "./errors.js";
import {
  announceIsolation,
  existingFolder,
  isolationOption,
  isolationRequest,
  parseJobs,
  positiveInteger,
  timeoutOption,
} from "./options.js";
import { StageProgress } from "./stage-progress.js";

interface SweepCliOptions {
  sd: GridRange;
  tau: GridRange;
  noiseRange: GridRange;
  noise: number;
  trials: number;
  duration: number;
  dt: number;
  jobs: number;
  grid: number;
  out: string;
  timeout: number;
  isolation?: IsolationRequest;
}

/** `from:to:count` for flag, every value at least (or above) `least`. */
function rangeOf(flag: string, least: { value: number; above: boolean; unit: string }) {
  return (text: string): GridRange => {
    const parts = text.split(":");
    const [from, to, count] = parts.map((part) => (part.trim() === "" ? Number.NaN : Number(part)));
    const problem =
      parts.length === 3 ? gridRangeProblem({ from, to, count }, least) : "give three numbers";
    if (problem !== undefined) {
      throw new InvalidArgumentError(`${flag} is from:to:count (e.g. 0:200:32): ${problem}`);
    }
    return { from, to, count };
  };
}

/** A number for flag that must hold rule. */
function numberOf(flag: string, holds: (n: number) => boolean, expected: string) {
  return (text: string): number => {
    const value = text.trim() === "" ? Number.NaN : Number(text);
    if (!holds(value)) throw new InvalidArgumentError(`${flag} must be ${expected}`);
    return value;
  };
}

const AXES = {
  sd: {
    flag: "--sd",
    text: "0:200:32",
    least: { value: 0, above: false, unit: " pA" },
    help: "input SD axis, pA",
  },
  tau: {
    flag: "--tau",
    text: "1:30:32",
    least: { value: 0, above: true, unit: " ms" },
    help: "input correlation time axis, ms",
  },
  noiseRange: {
    flag: "--noise-range",
    text: "0:1:16",
    least: { value: 0, above: false, unit: " mV" },
    help: "intrinsic noise axis of the second map, mV",
  },
} as const;

/** An axis option, its default shown as typed. */
function axisOption(axis: (typeof AXES)[keyof typeof AXES]): Option {
  const parse = rangeOf(axis.flag, axis.least);
  return new Option(`${axis.flag} <from:to:count>`, axis.help)
    .argParser(parse)
    .default(parse(axis.text), axis.text);
}

const parseNoise = numberOf(
  "--noise",
  (n) => Number.isFinite(n) && n >= 0,
  "a number of mV, at least 0",
);
const parseTrials = numberOf(
  "--trials",
  (n) => Number.isInteger(n) && n >= 2 && n <= 1000,
  "a whole number from 2 to 1000",
);
const parseDuration = numberOf(
  "--duration",
  (n) => Number.isFinite(n) && n >= MIN_SWEEP_DURATION_MS && n <= 100_000,
  `a number of ms from ${MIN_SWEEP_DURATION_MS} to 100000`,
);
const parseDt = numberOf(
  "--dt",
  (n) => Number.isFinite(n) && n > 0 && n <= 5,
  "a number of ms above 0 and at most 5",
);

export function sweepCommand(program: Command): void {
  program
    .command("sweep")
    .description(
      "reliability, precision and rate of the reference LIF over the input's SD x correlation time and SD x intrinsic noise (with DIR: a submission's simulator beside it)",
    )
    .argument(
      "[dir]",
      "a submission folder whose simulator to sweep beside the reference",
      existingFolder("give the submission folder (the one with submission.json)"),
    )
    .addOption(axisOption(AXES.sd))
    .addOption(axisOption(AXES.tau))
    .addOption(axisOption(AXES.noiseRange))
    .option(
      "--noise <mV>",
      "intrinsic noise SD of the first map, mV",
      parseNoise,
      PAPER_POINT.noiseSdMv,
    )
    .option("--trials <n>", "trials at each grid point", parseTrials, 25)
    .option(
      "--duration <ms>",
      "length of each trial, ms (the current runs from 50 ms to 50 ms before the end)",
      parseDuration,
      1000,
    )
    .option("--dt <ms>", "time step, ms", parseDt, 0.5)
    .addOption(
      new Option("--jobs <n>", "worker threads")
        .argParser(parseJobs)
        .default(availableParallelism(), "every core"),
    )
    .option(
      "--grid <n>",
      "with DIR: values of each axis, for the submission and the reference alike",
      positiveInteger("--grid"),
      6,
    )
    .option("--out <dir>", "where to write sweep.json and the figures", "sweep")
    .addOption(timeoutOption())
    .addOption(isolationOption())
    .action(sweep);
}

/** Every axis over its range; with DIR, `grid` values over each range instead. */
function axesOf(options: SweepCliOptions, coarse: boolean) {
  const values = (range: GridRange) =>
    gridValues(coarse ? { ...range, count: range.from === range.to ? 1 : options.grid } : range);
  return {
    sdPa: values(options.sd),
    tauMs: values(options.tau),
    noiseSdMv: values(options.noiseRange),
  };
}

/**
 * Makes the output folder before the sweep runs: a file in the way, or a place where no folder
 * can be made, is said now and not after minutes of computing.
 */
function makeOutFolder(out: string): void {
  try {
    mkdirSync(out, { recursive: true });
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    const why =
      code === "EEXIST" ? "is a file" : `cannot be made a folder (${code ?? String(error)})`;
    throw new UsageError(`--out ${out} ${why}; give a folder for sweep.json and the figures`);
  }
}

/** Runs the sweep, with a progress bar on stderr, and says what it wrote. */
async function sweep(dir: string | undefined, options: SweepCliOptions): Promise<void> {
  if (options.duration / options.dt > 10_000_000) {
    throw new UsageError(
      `--duration ${options.duration} at --dt ${options.dt} is over 10^7 steps a trial; take a larger --dt or a shorter --duration`,
    );
  }
  makeOutFolder(options.out);
  const isolation = dir === undefined ? undefined : isolationRequest(options.isolation);
  if (isolation !== undefined) await announceIsolation(isolation);
  const settings = sweepSettings({
    trials: options.trials,
    durationMs: options.duration,
    dtMs: options.dt,
    noiseSdMv: options.noise,
  });
  const axes = axesOf(options, dir !== undefined);
  const progress = new StageProgress(process.stderr, process.stderr.isTTY === true);
  const points = axes.sdPa.length * (axes.tauMs.length + axes.noiseSdMv.length);
  process.stderr.write(
    `Sweeping ${points} grid points of ${options.trials} trials (${axes.sdPa.length} x ${axes.tauMs.length} and ${axes.sdPa.length} x ${axes.noiseSdMv.length}) on ${options.jobs} worker ${options.jobs === 1 ? "thread" : "threads"}${dir === undefined ? "" : `, then ${dir}'s simulator over the same grid`}\n`,
  );
  const started = Date.now();
  const outcome = await runSweep({
    outDir: options.out,
    settings,
    axes,
    jobs: options.jobs,
    ...(dir === undefined || isolation === undefined
      ? {}
      : { submission: { dir, timeoutMs: options.timeout, isolation } }),
    onProgress: (stage, done, total) => progress.update(`grid points (${stage})`, done, total),
  });
  progress.finish();
  for (const line of [...paperLines(outcome.document), ...trendLines(outcome.document)]) {
    process.stdout.write(`${line}\n`);
  }
  const shown = outcome.files.map((f) => shownPath(f));
  process.stdout.write(
    `Wrote ${shown.join(", ")} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  if (outcome.submissionError !== undefined) {
    throw new SpikegradeError(
      `the submission's maps stop short: ${outcome.submissionError}`,
      "spikegrade.sweepStopped",
      EXIT.failed,
    );
  }
}

/** Each source's measures at the grid point nearest the paper's Figure 1B, on the first map. */
function paperLines(document: SweepDocument): string[] {
  const nearest = (values: readonly number[], target: number) =>
    values.reduce(
      (best, v, i) => (Math.abs(v - target) < Math.abs(values[best] - target) ? i : best),
      0,
    );
  const i = nearest(document.axes.sdPa, document.paper.sdPa);
  const j = nearest(document.axes.tauMs, document.paper.tauMs);
  const fmt = (v: number | null, digits: number) => (v === null ? "none" : v.toFixed(digits));
  const { paper } = document;
  const sd = round(document.axes.sdPa[i]);
  const tau = round(document.axes.tauMs[j]);
  const noise = `noise ${document.settings.noiseSdMv} mV`;
  // A coarse grid may not hold the paper's point, where the figure's ring is: say both.
  const head =
    sd === paper.sdPa && tau === paper.tauMs
      ? `At the paper's point (SD ${sd} pA, correlation time ${tau} ms, ${noise}):`
      : `Nearest the paper's point (SD ${paper.sdPa} pA, ${paper.tauMs} ms) on this grid: SD ${sd} pA, correlation time ${tau} ms, ${noise}:`;
  return [
    head,
    ...document.maps
      .filter((map) => map.id === "sd-tau")
      .map(
        (map) =>
          `  ${map.source === "reference" ? "reference" : `${map.team}`}: reliability ${fmt(map.reliability[i][j], 2)}, Rcorr ${fmt(map.rcorr[i][j], 2)}, precision ${fmt(map.precisionMs[i][j], 2)} ms, rate ${fmt(map.rateHz[i][j], 1)} Hz`,
      ),
  ];
}

/** What each trend says, in words, over the document's axes. */
function trendWords(document: SweepDocument, id: SweepTrend["id"]): string {
  const { sdPa, noiseSdMv } = document.axes;
  const upper = sdPa.filter((_, i) => i >= sdPa.length / 2 && i > 0);
  const band =
    upper.length === 1
      ? `${round(upper[0])} pA`
      : `${round(upper[0])} to ${round(upper[upper.length - 1])} pA`;
  return id === "rises-with-sd"
    ? `rises with the input's SD (at ${round(sdPa[0])} pA, then at ${band}, every correlation time)`
    : `falls as intrinsic noise grows (at ${round(noiseSdMv[0])} mV, then at ${round(noiseSdMv[noiseSdMv.length - 1])} mV, SD ${band})`;
}

const round = (v: number) => Number(v.toPrecision(3));

/** The trends of reliability (sweep-trends.ts) of every source, one line per trend. */
function trendLines(document: SweepDocument): string[] {
  const sources = document.maps
    .filter((map) => map.id === "sd-tau")
    .map((map) => ({ source: map.source, team: map.team }));
  const read = sources.map((source) => ({ source, trends: sweepTrends(document, source) }));
  const lines: string[] = [];
  for (const id of ["rises-with-sd", "falls-with-noise"] as const) {
    const said = read.flatMap(({ source, trends }) => {
      const trend = trends.find((t) => t.id === id);
      const name = source.source === "reference" ? "reference" : (source.team ?? "submission");
      return trend === undefined
        ? []
        : [
            `${name} ${trend.from.toFixed(2)} then ${trend.to.toFixed(2)}, ${trend.holds ? "yes" : "no"}`,
          ];
    });
    if (said.length > 0) lines.push(`  ${trendWords(document, id)}: ${said.join("; ")}`);
  }
  return lines.length > 0 ? ["Reliability (events):", ...lines] : [];
}
