import { measureParameters } from "../analysis/measure-parameters.js";
import { CANONICAL_NEURON } from "../protocol/canonical.js";
import { canonicalJson, differingPaths } from "../protocol/canonical-json.js";
import { JSON_SIZE_LIMITS, readJsonFile } from "../protocol/read-json.js";
import { referenceFile } from "../protocol/reference-files.js";
import { validate } from "../protocol/schemas.js";
import type { Rubric, Tolerances } from "../protocol/types.js";
import { rubricProblems } from "../protocol/validate-rubric.js";
import { capErrors, type Validation, type ValidationError } from "../protocol/validation.js";
import { falseRejectOfTolerances } from "./band.js";
import { readParameters } from "./check.js";
import { type MeasureSettings, readMeasures } from "./measures.js";
import { CHECK_PROTOCOLS } from "./protocols.js";
import { definitionOf } from "./registry.js";
import { rubricChangeProblems } from "./rubric-changes.js";

function prefixed(label: string, errors: readonly ValidationError[]): ValidationError[] {
  return errors.map((e) => ({
    path: e.path,
    message: e.message.startsWith(label) ? e.message : `${label}: ${e.message}`,
  }));
}

/** A rubric to load: a file, or its JSON as already read (a worker is sent the grader's). */
export type RubricSource = string | { json: unknown; label: string };

/**
 * Reads and checks a rubric (default: the package's reference/rubric.json): its schema, each id
 * once, the measures' parameters and every check's parameters. Errors are values, each naming
 * the file and what to change.
 */
export async function loadRubric(
  source: RubricSource = referenceFile("rubric.json"),
): Promise<Validation<Rubric>> {
  const label = typeof source === "string" ? source : source.label;
  let json: unknown;
  if (typeof source === "string") {
    const read = await readJsonFile(source, { maxBytes: JSON_SIZE_LIMITS.rubric, label });
    if (!read.ok) return read;
    json = read.value;
  } else json = source.json;
  const checked = validate("rubric", json, { root: label });
  if (!checked.ok) return checked;
  const rubric = checked.value;
  const errors = [...rubricProblems(rubric)];
  const measures = readMeasures(rubric);
  if (!measures.ok) errors.push(...measures.errors);
  for (const check of rubric.checks) {
    const definition = definitionOf(check.id);
    if (definition === undefined) continue;
    const parameters = readParameters(definition, check);
    if (!parameters.ok) errors.push(...parameters.errors.map((message) => ({ path: "", message })));
  }
  return errors.length === 0 ? checked : { ok: false, errors: prefixed(label, errors) };
}

/** Reads and checks tolerances.json (default: the package's reference/tolerances.json). */
export async function loadTolerances(
  path: string = referenceFile("tolerances.json"),
): Promise<Validation<Tolerances>> {
  const label = path;
  const read = await readJsonFile(path, { maxBytes: JSON_SIZE_LIMITS.rubric, label });
  if (!read.ok) return read;
  return validate("tolerances", read.value, { root: label });
}

/** "a, b, c", or the first few and how many more: a rubric of ten thousand measures is one line. */
function listSome(items: readonly string[], shown = 5): string {
  return items.length <= shown
    ? items.join(", ")
    : `${items.slice(0, shown).join(", ")} and ${items.length - shown} more`;
}

/**
 * Problems between a rubric and tolerances.json: tolerances the rubric names that are missing,
 * quantile levels the rubric names that tolerances.json does not have, measure parameters or
 * protocols other than those the tolerances were computed with.
 */
