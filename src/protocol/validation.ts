/**
 * The value every validator returns: the checked value, typed, or the problems that stop it from
 * being trusted, each a sentence a student can act on.
 */

import { plural } from "./plural.js";

/** One problem: where it is ("" for the top level) and a sentence saying what to change. */
export interface ValidationError {
  path: string;
  message: string;
}

/** A checked value, typed, or the problems that stop it from being trusted. */
export type Validation<T> = { ok: true; value: T } | { ok: false; errors: ValidationError[] };

/**
 * Keeps the first maxErrors distinct problems and counts the rest in one last line, with
 * `unwritten` problems that were counted but never written (see writeAjvErrors).
 */
export function capErrors(
  errors: readonly ValidationError[],
  maxErrors = 20,
  unwritten = 0,
): ValidationError[] {
  const seen = new Set<string>();
  const distinct: ValidationError[] = [];
  for (const error of errors) {
    const key = `${error.path}\u0000${error.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    distinct.push(error);
  }
  const hidden = Math.max(0, distinct.length - maxErrors) + unwritten;
  if (hidden === 0) return distinct;
  return [
    ...distinct.slice(0, maxErrors),
    { path: "", message: `${plural(hidden, "more problem")} not shown` },
  ];
}
