import { basename, join } from "node:path";
import {
  type CheckSimulator,
  type Figure1Panels,
  type FigureData,
  type GradingReference,
  pendingHidden,
  type ReopenResult,
  runChecks,
  skippedAfter,
  tally,
} from "../checks/index.js";
import { verdict } from "../checks/verdict.js";
import { readJsonFile } from "../protocol/read-json.js";
import type { CheckReport, CheckResult, ParameterValues, RubricCheck } from "../protocol/types.js";
import { placeholderProblem } from "../protocol/validate-manifest.js";
import { validateResults } from "../protocol/validate-results.js";
import type { IsolationRequest } from "../submission/call-result.js";
import { prepareSimulator } from "../submission/early-start.js";
import { languageOf } from "../submission/language.js";
import { readSubmission, type Submission } from "../submission/read-submission.js";
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

/** One checkSubmission under way: its options, and onCheck told of each verdict as reached. */
interface Checking {
  options: CheckSubmissionOptions;
  tell(result: CheckResult): CheckResult;
  /** The public checks' figure data, filling as they go. */
  figures: FigureData;
}

/**
 * Checks one submission folder from its manifest to its last check: the manifest, then loading
 * the simulator (or the results file) in its sandbox, then every check of the rubric. Never
 * throws for anything the folder holds: what breaks becomes a verdict with a message.
 */
export async function checkSubmission(options: CheckSubmissionOptions): Promise<CheckedSubmission> {
  // The report's modules (the canvas, its fonts, the figures) start loading; once the manifest
  // is read, what the simulator's launch will wait for (the Python's probe) starts, and then the
  // reference's half of Figure 1 is drawn while those run and the simulator starts. Each figure of
  // a check is drawn once that check is done, while the simulator computes the next. The report
  // then takes them as drawn.
  const report = import("./write-report.js");
  report.catch(() => undefined);
  const read = await readSubmission(options.dir, { teamFrom: options.teamFrom });
  if (read.ok && read.submission.kind !== "results") prepareSimulator(read.submission.file);
  report.then((m) => m.prepareReport()).catch(() => undefined);
  const drawing = import("./check-figures.js");
  const figures: FigureData = {};
  const checking: Checking = {
    options,
    figures,
    tell: (result) => {
      options.onCheck?.(result);
      drawing.then((m) => m.drawWhenIdle(figures)).catch(() => undefined);
      return result;
    },
  };
  const anonymous: CheckReport = {
    team: basename(options.dir),
    members: [],
    passed: false,
    score: 0,
    maxScore: 0,
    checks: [],
    spikegradeVersion: SPIKEGRADE_VERSION,
  };
  if (!read.ok) {
    const message = read.errors.map((e) => e.message).join("\n");
    return stopped(
      checking,
      { ...anonymous, ...(read.kind === "results" ? { language: "results" } : {}) },
      [],
      { id: "manifest", message },
      "submission.json is invalid",
    );
  }
  const { submission } = read;
  const identity = identified(anonymous, submission);
  const placeholder = placeholderProblem(submission.manifest.members);
  const manifestOk = checking.tell(
    placeholder === undefined
      ? verdict(
          rubricCheck(options.reference, "manifest"),
          "pass",
          ["submission.json is valid", ...submission.warnings].join("; "),
        )
      : verdict(rubricCheck(options.reference, "manifest"), "fail", placeholder),
  );
  return submission.kind === "results"
    ? checkResults(checking, submission, identity, manifestOk)
    : checkSimulator(checking, submission, identity, manifestOk);
}

/** The report's head once the manifest is read: the team, its members and what it handed in. */
function identified(anonymous: CheckReport, submission: Submission): CheckReport {
  return {
    ...anonymous,
    team: submission.team,
    members: submission.manifest.members,
    entry: submission.file,
    ...(submission.manifest.team !== submission.team
      ? { manifestTeam: submission.manifest.team }
      : {}),
    ...(submission.warnings.length > 0 ? { warnings: submission.warnings } : {}),
  };
}

