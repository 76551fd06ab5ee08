import { measureParameters } from "../analysis/measure-parameters.js";
import { falseRejectOfTolerances } from "../checks/band.js";
import { readParameters } from "../checks/check.js";
import { CHECK_DEFINITIONS, definitionOf, PRELUDE_CHECKS } from "../checks/registry.js";
import { CANONICAL } from "../protocol/canonical.js";
import type { Rubric, RubricCheck, Tolerances } from "../protocol/types.js";

/**
 * The default rubric of the contract's checks, from each check's own declaration (src/checks/registry.ts);
 * a course starts its own from it (`spikegrade rubric`, docs/rubric.md). Each check names the tolerances it compares with and
 * states, from their bands, its chance of failing a faithful simulator.
 */
export function defaultRubric(tolerances: Tolerances): Rubric {
  const publicChecks: RubricCheck[] = [
    ...PRELUDE_CHECKS.map(({ id, title, points }) => ({
      id,
      title,
      points,
      visibility: "public" as const,
    })),
    ...CHECK_DEFINITIONS.map(({ id, title, points, defaultParameters }) => ({
      id,
      title,
      points,
      visibility: "public" as const,
      ...(defaultParameters === undefined ? {} : { parameters: defaultParameters }),
    })),
  ];
  // Hidden repeats on inputs no student has seen: their seeds come from the course secret at
  // grading time, so none is written here.
  const hidden: RubricCheck[] = CHECK_DEFINITIONS.filter((d) => d.hiddenRepeat).map(({ id }) => {
    const base = publicChecks.find((c) => c.id === id) as RubricCheck;
    // One time step, which the course secret picks at grading time.
    const parameters = { ...base.parameters };
    if (Array.isArray(parameters.dtMs)) parameters.dtMs = [CANONICAL.dtMs];
    return {
      ...base,
      id: `${id}:hidden`,
      title: `${base.title} (on unseen inputs)`,
      points: 1,
      visibility: "hidden",
      parameters,
    };
  });
  const checks = [...publicChecks, ...hidden].map((check) => stated(check, tolerances));
  return {
    description:
      "The default rubric of spikegrade. Each check names the entries of reference/tolerances.json whose bands it compares with and states its chance of failing a faithful simulator (the sum over those bands); measures names the parameters of every measure.",
    checks,
    measures: measureParameters(),
  };
}

/** A check with the tolerances it compares with and its false-reject chance, from its definition. */
function stated(check: RubricCheck, tolerances: Tolerances): RubricCheck {
  const definition = definitionOf(check.id);
  if (definition === undefined) return check;
  const read = readParameters(definition, check);
  if (!read.ok) throw new Error(`the default rubric's ${check.id}: ${read.errors.join("; ")}`);
  const names = definition.tolerances(read.value);
  if (names.length === 0) return check;
  const { id, title, points, visibility, parameters } = check;
  return {
    id,
    title,
    points,
    falseRejectProbability: falseRejectOfTolerances(tolerances, names),
    visibility,
    tolerances: names,
    ...(parameters === undefined ? {} : { parameters }),
  };
}
