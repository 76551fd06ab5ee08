/**
 * Hidden inputs kept out of what a student reads. A student's code is sent the hidden seeds and
 * may print them, raise them in an exception, or keep them and show them later in a public check
 * (whose messages the student sees in full); so every student-facing text is searched for each
 * seed as a program would write it: decimal (leading zeros, digit groups), as a float
 * (123456789.0, 1.23456789e+08), hexadecimal, octal or binary. A hidden check's messages also lose
 * the time steps a hidden check may run at, and every text the time steps no public check uses. What no redaction can stop, a simulator encoding a
 * seed in the numbers it returns, SECURITY.md says.
 */

import { PUBLIC_DTS_MS } from "../checks/protocols.js";
import type { CheckReport, CheckResult } from "../protocol/types.js";
import { HIDDEN_DT_CHOICES_MS } from "./hidden-inputs.js";

/** What stands in a student-facing text where a hidden input was. */
export const REDACTED = "[hidden]";

const SEPARATOR = "[,_' ]?";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The ways a program prints seed, as regular-expression alternatives. */
function spellings(seed: number): string[] {
  const decimal = String(seed);
  const grouped = decimal.split("").join(SEPARATOR);
  const [mantissa, exponent] = seed.toExponential().split("e");
  const power = Number(exponent);
  const out = [
    // Decimal, maybe zero-padded or grouped, maybe as a float with zero fraction.
    `(?<![\\d.])0*${grouped}(?:\\.0+)?(?![\\d]|\\.\\d)`,
    // Scientific: 1.23456789e+08, 1.23456789E8 (trailing zeros of the mantissa optional).
    `(?<![\\d.])${escapeRegExp(mantissa)}0*[eE]\\+?0*${power}(?!\\d)`,
    `(?<![0-9a-fA-F])(?:0x)?${seed.toString(16)}(?![0-9a-fA-F])`,
    `0o${seed.toString(8)}(?!\\d)`,
    `0b${seed.toString(2)}(?![01])`,
  ];
  return out;
}

/** text with every spelling of every seed replaced by REDACTED. */
export function redactSeeds(text: string, seeds: readonly number[]): string {
  if (seeds.length === 0 || text === "") return text;
  const pattern = new RegExp([...new Set(seeds)].flatMap(spellings).join("|"), "gi");
  return text.replace(pattern, REDACTED);
}

function timeSteps(values: readonly number[]): RegExp {
  const alternatives = values.map((dt) => escapeRegExp(String(dt))).join("|");
  return new RegExp(`(?<![\\d.])(?:${alternatives})(?![\\d])`, "g");
}

/** Every time step a hidden check may run at: gone from hidden checks' messages. */
const HIDDEN_DT = timeSteps(HIDDEN_DT_CHOICES_MS);

/**
 * The time steps only a hidden check runs at (no public check does): gone from every text, the
 * log included, where a simulator that prints its requests would show one.
 */
const HIDDEN_ONLY_DT = timeSteps(
  HIDDEN_DT_CHOICES_MS.filter((dt) => !(PUBLIC_DTS_MS as readonly number[]).includes(dt)),
);

/** text without the seeds and the time steps only hidden checks use. */
function redactText(text: string, seeds: readonly number[]): string {
  return redactSeeds(text, seeds).replace(HIDDEN_ONLY_DT, REDACTED);
}

function redactCheck(check: CheckResult, seeds: readonly number[]): CheckResult {
  let message = redactText(check.message, seeds);
  if (check.visibility === "hidden") message = message.replace(HIDDEN_DT, REDACTED);
  return message === check.message ? check : { ...check, message };
}

/**
 * The report as a student may read it after a run with hidden inputs: the log and every check's
 * message, public or hidden, without the seeds; hidden checks' messages without time steps.
 */
export function redactReport(report: CheckReport, seeds: readonly number[]): CheckReport {
  if (seeds.length === 0) return report;
  return {
    ...report,
    checks: report.checks.map((check) => redactCheck(check, seeds)),
    ...(report.log === undefined ? {} : { log: redactText(report.log, seeds) }),
  };
}
