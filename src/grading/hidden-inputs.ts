import { createHmac } from "node:crypto";
import type { HiddenParameterValues, Rubric } from "../protocol/types.js";

/** The environment variable that holds the course secret of `grade --hidden`. */
export const SECRET_VARIABLE = "SPIKEGRADE_SECRET";

/**
 * Time steps a hidden repeat may run at, ms: each is one the reference's tolerances were computed
 * over (tolerances.json's dtMs) and one every faithful simulator variant passes at
 * (tests/checks/correct-simulators.test.ts), so a hidden dt never rejects a correct submission.
 */
export const HIDDEN_DT_CHOICES_MS: readonly number[] = [0.1, 0.25, 0.5];

/** docs/contract.md: seeds are integers in [0, 2**31 - 1]. */
const SEED_MASK = 0x7fff_ffff;

/** Versioned, so that a change of derivation can never silently reuse another's values. */
const DOMAIN = "spikegrade/hidden-input/v1";

function hmac(secret: string, message: string): Buffer {
  return createHmac("sha256", secret).update(message).digest();
}

/**
 * The integer in [0, 2**31 - 1] that a course secret gives one parameter of one check:
 * HMAC-SHA256(secret, domain, check id, parameter name), its first 32 bits with the top one cleared.
 * The same secret gives the same value on every machine; without the secret it cannot be guessed.
 */
export function hiddenSeed(secret: string, checkId: string, parameter: string): number {
  return hmac(secret, `${DOMAIN}\0${checkId}\0${parameter}`).readUInt32BE(0) & SEED_MASK;
}

/** The time step, ms, a course secret gives a hidden check: one of HIDDEN_DT_CHOICES_MS. */
export function hiddenDtMs(secret: string, checkId: string): number {
  const draw = hmac(secret, `${DOMAIN}\0${checkId}\0dtMs`).readUInt32BE(0);
  return HIDDEN_DT_CHOICES_MS[draw % HIDDEN_DT_CHOICES_MS.length];
}

/**
 * A short name of the secret that reveals nothing of it (an HMAC of a fixed message): stored with
 * each result, so that grading again with another secret does not reuse results of the old one.
 */
export function secretId(secret: string): string {
  return hmac(secret, "spikegrade/secret-id/v1").toString("hex").slice(0, 16);
}

/** Parameters that hold a seed (seed, noiseSeed) or a list of them (seeds, stimulusSeeds). */
const SEED_PARAMETER = /(^s|S)eeds?$/;

export interface HiddenInputs {
  /** Each hidden check's inputs, by check id, to lay over its rubric parameters. */
  byCheck: Record<string, HiddenParameterValues>;
  /**
   * Every seed derived from the secret: what must never reach a student-facing text (the
   * student's own log may print the requests it was sent).
   */
  seeds: number[];
}

/**
 * The inputs no student has seen for every hidden check of the rubric: each seed parameter (one
 * seed or a list, the list keeping its length, its seeds distinct) and each time step dtMs
 * derived from the secret; every other parameter stays the rubric's.
 */
export function deriveHiddenInputs(secret: string, rubric: Rubric): HiddenInputs {
  const byCheck: Record<string, HiddenParameterValues> = {};
  const seeds: number[] = [];
  for (const check of rubric.checks) {
    if (check.visibility !== "hidden") continue;
    const inputs: HiddenParameterValues = {};
    for (const [name, value] of Object.entries(check.parameters ?? {})) {
      if (SEED_PARAMETER.test(name) && typeof value === "number") {
        inputs[name] = hiddenSeed(secret, check.id, name);
        seeds.push(inputs[name]);
      } else if (SEED_PARAMETER.test(name) && Array.isArray(value)) {
        const list: number[] = [];
        for (let i = 0; list.length < value.length; i++) {
          // A repeat within a list would make two "different" currents the same one.
          const seed = hiddenSeed(secret, check.id, `${name}[${i}]`);
          if (!list.includes(seed)) list.push(seed);
        }
        inputs[name] = list;
        seeds.push(...list);
      } else if (name === "dtMs" && typeof value === "number") {
        inputs[name] = hiddenDtMs(secret, check.id);
      } else if (name === "dtMs" && Array.isArray(value)) {
        // A hidden repeat runs at one unseen time step.
        inputs[name] = [hiddenDtMs(secret, check.id)];
      }
    }
    byCheck[check.id] = inputs;
  }
  return { byCheck, seeds };
}
