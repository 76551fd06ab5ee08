/**
 * The one schema loader: every JSON schema in reference/schema/ (draft 2020-12), compiled once
 * on first use, and `validate`, which checks a value against one of them and returns either the
 * value, typed, or messages a student can act on.
 *
 * A schema node may carry "x-messages": {"<keyword>": "<template>"}, an annotation that ajv
 * ignores and the message writer uses in place of its default sentence for that keyword, with
 * {path}, {value}, {count}, {count:noun} and {limit} filled in (see ./ajv-error-message.ts).
 * Messages are written from ajv's errors, so anyOf/oneOf branches are written inline, not as
 * $ref (a test holds the schemas to it).
 */

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020, type AnySchemaObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
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

/** Annotation keywords of our schemas that ajv should accept and ignore. */
const ANNOTATIONS = ["x-messages"];

const SCHEMA_SUFFIX = ".schema.json";

/** The folder of spikegrade's own schemas, from src/ (vitest) and dist/ (compiled) alike. */
export function schemaDirectory(): string {
  return join(referenceDir(), "schema");
}

interface Loaded {
  ajv: Ajv2020;
  documents: Map<string, AnySchemaObject>;
  compiled: Map<string, ValidateFunction>;
}

let loaded: Loaded | undefined;
/** The same schemas, stopping at the first problem: for values too large to list every one. */
let firstErrorOnly: Loaded | undefined;

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

/** ajv-formats is CommonJS; under NodeNext its default import may arrive wrapped once more. */
type FormatsPlugin = (ajv: Ajv2020) => unknown;
const addFormats: FormatsPlugin =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ??
  (addFormatsModule as unknown as FormatsPlugin);

function load(allErrors = true): Loaded {
  if (allErrors && loaded) return loaded;
  if (!allErrors && firstErrorOnly) return firstErrorOnly;
  const ajv = new Ajv2020({
    allErrors,
    // verbose gives each error its schema and data, from which the messages are written.
    verbose: true,
    discriminator: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
  });
  addFormats(ajv);
  ajv.addVocabulary(ANNOTATIONS);
  const dir = schemaDirectory();
  const documents = new Map<string, AnySchemaObject>();
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith(SCHEMA_SUFFIX)) continue;
    const document = JSON.parse(readFileSync(join(dir, file), "utf8")) as AnySchemaObject;
    documents.set(file.slice(0, -SCHEMA_SUFFIX.length), document);
    ajv.addSchema(document);
  }
  const state = { ajv, documents, compiled: new Map() };
  if (allErrors) loaded = state;
  else firstErrorOnly = state;
  return state;
}

/** The parsed JSON schema of that name, as it is on disk. */
export function schemaDocument(name: SchemaName): AnySchemaObject {
  const document = load().documents.get(name);
  if (!document) throw new Error(`reference/schema/${name}${SCHEMA_SUFFIX} is missing`);
  return document;
}

function validator(name: string, allErrors = true): ValidateFunction {
  const state = load(allErrors);
  let compiled = state.compiled.get(name);
  if (!compiled) {
    const document = state.documents.get(name);
    if (!document) throw new Error(`reference/schema/${name}${SCHEMA_SUFFIX} is missing`);
    compiled = state.ajv.compile(document);
    state.compiled.set(name, compiled);
  }
  return compiled;
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
  const large = isLarge(value);
  const check = validator(name, !large);
  const root = options.root ?? ROOT_LABELS[name];
  const unsafe = unsafeKeyErrors(value, root, options.maxErrors);
  if (check(value)) {
    return unsafe.length === 0
      ? { ok: true, value: value as SchemaTypes[N] }
      : { ok: false, errors: unsafe };
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

/** Compiles every schema now (the loader is otherwise lazy); throws if one does not compile. */
export function compileAllSchemas(): SchemaName[] {
  const names = [...load().documents.keys()];
  for (const name of names) validator(name);
  return names as SchemaName[];
}
