import { basename, join } from "node:path";
import {
  type ChecksInput,
  type Figure1Panels,
  type FigureData,
  type GradingReference,
  runChecks,
  skippedAfter,
} from "../checks/index.js";
import { checkPassed, verdict } from "../checks/verdict.js";
import { readJsonFile } from "../protocol/read-json.js";
import type { CheckReport, CheckResult, ParameterValues, RubricCheck } from "../protocol/types.js";
import { validateResults } from "../protocol/validate-results.js";
import type { IsolationRequest } from "../submission/call-result.js";
import { languageOf } from "../submission/language.js";
import { readSubmission } from "../submission/read-submission.js";
import { openSimulator, type Simulator } from "../submission/simulator.js";
import { SPIKEGRADE_VERSION } from "./version.js";

export interface CheckSubmissionOptions {
  dir: string;
  /** "folder" when grading a class, "manifest" for a self-check (see readSubmission). */
  teamFrom: "folder" | "manifest";
  reference: GradingReference;
  /** Time limit of each simulator call, ms. */
  timeoutMs: number;
  isolation?: IsolationRequest;
  includeHidden?: boolean;
  hiddenInputs?: (checkId: string) => ParameterValues | undefined;
  /** Told of each verdict as it is reached. */
  onCheck?: (result: CheckResult) => void;
}

export interface CheckedSubmission {
  report: CheckReport;
  /** Panels A and B as the submission produced them, for the figures. */
  panels: Figure1Panels | undefined;
  /** What the isolation blocks, for the report. */
  isolationNote: string | undefined;
  /** What the public checks' figures draw (f-I curve, autocorrelation, match rasters). */
  figures?: FigureData;
}

function rubricCheck(reference: GradingReference, id: "manifest" | "load"): RubricCheck {
  return (
    reference.rubric.checks.find((c) => c.id === id) ?? {
      id,
      title: id,
      points: 0,
      visibility: "public",
    }
  );
}

/**
 * Checks one submission folder from its manifest to its last check: the manifest, then loading
 * the simulator (or the results file) in its sandbox, then every check of the rubric. Never
 * throws for anything the folder holds: what breaks becomes a verdict with a message.
 */
