/** ajv's errors as messages to act on, every one reading alike (see ./ajv-error-message.ts). */

import type { ErrorObject } from "ajv/dist/2020.js";
import { ajvErrorMessage } from "./ajv-error-message.js";
import { simplifyAjvErrors } from "./simplify-ajv-errors.js";
import { capErrors, type ValidationError } from "./validation.js";

/**
 * ajv's errors past this many are counted, not written: a response of a million NaN spike times
 * has a million errors, and writing each cost seconds and hundreds of MB for lines nobody reads.
 */
const MAX_WRITTEN_ERRORS = 1000;

/**
 * ajv's errors (from a validator built with allErrors and verbose) as messages to act on: the
 * first MAX_WRITTEN_ERRORS written, the rest counted. Pass both to capErrors.
 */
export function writeAjvErrors(
  errors: readonly ErrorObject[],
  data: unknown,
  root: string,
): { written: ValidationError[]; unwritten: number } {
  const kept = simplifyAjvErrors(errors);
  const written = kept
    .slice(0, MAX_WRITTEN_ERRORS)
    .map((error) => ajvErrorMessage(error, data, root));
  return { written, unwritten: kept.length - written.length };
}

export interface FormatOptions {
  /** What the top level is called ("submission.json"). */
  root: string;
  /** At most this many messages; the rest are counted in a last one. Default 20. */
  maxErrors?: number;
}

/** ajv's errors (from a validator built with allErrors and verbose) as messages to act on. */
export function formatAjvErrors(
  errors: readonly ErrorObject[],
  data: unknown,
  options: FormatOptions,
): ValidationError[] {
  const { written, unwritten } = writeAjvErrors(errors, data, options.root);
  return capErrors(written, options.maxErrors, unwritten);
}