/** A results-only submission: its Figure 1 data read and validated, then the checks. */
async function checkResults(
  checking: Checking,
  submission: Submission,
  identity: CheckReport,
  manifestOk: CheckResult,
): Promise<CheckedSubmission> {
  const { options } = checking;
  const loaded = await readJsonFile(join(submission.dir, submission.file), {
    label: submission.file,
  });
  const results = loaded.ok ? validateResults(loaded.value, { root: submission.file }) : loaded;
  if (!results.ok) {
    const message = results.errors.map((e) => e.message).join("\n");
    const reason = `${submission.file} is not a valid results file`;
    return stopped(checking, identity, [manifestOk], { id: "load", message }, reason);
  }
  const load = checking.tell(
    verdict(
      rubricCheck(options.reference, "load"),
      "pass",
      `${submission.file} is a valid results file`,
    ),
  );
  const outcome = await runChecks(
    { kind: "results", results: results.value },
    checksOptions(checking, [manifestOk, load]),
  );
  return finish(
    {
      ...identity,
      language: "results",
      checks: outcome.checks,
      metrics: outcome.metrics,
      hiddenChecks: outcome.hiddenCount,
      hiddenPoints: outcome.hiddenPoints,
    },
    options,
    { panels: outcome.panels },
  );
}

/** A simulator: loaded in its sandbox, then asked by every check, restarted after a crash. */
async function checkSimulator(
  checking: Checking,
  submission: Submission,
  identity: CheckReport,
  manifestOk: CheckResult,
): Promise<CheckedSubmission> {
  const { options } = checking;
  const simulator = await RestartingSimulator.start(submission, options);
  try {
    const first = simulator.current;
    const language = languageOf(submission.file);
    const withRun = { ...identity, language, isolation: first.isolation };
    if (!first.loadCheck.ok) {
      const failed = { id: "load", message: first.loadCheck.message } as const;
      return stopped(
        checking,
        { ...withRun, log: first.log() },
        [manifestOk],
        failed,
        "the simulator did not load",
        first.isolationNote,
      );
    }
    const load = checking.tell(
      verdict(
        rubricCheck(options.reference, "load"),
        "pass",
        loadedMessage(
          submission.file,
          first.loadCheck.ms,
          first.loadCheck.failedCells ?? [],
          first.loadCheck.cellErrors,
        ),
      ),
    );
    const outcome = await runChecks(
      { kind: "simulator", simulator: simulator.forChecks() },
      checksOptions(checking, [manifestOk, load]),
    );
    const { log, tampered } = simulator.finished();
    return finish(
      {
        ...withRun,
        log,
        checks: distrustLoad(outcome.checks, tampered, options.reference),
        metrics: outcome.metrics,
        hiddenChecks: outcome.hiddenCount,
        hiddenPoints: outcome.hiddenPoints,
      },
      options,
      {
        panels: outcome.panels,
        isolationNote: simulator.current.isolationNote,
        figures: outcome.figures,
      },
    );
  } finally {
    await simulator.close();
  }
}

/**
 * The load check's pass: how long it took, and the notebook cells that raised on the way, with
 * what each raised where the runner said it (a missing import reads off the checklist).
 */
function loadedMessage(
  file: string,
  ms: number,
  cells: readonly number[],
  errors?: readonly string[],
): string {
  const one = cells.length === 1;
  const named = cells.map((cell, i) => (errors ? `${cell} (${errors[i]})` : `${cell}`)).join(", ");
  const raised =
    cells.length === 0
      ? ""
      : `; but ${one ? "cell" : "cells"} ${named} raised while it loaded (${one ? "traceback" : "tracebacks"} in the log): anything ${one ? "it" : "they"} would have defined is missing`;
  return `${file} loaded in ${(ms / 1000).toFixed(1)} s and provides both functions${raised}`;
}

/**
 * The student's simulator across restarts: after a timeout or crash the next check gets a fresh
 * process. The log of every process is kept, and the first tampering any of them saw.
 */
class RestartingSimulator {
  private log = "";
  private tampered: string | null = null;

  private constructor(
    private readonly open: () => Promise<Simulator>,
    public current: Simulator,
  ) {}

