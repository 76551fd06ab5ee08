/**
 * The rubric beyond its schema: each check id once, every tolerance a check names present in
 * tolerances.json, each question id once and every check a question names one of the rubric's.
 * validateRubric runs schema and semantics.
 */

import { abbreviate } from "./abbreviate.js";
import { closestKey } from "./closest-key.js";
import { type ValidateOptions, validate } from "./schemas.js";
import type { Rubric, RubricQuestion, Tolerances } from "./types.js";
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
  problems.push(...questionProblems(rubric.questions ?? [], [...firstIndex.keys()]));
  return problems;
}

/** Problems of the rubric's questions: an id twice, a check that is not one of the rubric's. */
function questionProblems(questions: RubricQuestion[], checkIds: string[]): ValidationError[] {
  const problems: ValidationError[] = [];
  const firstIndex = new Map<string, number>();
  questions.forEach((question, i) => {
    const earlier = firstIndex.get(question.id);
    if (earlier === undefined) firstIndex.set(question.id, i);
    else {
      problems.push({
        path: `questions[${i}].id`,
        message: `questions[${i}].id ${question.id} repeats questions[${earlier}].id; give each question its own id`,
      });
    }
    (question.checks ?? []).forEach((id, j) => {
      if (checkIds.includes(id)) return;
      const guess = closestKey(id, checkIds);
      problems.push({
        path: `questions[${i}].checks[${j}]`,
        message: `questions[${i}].checks[${j}] ${abbreviate(id)} is not a check of this rubric${guess ? ` (did you mean "${guess}"?)` : ""}`,
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
