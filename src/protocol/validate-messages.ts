/**
 * Messages a student can act on: each problem names where it is in JavaScript notation
 * ("spikeTimesMs[3][7]"), what is there (abbreviated) and what was expected, with the unit that
 * the key carries ("dtMs is \"0.5\" (a string); expected a number in ms"). Turns ajv's errors
 * into such messages and offers the pieces to the semantic validators, so that every message
 * reads alike.
 */

import type { ErrorObject } from "ajv/dist/2020.js";
import type { NonFiniteNumber } from "./types.js";

/** One problem: where it is ("" for the top level) and a sentence saying what to change. */
export interface ValidationError {
  path: string;
  message: string;
}

/** A checked value, typed, or the problems that stop it from being trusted. */
export type Validation<T> = { ok: true; value: T } | { ok: false; errors: ValidationError[] };

export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** ["spikeTimesMs", 3, 7] -> "spikeTimesMs[3][7]"; odd keys are quoted (a["my key"]). */
export function formatPath(segments: readonly PathSegment[]): string {
  let path = "";
  for (const segment of segments) path = joinPath(path, segment);
  return path;
}

/**
 * A path for a message, at most about maxChars long: a key nested a hundred thousand levels deep
 * keeps its first and last levels ("debug.a.a.a ... a.a.a"), not a line of 200 KB.
 */
export function abbreviatePath(path: string, maxChars = 120): string {
  if (path.length <= maxChars) return path;
  const half = Math.floor((maxChars - 5) / 2);
  return `${path.slice(0, half)} ... ${path.slice(-half)}`;
}

/** Appends one key or index to a formatted path. */
export function joinPath(path: string, segment: PathSegment): string {
  if (typeof segment === "number") return `${path}[${segment}]`;
  if (IDENTIFIER.test(segment)) return path === "" ? segment : `${path}.${segment}`;
  return `${path}[${JSON.stringify(segment)}]`;
}

const UNIT_SUFFIXES: readonly [string, string][] = [
  ["MOhm", "MOhm"],
  ["Ms", "ms"],
  ["Pa", "pA"],
  ["Mv", "mV"],
  ["Hz", "Hz"],
];

/** The unit a camelCase key carries by SPEC's naming ("dtMs" -> "ms"), if any. */
export function unitOfKey(key: string): string | undefined {
  for (const [suffix, unit] of UNIT_SUFFIXES) {
    if (key.length > suffix.length && key.endsWith(suffix)) return unit;
  }
  return undefined;
}

/** The unit of the value at a path: that of the nearest key ("spikeTimesMs[3][7]" -> "ms"). */
export function unitOfPath(segments: readonly PathSegment[]): string | undefined {
  for (let i = segments.length - 1; i >= 0; i--) {
    const segment = segments[i];
    if (typeof segment === "string") return unitOfKey(segment);
  }
  return undefined;
}

/** Whether a value is the sandbox runners' stand-in for NaN or +-Infinity. */
export function isNonFiniteNumber(value: unknown): value is NonFiniteNumber {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const tag = (value as Record<string, unknown>).$nonFinite;
  return tag === "NaN" || tag === "Infinity" || tag === "-Infinity";
}

/**
 * Arrays and objects nested deeper than this are shown as [...] and {...}: a value from outside
 * may nest a hundred thousand levels, and each level shown costs a stack frame.
 */
const MAX_SHOWN_DEPTH = 8;

/** A short rendering of any value, at most about maxChars long: "[1, 2, 3, ...]". */
export function abbreviate(value: unknown, maxChars = 40): string {
  return abbreviateAt(value, maxChars, 0);
}

