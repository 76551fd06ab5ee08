/**
 * The rubric beyond its schema: each check id once, and every tolerance a check names present
 * in tolerances.json. validateRubric runs schema and semantics.
 */

import { abbreviate } from "./abbreviate.js";
import { closestKey } from "./closest-key.js";
import { type ValidateOptions, validate } from "./schemas.js";
import type { Rubric, Tolerances } from "./types.js";
import { capErrors, type Validation, type ValidationError } from "./validation.js";

/** Problems of a schema-valid rubric; tolerance names are checked when tolerances are given. */
export function rubricProblems(rubric: Rubric, tolerances?: Tolerances): ValidationError[] {
  const problems: ValidationError[] = [];
  const firstIndex = new Map<string, number>();
  const known = tolerances ? Object.keys(tolerances.measures) : [];
  rubric.checks.forEach((check, i) => {
    const earlier = firstIndex.get(check.id);
    if (earlier === undefined) firstIndex.set(check.id, i);
    else {
      problems.push({
        path: `checks[${i}].id`,
        message: `checks[${i}].id ${check.id} repeats checks[${earlier}].id; give a repeat a variant, e.g. ${check.id}:hidden`,
      });
    }
    if (!tolerances) return;
    (check.tolerances ?? []).forEach((name, j) => {
      if (Object.hasOwn(tolerances.measures, name)) return;
      const guess = closestKey(name, known);
      problems.push({
        path: `checks[${i}].tolerances[${j}]`,
        message: `checks[${i}].tolerances[${j}] ${abbreviate(name)} is not in tolerances.json${guess ? ` (did you mean "${guess}"?)` : ""}`,
      });
    });
  });
  return problems;
}

/** A parsed rubric, checked against its schema, then its semantics (and tolerances, if given). */
export function validateRubric(
  value: unknown,
  tolerances?: Tolerances,
  options: ValidateOptions = {},
): Validation<Rubric> {
  const checked = validate("rubric", value, options);
  if (!checked.ok) return checked;
  const problems = rubricProblems(checked.value, tolerances);
  return problems.length === 0
    ? checked
    : { ok: false, errors: capErrors(problems, options.maxErrors) };
}
