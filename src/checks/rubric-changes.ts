/**
 * What a course's own rubric (`--rubric FILE`) may change of the default one (reference/rubric.json,
 * which `spikegrade rubric` prints), and what it may not. docs/rubric.md gives the reasons to the
 * instructor; in short, everything a student is graded on stays measured:
 *
 * - points (0 or more, 0 counting nothing), titles and descriptions, the order, and which checks
 *   are there at all may change;
 * - a check the default does not have may not be added, nor a public check made hidden or a hidden
 *   one public; the parameters, the measures, the tolerances a check names and its false-reject
 *   chance stay the default's, since the bands and their error rates were computed for exactly
 *   those; manifest and load stay (every other check needs them first), a hidden repeat that
 *   counts keeps its public check (so a student's own check runs what it grades), and some check
 *   is worth points.
 */

import { abbreviate } from "../protocol/abbreviate.js";
import { canonicalJson, differingPaths } from "../protocol/canonical-json.js";
import { plural } from "../protocol/plural.js";
import type { Rubric, RubricCheck } from "../protocol/types.js";
import type { ValidationError } from "../protocol/validation.js";
import { baseCheckId } from "./registry.js";

const COPY_IT = "copy it from `spikegrade rubric`";

/** The value at a dotted path below a check's parameters ("checks[3].parameters.dtMs"). */
function valueAt(parameters: unknown, path: string): unknown {
  const keys = path.split(".").slice(2);
  let value = parameters;
  for (const key of keys) {
    value =
      value !== null && typeof value === "object"
        ? (value as Record<string, unknown>)[key]
        : undefined;
  }
  return value;
}

function shown(value: unknown): string {
  return value === undefined ? "missing" : abbreviate(value);
}

/** Problems of one check against the default's check of the same id. */
function checkChanges(check: RubricCheck, base: RubricCheck, i: number): ValidationError[] {
  const at = `checks[${i}]`;
  const problems: ValidationError[] = [];
  if (check.visibility !== base.visibility) {
    const instead =
      base.visibility === "public"
        ? "a public check is one students run themselves before they submit"
        : "a hidden repeat runs only with grade --hidden, on inputs from the course secret";
    problems.push({
      path: `${at}.visibility`,
      message: `${at}.visibility of ${check.id} is ${check.visibility}; it stays ${base.visibility}, since ${instead}: to stop it counting, give it 0 points or leave it out`,
    });
  }
  for (const path of differingPaths(
    check.parameters ?? {},
    base.parameters ?? {},
    `${at}.parameters`,
  )) {
    problems.push({
      path,
      message: `${path} of ${check.id} is ${shown(valueAt(check.parameters, path))}; it stays the default's ${shown(valueAt(base.parameters, path))}: the check's bands and their false-reject chance were computed for these parameters and no others`,
    });
  }
  if (canonicalJson(check.tolerances ?? []) !== canonicalJson(base.tolerances ?? [])) {
    problems.push({
      path: `${at}.tolerances`,
      message: `${at}.tolerances of ${check.id} differs from the default's: it names the bands the check compares with, which spikegrade states and a rubric does not choose; ${COPY_IT}`,
    });
  }
  if (check.falseRejectProbability !== base.falseRejectProbability) {
    problems.push({
      path: `${at}.falseRejectProbability`,
      message: `${at}.falseRejectProbability of ${check.id} is ${shown(check.falseRejectProbability)}; it is measured, not chosen, and stays the default's ${shown(base.falseRejectProbability)}; ${COPY_IT}`,
    });
  }
  return problems;
}

/** Checks that must stay whatever the rubric: every other check needs them to pass first. */
const GATES = ["manifest", "load"] as const;

/**
 * What a course's rubric changes of the default that it may not (see the module's comment), each
 * a problem naming its place and what to do instead; none for a rubric within the rules.
 * Expects both rubrics valid against the schema, ids unique.
 */
export function rubricChangeProblems(rubric: Rubric, base: Rubric): ValidationError[] {
  const defaults = new Map(base.checks.map((c) => [c.id, c]));
  const ids = new Set<string>(rubric.checks.map((c) => c.id));
  const problems: ValidationError[] = [];
  rubric.checks.forEach((check, i) => {
    const baseCheck = defaults.get(check.id);
    if (baseCheck === undefined) {
      problems.push({
        path: `checks[${i}].id`,
        message: `checks[${i}].id ${check.id} is not a check of the default rubric (${[...defaults.keys()].join(", ")}); a course's rubric may reweight, retitle or leave out those, not add one, whose bands and error rate nobody measured`,
      });
      return;
    }
    problems.push(...checkChanges(check, baseCheck, i));
    const base = baseCheckId(check.id);
    if (check.visibility === "hidden" && check.points > 0 && !ids.has(base)) {
      problems.push({
        path: `checks[${i}]`,
        message: `checks[${i}] (${check.id}) is worth ${plural(check.points, "point")} but the rubric leaves out ${base}: keep ${base} (with 0 points if it should count nothing), so that students can run what its hidden repeat grades`,
      });
    }
  });
  for (const gate of GATES) {
    if (!ids.has(gate)) {
      problems.push({
        path: "checks",
        message: `checks has no ${gate}; keep it (with 0 points if it should count nothing): every other check runs only once it passes`,
      });
    }
  }
  for (const path of differingPaths(rubric.measures, base.measures, "measures")) {
    problems.push({
      path,
      message: `${path} differs from the default's: the measures stay as they are, since every band in tolerances.json was computed with them; ${COPY_IT}`,
    });
  }
  if (!rubric.checks.some((c) => c.points > 0)) {
    problems.push({
      path: "checks",
      message:
        "every check is worth 0 points: give at least one check points, or there is no grade",
    });
  }
  return problems;
}