export function referenceProblems(rubric: Rubric, tolerances: Tolerances): ValidationError[] {
  const errors: ValidationError[] = [...rubricProblems(rubric, tolerances)];
  const conditions = tolerances.conditions ?? {};
  // Until tolerances.json records its measure parameters, they are those of the code that wrote it.
  const computedWith = conditions.measures ?? measureParameters();
  const differ = differingPaths(rubric.measures, computedWith, "measures");
  if (differ.length > 0) {
    errors.push({
      path: "measures",
      message: `rubric.json's measure parameters differ from those reference/tolerances.json was computed with (${listSome(differ)}); run \`spikegrade reference\` after editing them`,
    });
  }
  const protocols: [string, unknown, unknown][] = [
    ["neuron", conditions.neuron, CANONICAL_NEURON],
    ["fi", conditions.fi, CHECK_PROTOCOLS.fi],
    ["ou", conditions.ou, CHECK_PROTOCOLS.ou],
    ["noise", conditions.noise, CHECK_PROTOCOLS.noise],
    ["trace", conditions.trace, CHECK_PROTOCOLS.trace],
    ["match", conditions.match, CHECK_PROTOCOLS.match],
    ["figure1", conditions.figure1, CHECK_PROTOCOLS.figure1],
  ];
  for (const [name, recorded, current] of protocols) {
    if (recorded !== undefined && canonicalJson(recorded) !== canonicalJson(current)) {
      errors.push({
        path: `conditions.${name}`,
        message: `tolerances.json was computed with another ${name} protocol (conditions.${name}) than this spikegrade runs; run \`spikegrade reference\``,
      });
    }
  }
  rubric.checks.forEach((check, i) => {
    const definition = definitionOf(check.id);
    if (definition === undefined) return;
    const parameters = readParameters(definition, check);
    if (!parameters.ok) return; // loadRubric reports these
    const listed = new Set(check.tolerances ?? []);
    const chance = falseRejectOfTolerances(tolerances, definition.tolerances(parameters.value));
    if ((check.falseRejectProbability ?? 0) !== chance) {
      errors.push({
        path: `checks[${i}].falseRejectProbability`,
        message: `checks[${i}] (${check.id}) states a false-reject chance of ${check.falseRejectProbability ?? "none"}, but its bands in tolerances.json give ${chance}; run \`spikegrade reference\`, or state ${chance}`,
      });
    }
    for (const name of definition.tolerances(parameters.value)) {
      if (!listed.has(name)) {
        errors.push({
          path: `checks[${i}].tolerances`,
          message: `checks[${i}] (${check.id}) compares against ${name}, which its tolerances do not list; add it, so the rubric states every tolerance`,
        });
      }
      // A listed one that is missing, rubricProblems reports.
      if (!Object.hasOwn(tolerances.measures, name) && !listed.has(name)) {
        errors.push({
          path: `checks[${i}].tolerances`,
          message: `checks[${i}] (${check.id}) needs ${name}, which is not in tolerances.json`,
        });
      }
    }
  });
  return errors;
}

export interface GradingReference {
  rubric: Rubric;
  tolerances: Tolerances;
  measures: MeasureSettings;
}

/**
 * Loads the rubric and tolerances.json (defaults: the package's reference/) and checks them
 * against each other: what every grading run needs before it can trust a verdict.
 */
export async function loadGradingReference(
  paths: { rubric?: RubricSource; tolerances?: string } = {},
): Promise<Validation<GradingReference>> {
  const [rubric, tolerances] = await Promise.all([
    loadRubric(paths.rubric),
    loadTolerances(paths.tolerances),
  ]);
  return checkedTogether(rubric, tolerances);
}

/**
 * The reference a course grades with: the package's, or its rubric replaced by a course's own
 * (`--rubric FILE`), which is held, beyond its schema, to what a course may change of the
 * default (rubricChangeProblems).
 */
export async function loadCourseReference(rubric?: string): Promise<Validation<GradingReference>> {
  if (rubric === undefined) return loadGradingReference();
  const [course, base, tolerances] = await Promise.all([
    loadRubric(rubric),
    loadRubric(),
    loadTolerances(),
  ]);
  if (!base.ok) return base;
  const problems = course.ok ? rubricChangeProblems(course.value, base.value) : course.errors;
  if (problems.length > 0) return { ok: false, errors: capErrors(prefixed(rubric, problems)) };
  return checkedTogether(course, tolerances);
}

function checkedTogether(
  rubric: Validation<Rubric>,
  tolerances: Validation<Tolerances>,
): Validation<GradingReference> {
  if (!rubric.ok || !tolerances.ok) {
    return {
      ok: false,
      errors: capErrors([
        ...(rubric.ok ? [] : rubric.errors),
        ...(tolerances.ok ? [] : tolerances.errors),
      ]),
    };
  }
  const errors = referenceProblems(rubric.value, tolerances.value);
  const measures = readMeasures(rubric.value);
  if (errors.length > 0 || !measures.ok) {
    return { ok: false, errors: capErrors([...errors, ...(measures.ok ? [] : measures.errors)]) };
  }
  return {
    ok: true,
    value: { rubric: rubric.value, tolerances: tolerances.value, measures: measures.value },
  };
}
