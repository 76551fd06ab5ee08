import type { CheckResult, CheckStatus, Comparison, RubricCheck } from "../protocol/types.js";

export interface Details {
  observed?: Record<string, unknown>;
  expected?: Record<string, unknown>;
  /** The bands the verdict was decided on, each value with its in-band flag. */
  comparisons?: Comparison[];
}

/** A fail that says every problem (joined by "; "), or a pass with its message when there is none. */
export function failOrPass(
  check: RubricCheck,
  problems: readonly string[],
  passMessage: string,
  details: Details = {},
): CheckResult {
  return problems.length > 0
    ? verdict(check, "fail", problems.join("; "), details)
    : verdict(check, "pass", passMessage, details);
}

/**
 * One check's verdict in the contract's JSON: a pass earns the rubric's points, anything else none.
 * maxPoints are the rubric's points, so a check that broke or was not run still counts against
 * the team.
 */
export function verdict(
  check: RubricCheck,
  status: CheckStatus,
  message: string,
  details: Details = {},
): CheckResult {
  const result: CheckResult = {
    id: check.id,
    title: check.title,
    status,
    points: status === "pass" ? check.points : 0,
    maxPoints: check.points,
    visibility: check.visibility,
    message,
  };
  if (check.falseRejectProbability !== undefined) {
    result.falseRejectProbability = check.falseRejectProbability;
  }
  if (details.observed !== undefined) result.observed = jsonSafe(details.observed);
  if (details.expected !== undefined) result.expected = jsonSafe(details.expected);
  if (details.comparisons !== undefined) result.comparisons = jsonSafe(details.comparisons);
  return result;
}

/**
 * Whether a check counts as passed: it passed, or it did not apply (a skip worth no points). The
 * one rule that the score, the checklist, the reports and every export read.
 */
export function checkPassed(result: Pick<CheckResult, "status" | "maxPoints">): boolean {
  return result.status === "pass" || doesNotApply(result);
}

/** A check that does not apply to this submission (results-only): a skip worth no points. */
export function doesNotApply(result: Pick<CheckResult, "status" | "maxPoints">): boolean {
  return result.status === "skip" && result.maxPoints === 0;
}

/** A check that does not apply to this submission: no points to win or lose. */
export function notApplicable(check: RubricCheck, reason: string): CheckResult {
  return { ...verdict(check, "skip", reason), maxPoints: 0 };
}

/** A check that was not run because an earlier step failed: its points are lost. */
export function notRun(check: RubricCheck, reason: string): CheckResult {
  return verdict(check, "skip", `not run: ${reason}`);
}

/** A number for a message: 3 significant digits, without trailing zeros ("0.98", "12.3", "1500"). */
export function fmt(x: number | undefined, digits = 3): string {
  if (x === undefined) return "undefined";
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  return String(Number(x.toPrecision(digits)));
}

/**
 * A copy that JSON carries faithfully: numbers rounded to 6 significant digits (a report should
 * not hang on the last bits of floating point), NaN and +-Infinity as null, typed arrays as lists.
 */
export function jsonSafe<T>(value: T): T {
  return convert(value) as T;
}

function convert(value: unknown): unknown {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return null;
    const rounded = Number(value.toPrecision(6));
    return rounded === 0 ? 0 : rounded;
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>, convert);
  }
  if (Array.isArray(value)) return value.map(convert);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) out[key] = convert(item);
    }
    return out;
  }
  return value;
}