export async function checkSubmission(options: CheckSubmissionOptions): Promise<CheckedSubmission> {
  const { reference } = options;
  const report = (result: CheckResult) => {
    options.onCheck?.(result);
    return result;
  };
  const read = await readSubmission(options.dir, { teamFrom: options.teamFrom });
  const base: CheckReport = {
    team: basename(options.dir),
    members: [],
    passed: false,
    score: 0,
    maxScore: 0,
    checks: [],
    spikegradeVersion: SPIKEGRADE_VERSION,
  };
  const rest = { includeHidden: options.includeHidden ?? false };
  if (!read.ok) {
    const message = read.errors.map((e) => e.message).join("\n");
    const manifest = report(verdict(rubricCheck(reference, "manifest"), "fail", message));
    const skipped = skippedAfter("submission.json is invalid", reference.rubric, {
      ...rest,
      after: "manifest",
    });
    for (const s of skipped) report(s);
    return finish({ ...base, checks: [manifest, ...skipped] }, reference, options, undefined);
  }
  const { submission } = read;
  const identity: CheckReport = {
    ...base,
    team: submission.team,
    members: submission.manifest.members,
    entry: submission.file,
    ...(submission.manifest.team !== submission.team
      ? { manifestTeam: submission.manifest.team }
      : {}),
    ...(submission.warnings.length > 0 ? { warnings: submission.warnings } : {}),
  };
  const manifestOk = report(
    verdict(
      rubricCheck(reference, "manifest"),
      "pass",
      ["submission.json is valid", ...submission.warnings].join("; "),
    ),
  );

  if (submission.kind === "results") {
    const loaded = await readJsonFile(join(submission.dir, submission.file), {
      label: submission.file,
    });
    const results = loaded.ok ? validateResults(loaded.value, { root: submission.file }) : loaded;
    if (!results.ok) {
      const load = report(
        verdict(
          rubricCheck(reference, "load"),
          "fail",
          results.errors.map((e) => e.message).join("\n"),
        ),
      );
      const skipped = skippedAfter(
        `${submission.file} is not a valid results file`,
        reference.rubric,
        rest,
      );
      for (const s of skipped) report(s);
      return finish(
        { ...identity, checks: [manifestOk, load, ...skipped] },
        reference,
        options,
        undefined,
      );
    }
    const load = report(
      verdict(rubricCheck(reference, "load"), "pass", `${submission.file} is a valid results file`),
    );
    const input: ChecksInput = { kind: "results", results: results.value };
    const outcome = await runChecks(input, checksOptions(options, [manifestOk, load]));
    return finish(
      {
        ...identity,
        language: "results",
        checks: outcome.checks,
        metrics: outcome.metrics,
        hiddenChecks: outcome.hiddenCount,
      },
      reference,
      options,
      outcome.panels,
    );
  }

  const open = () =>
    openSimulator({
      folder: submission.dir,
      entry: submission.file,
      timeoutMs: options.timeoutMs,
      isolation: options.isolation,
    });
  let simulator: Simulator = await open();
  let log = "";
  let tampered: string | null = null;
  try {
    const language = languageOf(submission.file);
    const withRun = { ...identity, language, isolation: simulator.isolation };
    if (!simulator.loadCheck.ok) {
      const load = report(
        verdict(rubricCheck(reference, "load"), "fail", simulator.loadCheck.message),
      );
      const skipped = skippedAfter("the simulator did not load", reference.rubric, rest);
      for (const s of skipped) report(s);
      log = simulator.log();
      return finish(
        { ...withRun, log, checks: [manifestOk, load, ...skipped] },
        reference,
        options,
        undefined,
        simulator.isolationNote,
      );
    }
    const load = report(
      verdict(
        rubricCheck(reference, "load"),
        "pass",
        `${submission.file} loaded in ${(simulator.loadCheck.ms / 1000).toFixed(1)} s and provides both functions`,
      ),
    );
    const input: ChecksInput = {
      kind: "simulator",
      simulator: {
        call: (fn, request) => simulator.call(fn, request),
        // After a timeout or crash the next check gets a fresh process; the old one's log is kept.
        reopen: async () => {
          log += simulator.log();
          tampered ??= simulator.tampered;
          await simulator.close();
          simulator = await open();
          return simulator.loadCheck.ok
            ? { ok: true }
            : { ok: false, message: simulator.loadCheck.message };
        },
      },
    };
    const outcome = await runChecks(input, checksOptions(options, [manifestOk, load]));
    log += simulator.log();
    tampered ??= simulator.tampered;
    // A student's frame on the runner's channel can pass for a load that failed: the load
    // stands only if nothing but the runner ever wrote there.
    const distrusted = tampered;
    const checks =
      distrusted === null
        ? outcome.checks
        : outcome.checks.map((c) =>
            c.id === load.id ? verdict(rubricCheck(reference, "load"), "fail", distrusted) : c,
          );
    return finish(
      {
        ...withRun,
        log,
        checks,
        metrics: outcome.metrics,
        hiddenChecks: outcome.hiddenCount,
      },
      reference,
      options,
      outcome.panels,
      simulator.isolationNote,
      outcome.figures,
    );
  } finally {
    await simulator.close();
  }
}

function checksOptions(options: CheckSubmissionOptions, prior: CheckResult[]) {
  return {
    rubric: options.reference.rubric,
    tolerances: options.reference.tolerances,
    includeHidden: options.includeHidden ?? false,
    hiddenInputs: options.hiddenInputs,
    prior,
    onCheck: options.onCheck,
  };
}

function finish(
  report: CheckReport,
  reference: GradingReference,
  options: CheckSubmissionOptions,
  panels: Figure1Panels | undefined,
  isolationNote?: string,
  figures?: FigureData,
): CheckedSubmission {
  const hidden = options.includeHidden
    ? 0
    : reference.rubric.checks.filter((c) => c.visibility === "hidden").length;
  const score = report.checks.reduce((s, c) => s + c.points, 0);
  const maxScore = report.checks.reduce((s, c) => s + c.maxPoints, 0);
  const passed = report.checks.every(checkPassed);
  return {
    report: { ...report, score, maxScore, passed, hiddenChecks: report.hiddenChecks ?? hidden },
    panels,
    isolationNote,
    ...(figures ? { figures } : {}),
  };
}
