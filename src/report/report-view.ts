import { tally } from "../checks/run-checks.js";
import { doesNotApply } from "../checks/verdict.js";
import type { CheckReport, CheckResult } from "../protocol/types.js";

/** Who reads a report: a student sees no hidden check; an instructor sees every check. */
export type Audience = "student" | "instructor";

/** What a report shows of a CheckReport to one audience. */
export interface ReportView {
  checks: CheckResult[];
  /** Hidden checks that exist but are not shown: not run here, or run and withheld. */
  hiddenCount: number;
  /** Their points: the grade is out of maxScore plus these. */
  hiddenPoints: number;
  /** Hidden checks that ran and were left out for this audience. */
  withheld: number;
  score: number;
  maxScore: number;
  passed: boolean;
}

/**
 * The checks, score and verdict an audience may see. For a student, hidden checks that ran are
 * withheld and the score and verdict are those of the public checks alone (tally, the one rule
 * every output reads): a total that counted them would give away how the hidden checks went.
 */
export function reportView(report: CheckReport, audience: Audience): ReportView {
  const notRun = report.hiddenChecks ?? 0;
  const notRunPoints = report.hiddenPoints ?? 0;
  const all = { score: report.score, maxScore: report.maxScore, passed: report.passed };
  if (audience === "instructor") {
    return {
      checks: report.checks,
      hiddenCount: notRun,
      hiddenPoints: notRunPoints,
      withheld: 0,
      ...all,
    };
  }
  const checks = report.checks.filter((c) => c.visibility !== "hidden");
  // A hidden check that does not apply to this submission (a results file) is worth nothing:
  // it is neither counted as to come nor withheld.
  const ran = report.checks.filter((c) => c.visibility === "hidden" && !doesNotApply(c));
  const withheld = ran.length;
  const withheldPoints = ran.reduce((sum, c) => sum + c.maxPoints, 0);
  return {
    checks,
    hiddenCount: notRun + withheld,
    hiddenPoints: notRunPoints + withheldPoints,
    withheld,
    ...(withheld === 0 && checks.length === report.checks.length ? all : tally(checks)),
  };
}

/** A failure message split into what was found and the question the check suggests asking. */
export interface MessageParts {
  finding: string;
  /** "is V held at resetMv for refractoryMs after each spike?" */
  hint?: string;
}

const QUESTION = /^(is|are|does|do|did|has|have|was|were|can|should)\b/;

/**
 * The checks end their failure messages with a question that points at the likely bug, after
 * "; " or ": " ("... above 37-39 Hz: is V held at resetMv ...?"). The earliest such question
 * that runs to the end of the message is split off, so the report can set it apart; a message
 * without one is all finding.
 */
export function splitHint(message: string): MessageParts {
  if (!message.endsWith("?")) return { finding: message };
  for (let at = 0; at + 2 < message.length; at++) {
    const separator = message.slice(at, at + 2);
    if (separator !== "; " && separator !== ": ") continue;
    const rest = message.slice(at + 2);
    if (QUESTION.test(rest) && !rest.includes("; ")) {
      const finding = message.slice(0, at).trim();
      return finding === "" ? { finding: message } : { finding, hint: rest.trim() };
    }
  }
  return { finding: message };
}
