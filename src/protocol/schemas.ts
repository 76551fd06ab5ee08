/**
 * The one schema loader: every JSON schema in reference/schema/ (draft 2020-12), compiled at
 * build time into ajv's standalone validators (./compiled-schemas/, written by
 * dev/compile-schemas.ts: `npm run schemas`), and `validate`, which checks a value against one of
 * them and returns either the value, typed, or messages a student can act on.
 *
 * A schema node may carry "x-messages": {"<keyword>": "<template>"}, an annotation that ajv
 * ignores and the message writer uses in place of its default sentence for that keyword, with
 * {path}, {value}, {count}, {count:noun} and {limit} filled in (see ./ajv-error-message.ts).
 * Messages are written from ajv's errors, so anyOf/oneOf branches are written inline, not as
 * $ref (a test holds the schemas to it).
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { AnySchemaObject, ValidateFunction } from "ajv/dist/2020.js";
import { VALIDATORS as ALL_ERRORS } from "./compiled-schemas/all-errors.js";
import { VALIDATORS as FIRST_ERROR } from "./compiled-schemas/first-error.js";
import { referenceDir } from "./reference-files.js";
import type {
  AnswersDocument,
  CheckReport,
  Figure1Results,
  Gradebook,
  GradescopeMetadata,
  GradescopeResults,
  GradingMarker,
  Manifest,
  ManualScores,
  OutputLock,
  ReferenceFigure1,
  Rubric,
  SimulateRequest,
  SimulateResponseDocument,
  StimulusRequest,
  StimulusResponse,
  SweepDocument,
  Tolerances,
} from "./types.js";
import { unsafeKeyErrors } from "./validate-keys.js";
import { capErrors, type Validation } from "./validation.js";
import { writeAjvErrors } from "./write-ajv-errors.js";

/** Each schema's name (its file is reference/schema/<name>.schema.json) and the type it checks. */
export interface SchemaTypes {
  "stimulus-request": StimulusRequest;
  "stimulus-response": StimulusResponse;
  "simulate-request": SimulateRequest;
  "simulate-response": SimulateResponseDocument;
  manifest: Manifest;
  results: Figure1Results;
  rubric: Rubric;
  tolerances: Tolerances;
  "check-report": CheckReport;
  gradescope: GradescopeResults;
  "gradescope-metadata": GradescopeMetadata;
  gradebook: Gradebook;
  "grading-marker": GradingMarker;
  "output-lock": OutputLock;
  "reference-figure1": ReferenceFigure1;
  answers: AnswersDocument;
  "manual-scores": ManualScores;
  sweep: SweepDocument;
}

export type SchemaName = keyof SchemaTypes;

/** What each schema's top level is called in messages ("submission.json has an unknown key"). */
const ROOT_LABELS: { [N in SchemaName]: string } = {
  "stimulus-request": "the makeStimulus request",
  "stimulus-response": "the makeStimulus response",
  "simulate-request": "the simulateNeuron request",
  "simulate-response": "the simulateNeuron response",
  manifest: "submission.json",
  results: "the results file",
  rubric: "the rubric",
  tolerances: "the tolerances file",
  "check-report": "the check report",
  gradescope: "the Gradescope results",
  "gradescope-metadata": "submission_metadata.json",
  gradebook: "the gradebook",
  "grading-marker": "the grading marker",
  "output-lock": "the output folder's lock",
  "reference-figure1": "reference/figure1.json",
  answers: "answers.json",
  "manual-scores": "manual-scores.json",
  sweep: "sweep.json",
};

export const SCHEMA_NAMES = Object.keys(ROOT_LABELS) as SchemaName[];

export interface ValidateOptions {
  /** What the top level is called in messages; defaults to the schema's own label. */
  root?: string;
  /** At most this many messages; the rest are counted in a last one. Default 20. */
  maxErrors?: number;
}

const SCHEMA_SUFFIX = ".schema.json";

/** The folder of spikegrade's own schemas, from src/ (vitest) and dist/ (compiled) alike. */
export function schemaDirectory(): string {
  return join(referenceDir(), "schema");
}

/** ajv's code, written without types; each validator is a ValidateFunction. */
type Validators = { [N in SchemaName]: ValidateFunction };
/** Every problem of a value, for the messages. */
const allErrors = ALL_ERRORS as unknown as Validators;
/** The first problem only: whether a value is valid, and the messages of a value too large. */
const firstError = FIRST_ERROR as unknown as Validators;

/**
 * Values with more items than this (numbers, strings, array and object entries, counted over the
 * whole value) are validated up to their first problem: ajv's list of every problem of a
 * response of 10^6 bad numbers alone took some 400 MB.
 */
const LARGE_VALUE_ITEMS = 200_000;

function isLarge(value: unknown): boolean {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    count += 1;
    if (count > LARGE_VALUE_ITEMS) return true;
    if (Array.isArray(item)) {
      for (const element of item) stack.push(element);
    } else if (item !== null && typeof item === "object") {
      for (const element of Object.values(item)) stack.push(element);
    }
  }
  return false;
}

const documents = new Map<SchemaName, AnySchemaObject>();

/** The parsed JSON schema of that name, as it is on disk. */
export function schemaDocument(name: SchemaName): AnySchemaObject {
  let document = documents.get(name);
  if (document === undefined) {
    const path = join(schemaDirectory(), `${name}${SCHEMA_SUFFIX}`);
    document = JSON.parse(readFileSync(path, "utf8")) as AnySchemaObject;
    documents.set(name, document);
  }
  return document;
}

/**
 * Checks a value against the named schema. On success the value itself comes back, typed;
 * otherwise one message per problem, each naming where it is in JavaScript notation
 * ("spikeTimesMs[3][7]"), what is there and what was expected. Keys named __proto__,
 * constructor or prototype are refused anywhere, whatever the schema allows, so that nothing
 * validated here can pollute a prototype downstream.
 */
export function validate<N extends SchemaName>(
  name: N,
  value: unknown,
  options: ValidateOptions = {},
): Validation<SchemaTypes[N]> {
  const root = options.root ?? ROOT_LABELS[name];
  const unsafe = unsafeKeyErrors(value, root, options.maxErrors);
  // The validator that stops at the first problem says whether the value is valid; only an
  // invalid one is walked again for every problem, unless it is too large to list them.
  let check = firstError[name];
  if (check(value)) {
    return unsafe.length === 0
      ? { ok: true, value: value as SchemaTypes[N] }
      : { ok: false, errors: unsafe };
  }
  const large = isLarge(value);
  if (!large) {
    check = allErrors[name];
    check(value);
  }
  // An unsafe key the schema also calls unknown is reported once, as unsafe.
  const unsafePaths = new Set(unsafe.map((error) => error.path));
  const { written, unwritten } = writeAjvErrors(check.errors ?? [], value, root);
  if (large) {
    written.push({
      path: "",
      message: `${root} is too large to list every problem; fix the one above and check again`,
    });
  }
  return {
    ok: false,
    errors: capErrors(
      [...unsafe, ...written.filter((error) => !unsafePaths.has(error.path))],
      options.maxErrors,
      unwritten,
    ),
  };
}