function abbreviateAt(value: unknown, maxChars: number, depth: number): string {
  if (isNonFiniteNumber(value)) return value.$nonFinite;
  if (typeof value === "string") {
    return JSON.stringify(value.length > maxChars ? `${value.slice(0, maxChars - 3)}...` : value);
  }
  if (typeof value === "number") return String(value);
  if (value === null || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) {
    if (depth >= MAX_SHOWN_DEPTH) return value.length === 0 ? "[]" : "[...]";
    return abbreviateEntries(
      value.length,
      (i, budget) => abbreviateAt(value[i], budget, depth + 1),
      "[",
      "]",
      maxChars,
    );
  }
  if (typeof value === "object") {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (depth >= MAX_SHOWN_DEPTH) return keys.length === 0 ? "{}" : "{...}";
    const render = (i: number, budget: number) =>
      `${abbreviateAt(keys[i], budget, depth + 1)}: ${abbreviateAt(record[keys[i]], budget, depth + 1)}`;
    return abbreviateEntries(keys.length, render, "{", "}", maxChars);
  }
  return String(value);
}

/** Renders entries one by one until the budget is spent, so a huge array costs a short one. */
function abbreviateEntries(
  count: number,
  render: (index: number, budget: number) => string,
  open: string,
  close: string,
  maxChars: number,
): string {
  let text = open;
  for (let i = 0; i < count; i++) {
    const rendered = render(i, Math.max(8, maxChars - text.length));
    const separator = i === 0 ? "" : ", ";
    if (text.length + separator.length + rendered.length > maxChars && i > 0) {
      return `${text}, ...${close}`;
    }
    text += separator + rendered;
  }
  return text + close;
}

/** What a value is, for "X is ...": "\"0.5\" (a string)", "NaN", "an array of 3 items". */
export function describeValue(value: unknown): string {
  if (isNonFiniteNumber(value)) return value.$nonFinite;
  if (typeof value === "string") return `${abbreviate(value)} (a string)`;
  if (Array.isArray(value)) {
    return value.length === 0 ? "an empty array" : `an array of ${plural(value.length, "item")}`;
  }
  if (typeof value === "object" && value !== null) {
    return Object.keys(value).length === 0 ? "an empty object" : "an object";
  }
  return abbreviate(value);
}

/** "1 item", "4 items"; a consonant and y become -ies ("entries", but "keys"). */
export function plural(count: number, noun: string): string {
  if (count === 1) return `${count} ${noun}`;
  return `${count} ${/[^aeiou]y$/.test(noun) ? `${noun.slice(0, -1)}ies` : `${noun}s`}`;
}

/** "a", "a or b", "a, b or c". */
export function listOr(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

function alternatives(values: readonly unknown[]): string {
  const quoted = values.map((value) => abbreviate(value));
  return quoted.length > 2 ? `one of ${listOr(quoted)}` : listOr(quoted);
}

const TYPE_NOUNS: Record<string, string> = {
  number: "a number",
  integer: "an integer",
  string: "a string",
  boolean: "true or false",
  array: "an array",
  object: "an object",
  null: "null",
};

function typeNoun(types: string, unit: string | undefined): string {
  const nouns = types.split(",").map((type) => {
    const noun = TYPE_NOUNS[type] ?? type;
    return unit !== undefined && (type === "number" || type === "integer")
      ? `${noun} in ${unit}`
      : noun;
  });
  return listOr(nouns);
}

type SchemaNode = Record<string, unknown>;

function asNode(value: unknown): SchemaNode | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as SchemaNode)
    : undefined;
}

/** What a schema asks for, in words, for "X is missing; expected ...". */
function expectation(schema: SchemaNode | undefined, key: string): string | undefined {
  if (!schema) return undefined;
  if ("const" in schema) return abbreviate(schema.const);
  if (Array.isArray(schema.enum)) return alternatives(schema.enum);
  const type = Array.isArray(schema.type) ? schema.type.join(",") : schema.type;
  if (typeof type !== "string") return undefined;
  const unit = unitOfKey(key);
  if (type === "array") {
    const items = asNode(schema.items);
    const inner = items?.type === "number" ? `numbers${unit ? ` in ${unit}` : ""}` : undefined;
    const nested = asNode(items?.items)?.type === "number" ? "arrays of numbers" : undefined;
    const of = inner ?? nested;
    return of ? `an array of ${of}` : "an array";
  }
  const noun = typeNoun(type, unit);
  if (typeof schema.minimum === "number" && typeof schema.maximum === "number") {
    return `${noun} from ${schema.minimum} to ${schema.maximum}`;
  }
  return noun;
}