  static async start(
    submission: Submission,
    options: CheckSubmissionOptions,
  ): Promise<RestartingSimulator> {
    const open = () =>
      openSimulator({
        folder: submission.dir,
        entry: submission.file,
        timeoutMs: options.timeoutMs,
        isolation: options.isolation,
      });
    return new RestartingSimulator(open, await open());
  }

  /** What runChecks asks: calls go to the current process; reopen replaces it. */
  forChecks(): CheckSimulator {
    return {
      call: (fn, request) => this.current.call(fn, request),
      reopen: () => this.reopen(),
      language: this.current.language,
    };
  }

  private async reopen(): Promise<ReopenResult> {
    this.keepRecordOfCurrent();
    await this.current.close();
    this.current = await this.open();
    return this.current.loadCheck.ok
      ? { ok: true }
      : { ok: false, message: this.current.loadCheck.message };
  }

  /** Every process's log, and the first tampering seen, once the checks are done. */
  finished(): { log: string; tampered: string | null } {
    this.keepRecordOfCurrent();
    return { log: this.log, tampered: this.tampered };
  }

  close(): Promise<void> {
    return this.current.close();
  }

  private keepRecordOfCurrent(): void {
    this.log += this.current.log();
    this.tampered ??= this.current.tampered;
  }
}

/**
 * A student's frame on the runner's channel can pass for a load that failed: the load stands
 * only if nothing but the runner ever wrote there.
 */
function distrustLoad(
  checks: CheckResult[],
  tampered: string | null,
  reference: GradingReference,
): CheckResult[] {
  if (tampered === null) return checks;
  const load = rubricCheck(reference, "load");
  return checks.map((c) => (c.id === load.id ? verdict(load, "fail", tampered) : c));
}

/**
 * A submission stopped at its manifest or its load, the three ways one can: that verdict
 * failed, and every check after it not run, for reason (its points lost).
 */
function stopped(
  checking: Checking,
  report: CheckReport,
  earlier: CheckResult[],
  failed: { id: "manifest" | "load"; message: string },
  reason: string,
  isolationNote?: string,
): CheckedSubmission {
  const { options } = checking;
  const failure = checking.tell(
    verdict(rubricCheck(options.reference, failed.id), "fail", failed.message),
  );
  // After the manifest, the load check itself is not run either.
  // A results manifest that names a missing file is still a results submission: the checks
  // that need a simulator do not apply, and count for nothing, as when the file is there.
  const skipped = skippedAfter(reason, options.reference.rubric, {
    after: failed.id,
    includeHidden: options.includeHidden ?? false,
    resultsOnly: report.language === "results",
  });
  for (const s of skipped) checking.tell(s);
  return finish({ ...report, checks: [...earlier, failure, ...skipped] }, options, {
    isolationNote,
  });
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

function checksOptions(checking: Checking, prior: CheckResult[]) {
  const { options } = checking;
  return {
    figures: checking.figures,
    rubric: options.reference.rubric,
    tolerances: options.reference.tolerances,
    includeHidden: options.includeHidden ?? false,
    hiddenInputs: options.hiddenInputs,
    prior,
    onCheck: checking.tell,
  };
}

/** The report with its score, maximum and pass as tally() counts them, and what goes with it. */
function finish(
  report: CheckReport,
  options: CheckSubmissionOptions,
  extras: { panels?: Figure1Panels; isolationNote?: string; figures?: FigureData } = {},
): CheckedSubmission {
  const hidden = options.includeHidden
    ? { count: 0, points: 0 }
    : pendingHidden(
        options.reference.rubric,
        report.language === "results" ? "results" : undefined,
      );
  const { score, maxScore, passed } = tally(report.checks);
  return {
    report: {
      ...report,
      score,
      maxScore,
      passed,
      hiddenChecks: report.hiddenChecks ?? hidden.count,
      hiddenPoints: report.hiddenPoints ?? hidden.points,
    },
    panels: extras.panels,
    isolationNote: extras.isolationNote,
    ...(extras.figures ? { figures: extras.figures } : {}),
  };
}