/** Turns a JSON pointer into keys and indices, telling "0" the key from 0 the index by the data. */
function pointerSegments(pointer: string, data: unknown): PathSegment[] {
  if (pointer === "") return [];
  const segments: PathSegment[] = [];
  let node: unknown = data;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(node) && /^(0|[1-9][0-9]*)$/.test(key)) {
      segments.push(Number(key));
      node = node[Number(key)];
    } else {
      segments.push(key);
      node =
        typeof node === "object" && node !== null && Object.hasOwn(node, key)
          ? (node as Record<string, unknown>)[key]
          : undefined;
    }
  }
  return segments;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The known key a misspelt one most likely meant, if one is close. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const sameCase = known.find((candidate) => candidate.toLowerCase() === lower);
  if (sameCase) return sameCase;
  let best: string | undefined;
  let bestDistance = Math.min(3, Math.floor(key.length / 3) + 1);
  for (const candidate of known) {
    // The distance is at least the difference in length; a long key costs nothing to dismiss.
    if (Math.abs(candidate.length - key.length) >= bestDistance) continue;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * Fills an x-messages template: {path}, {value}, {limit}, {count}, and {count:noun} for the
 * count with its noun ("{count:student}" -> "4 students").
 */
function fill(template: string, fields: Record<string, string>): string {
  return template.replace(
    /\{(path|value|count|limit)(?::([a-z ]+))?\}/g,
    (_, name: string, noun?: string) =>
      name === "count" && noun ? plural(Number(fields.count), noun) : (fields[name] ?? ""),
  );
}

function sizeOf(value: unknown): number {
  if (Array.isArray(value) || typeof value === "string") return value.length;
  if (typeof value === "object" && value !== null) return Object.keys(value).length;
  return 0;
}

function customTemplate(error: ErrorObject): string | undefined {
  const messages = asNode(asNode(error.parentSchema)?.["x-messages"]);
  const template = messages?.[error.keyword];
  return typeof template === "string" ? template : undefined;
}

const BOUND_WORDS: Record<string, string> = {
  minimum: "at least",
  maximum: "at most",
  exclusiveMinimum: "more than",
  exclusiveMaximum: "less than",
};

/** One ajv error as a student reads it. */
function messageFor(error: ErrorObject, data: unknown, root: string): ValidationError {
  const segments = pointerSegments(error.instancePath, data);
  const path = formatPath(segments);
  const here = path === "" ? root : path;
  const value: unknown = error.data;
  const params = error.params as Record<string, unknown>;
  const parent = asNode(error.parentSchema);
  const unit = unitOfPath(segments);

  if (error.keyword === "required" || error.keyword === "additionalProperties") {
    const key = String(params.missingProperty ?? params.additionalProperty);
    const keyPath = formatPath([...segments, key]);
    const template = customTemplate(error);
    if (template) {
      return { path: keyPath, message: fill(template, { path: keyPath, value: abbreviate(key) }) };
    }
    const properties = asNode(parent?.properties) ?? {};
    if (error.keyword === "required") {
      const expected = expectation(asNode(properties[key]), key);
      return {
        path: keyPath,
        message: `${keyPath} is missing${expected ? `; expected ${expected}` : ""}`,
      };
    }
    const known = Object.keys(properties).filter((name) => name !== "$schema");
    const guess = closestKey(key, known);
    const expected = known.length > 0 ? `; expected ${listOr(known)}` : "";
    return {
      path: keyPath,
      message: `${here} has an unknown key ${abbreviate(key)}${guess ? ` (did you mean "${guess}"?)` : ""}${expected}`,
    };
  }

  const template = customTemplate(error);
  if (template) {
    const fields = {
      path: here,
      value: abbreviate(value),
      count: String(sizeOf(value)),
      limit: String(params.limit ?? ""),
    };
    return { path, message: fill(template, fields) };
  }

  const withUnit = (limit: unknown) => `${String(limit)}${unit ? ` ${unit}` : ""}`;
  switch (error.keyword) {
    case "type": {
      const types = String(params.type);
      if (isNonFiniteNumber(value) && /number|integer/.test(types)) {
        return {
          path,
          message: `${here} is ${value.$nonFinite}; expected a finite number${unit ? ` in ${unit}` : ""}`,
        };
      }
      return {
        path,
        message: `${here} is ${describeValue(value)}; expected ${typeNoun(types, unit)}`,
      };
    }
    case "enum":
      return {
        path,
        message: `${here} is ${describeValue(value)}; expected ${alternatives((params.allowedValues as unknown[]) ?? [])}`,
      };
    case "const":
      return {
        path,
        message: `${here} is ${describeValue(value)}; expected ${abbreviate(params.allowedValue)}`,
      };
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return {
        path,
        message: `${here} is ${abbreviate(value)}; expected ${BOUND_WORDS[error.keyword]} ${withUnit(params.limit)}`,
      };
    case "minItems":
    case "maxItems": {
      const count = sizeOf(value);
      const bound = error.keyword === "minItems" ? "at least" : "at most";
      const has = count === 0 ? "is empty" : `has ${plural(count, "item")}`;
      return { path, message: `${here} ${has}; expected ${bound} ${String(params.limit)}` };
    }
    case "minLength":
    case "maxLength": {
      const count = sizeOf(value);
      const bound = error.keyword === "minLength" ? "at least" : "at most";
      const is = count === 0 ? "is empty" : `is ${plural(count, "character")} long`;
      return {
        path,
        message: `${here} ${is}; expected ${bound} ${plural(Number(params.limit), "character")}`,
      };
    }
    case "minProperties":
      return {
        path,
        message: `${here} has ${plural(sizeOf(value), "entry")}; expected at least ${String(params.limit)}`,
      };
    case "pattern":
      return {
        path,
        message: `${here} ${abbreviate(value)} does not have the expected form ${String(params.pattern)}`,
      };
    case "format":
      return {
        path,
        message: `${here} ${abbreviate(value)} is not a valid ${String(params.format)}`,
      };
    case "propertyNames": {
      const key = String(params.propertyName);
      const pattern = asNode(parent?.propertyNames)?.pattern;
      return {
        path: formatPath([...segments, key]),
        message: `${here} has a key ${JSON.stringify(key)} that is not allowed${typeof pattern === "string" ? `; keys must match ${pattern}` : ""}`,
      };
    }
    case "discriminator": {
      const tag = String(params.tag);
      const tagPath = formatPath([...segments, tag]);
      const branches = Array.isArray(parent?.oneOf) ? parent.oneOf : [];
      const tags = branches.map(
        (branch) => asNode(asNode(asNode(branch)?.properties)?.[tag])?.const,
      );
      const tagValue = asNode(value)?.[tag];
      const is = tagValue === undefined ? "is missing" : `is ${describeValue(tagValue)}`;
      return { path: tagPath, message: `${tagPath} ${is}; expected ${alternatives(tags)}` };
    }
    case "oneOf":
      if (Array.isArray(params.passingSchemas)) {
        return { path, message: `${here} fits more than one of the allowed forms; expected one` };
      }
      return { path, message: `${here} does not fit any of the allowed forms` };
    case "anyOf":
      return { path, message: `${here} does not fit any of the allowed forms` };
    case "not":
      return { path, message: `${here} is not allowed here` };
    default:
      return { path, message: `${here} ${error.message ?? `fails ${error.keyword}`}` };
  }
}

function depth(pointer: string): number {
  return pointer === "" ? 0 : pointer.split("/").length - 1;
}

function isWithin(pointer: string, ancestor: string): boolean {
  return pointer === ancestor || pointer.startsWith(`${ancestor}/`);
}

/**
 * Whether a pointer is within any of the ancestors: a look-up per level of the pointer, so that
 * a value with a hundred thousand bad items is not compared item by item with every other.
 */
function isWithinAny(pointer: string, ancestors: ReadonlySet<string>): boolean {
  for (let end = pointer.length; end >= 0; end = pointer.lastIndexOf("/", end - 1)) {
    if (ancestors.has(pointer.slice(0, end))) return true;
    if (end === 0) return false;
  }
  return false;
}

/**
 * Reduces each failed anyOf/oneOf to its one most useful story. ajv reports every branch's
 * errors and then the combinator's own; a student needs the branch they most likely meant:
 * the one that got deepest into the value, then the one with fewest complaints. Branches that
 * all fail on the type of the same value merge into one "expected a number or null". This
 * relies on branches being written inline (ajv names errors inside a $ref by the referenced
 * schema's path), which our schemas do; a test holds them to it.
 */
function simplifyCombinators(errors: readonly ErrorObject[]): ErrorObject[] {
  let list = [...errors];
  const combinators = list
    .filter((error) => error.keyword === "anyOf" || error.keyword === "oneOf")
    .sort((a, b) => b.schemaPath.length - a.schemaPath.length);
  for (const combinator of combinators) {
    if (!list.includes(combinator)) continue;
    const prefix = `${combinator.schemaPath}/`;
    const branches = new Map<string, ErrorObject[]>();
    for (const error of list) {
      if (error === combinator || !error.schemaPath.startsWith(prefix)) continue;
      if (!isWithin(error.instancePath, combinator.instancePath)) continue;
      const branch = error.schemaPath.slice(prefix.length).split("/")[0];
      branches.set(branch, [...(branches.get(branch) ?? []), error]);
    }
    const inBranches = new Set([...branches.values()].flat());
    const passing = (combinator.params as Record<string, unknown>).passingSchemas;
    if (customTemplate(combinator) || Array.isArray(passing) || branches.size === 0) {
      list = list.filter((error) => !inBranches.has(error));
      continue;
    }
    const groups = [...branches.values()];
    const allTypeHere = groups.every(
      (group) =>
        group.length === 1 &&
        group[0].keyword === "type" &&
        group[0].instancePath === combinator.instancePath,
    );
    if (allTypeHere) {
      const merged: ErrorObject = {
        ...groups[0][0],
        params: { type: groups.map((group) => String(group[0].params.type)).join(",") },
      };
      list = list.flatMap((error) =>
        error === combinator ? [merged] : inBranches.has(error) ? [] : [error],
      );
      continue;
    }
    const reach = (group: ErrorObject[]) => Math.max(...group.map((e) => depth(e.instancePath)));
    const best = groups.reduce((a, b) =>
      reach(b) > reach(a) || (reach(b) === reach(a) && b.length < a.length) ? b : a,
    );
    const keep = new Set(best);
    list = list.filter(
      (error) => error !== combinator && (!inBranches.has(error) || keep.has(error)),
    );
  }
  return list;
}

/**
 * Drops errors that only repeat another: anything about a value whose type is already wrong
 * (an array where an object belongs fails "not required" vacuously), the inner errors of
 * propertyNames, and a discriminator whose tag is already reported.
 */
function dropEchoes(errors: readonly ErrorObject[]): ErrorObject[] {
  const wrongType = new Set(
    errors.filter((error) => error.keyword === "type").map((error) => error.instancePath),
  );
  return errors.filter((error) => {
    if (error.propertyName !== undefined) return false;
    if (error.keyword !== "type" && isWithinAny(error.instancePath, wrongType)) return false;
    if (error.keyword !== "discriminator") return true;
    const tag = String((error.params as Record<string, unknown>).tag);
    const tagPointer = `${error.instancePath}/${tag.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    return !errors.some(
      (other) =>
        other.instancePath === tagPointer ||
        (other.keyword === "required" &&
          other.instancePath === error.instancePath &&
          (other.params as Record<string, unknown>).missingProperty === tag),
    );
  });
}

export interface FormatOptions {
  /** What the top level is called ("submission.json"). */
  root: string;
  /** At most this many messages; the rest are counted in a last one. Default 20. */
  maxErrors?: number;
}

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
  const kept = dropEchoes(simplifyCombinators(errors));
  const written = kept.slice(0, MAX_WRITTEN_ERRORS).map((error) => messageFor(error, data, root));
  return { written, unwritten: kept.length - written.length };
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
