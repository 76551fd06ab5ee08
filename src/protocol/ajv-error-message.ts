/**
 * One ajv error as a student reads it: where the problem is in JavaScript notation, what is
 * there and what was expected, with the unit the key carries ("dtMs is \"0.5\" (a string);
 * expected a number in ms"). A schema's x-messages template, where it has one, says it instead.
 */

import type { ErrorObject } from "ajv/dist/2020.js";
import { abbreviate, describeValue } from "./abbreviate.js";
import { closestKey } from "./closest-key.js";
import { asNode, customTemplate, fillTemplate, type SchemaNode } from "./custom-template.js";
import { alternatives, expectation, typeNoun } from "./expectation.js";
import { formatPath, type PathSegment, pointerSegments } from "./format-path.js";
import { isNonFiniteNumber } from "./is-non-finite-number.js";
import { listOr } from "./list-or.js";
import { plural } from "./plural.js";
import { unitOfPath } from "./unit-of-key.js";
import type { ValidationError } from "./validation.js";

/** An error and where it is: what every sentence below is written from. */
interface Place {
  error: ErrorObject;
  segments: PathSegment[];
  /** The value's path ("" for the top level). */
  path: string;
  /** The value's name in a sentence: its path, or the root's label at the top level. */
  here: string;
  value: unknown;
  params: Record<string, unknown>;
  parent: SchemaNode | undefined;
  unit: string | undefined;
}

/** One ajv error (from a validator built with verbose) as a student reads it. */
export function ajvErrorMessage(error: ErrorObject, data: unknown, root: string): ValidationError {
  const segments = pointerSegments(error.instancePath, data);
  const path = formatPath(segments);
  const place: Place = {
    error,
    segments,
    path,
    here: path === "" ? root : path,
    value: error.data,
    params: error.params as Record<string, unknown>,
    parent: asNode(error.parentSchema),
    unit: unitOfPath(segments),
  };
  if (error.keyword === "required" || error.keyword === "additionalProperties") {
    return keyMessage(place);
  }
  const template = customTemplate(error);
  if (template) {
    const fields = {
      path: place.here,
      value: abbreviate(place.value),
      count: String(sizeOf(place.value)),
      limit: String(place.params.limit ?? ""),
    };
    return { path, message: fillTemplate(template, fields) };
  }
  const write = Object.hasOwn(KEYWORD_MESSAGES, error.keyword)
    ? KEYWORD_MESSAGES[error.keyword]
    : undefined;
  if (write) return write(place);
  return { path, message: `${place.here} ${error.message ?? `fails ${error.keyword}`}` };
}

/** A key that is missing (required) or not known (additionalProperties): the path is the key's. */
function keyMessage({ error, segments, here, params, parent }: Place): ValidationError {
  const key = String(params.missingProperty ?? params.additionalProperty);
  const keyPath = formatPath([...segments, key]);
  const template = customTemplate(error);
  if (template) {
    return {
      path: keyPath,
      message: fillTemplate(template, { path: keyPath, value: abbreviate(key) }),
    };
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

function sizeOf(value: unknown): number {
  if (Array.isArray(value) || typeof value === "string") return value.length;
  if (typeof value === "object" && value !== null) return Object.keys(value).length;
  return 0;
}

const BOUND_WORDS: Record<string, string> = {
  minimum: "at least",
  maximum: "at most",
  exclusiveMinimum: "more than",
  exclusiveMaximum: "less than",
};

function boundMessage({ error, path, here, value, params, unit }: Place): ValidationError {
  const limit = `${String(params.limit)}${unit ? ` ${unit}` : ""}`;
  return {
    path,
    message: `${here} is ${abbreviate(value)}; expected ${BOUND_WORDS[error.keyword]} ${limit}`,
  };
}

function itemCountMessage({ error, path, here, value, params }: Place): ValidationError {
  const count = sizeOf(value);
  const bound = error.keyword === "minItems" ? "at least" : "at most";
  const has = count === 0 ? "is empty" : `has ${plural(count, "item")}`;
  return { path, message: `${here} ${has}; expected ${bound} ${String(params.limit)}` };
}

function lengthMessage({ error, path, here, value, params }: Place): ValidationError {
  const count = sizeOf(value);
  const bound = error.keyword === "minLength" ? "at least" : "at most";
  const is = count === 0 ? "is empty" : `is ${plural(count, "character")} long`;
  return {
    path,
    message: `${here} ${is}; expected ${bound} ${plural(Number(params.limit), "character")}`,
  };
}

function typeMessage({ path, here, value, params, unit }: Place): ValidationError {
  const types = String(params.type);
  if (isNonFiniteNumber(value) && /number|integer/.test(types)) {
    return {
      path,
      message: `${here} is ${value.$nonFinite}; expected a finite number${unit ? ` in ${unit}` : ""}`,
    };
  }
  return { path, message: `${here} is ${describeValue(value)}; expected ${typeNoun(types, unit)}` };
}

/** A failed discriminator names the tag and the values its branches allow. */
function discriminatorMessage({ segments, value, params, parent }: Place): ValidationError {
  const tag = String(params.tag);
  const tagPath = formatPath([...segments, tag]);
  const branches = Array.isArray(parent?.oneOf) ? parent.oneOf : [];
  const tags = branches.map((branch) => asNode(asNode(asNode(branch)?.properties)?.[tag])?.const);
  const tagValue = asNode(value)?.[tag];
  const is = tagValue === undefined ? "is missing" : `is ${describeValue(tagValue)}`;
  return { path: tagPath, message: `${tagPath} ${is}; expected ${alternatives(tags)}` };
}

/** The sentence for each keyword other than required and additionalProperties. */
const KEYWORD_MESSAGES: Record<string, (place: Place) => ValidationError> = {
  type: typeMessage,
  enum: ({ path, here, value, params }) => ({
    path,
    message: `${here} is ${describeValue(value)}; expected ${alternatives((params.allowedValues as unknown[]) ?? [])}`,
  }),
  const: ({ path, here, value, params }) => ({
    path,
    message: `${here} is ${describeValue(value)}; expected ${abbreviate(params.allowedValue)}`,
  }),
  minimum: boundMessage,
  maximum: boundMessage,
  exclusiveMinimum: boundMessage,
  exclusiveMaximum: boundMessage,
  minItems: itemCountMessage,
  maxItems: itemCountMessage,
  minLength: lengthMessage,
  maxLength: lengthMessage,
  minProperties: ({ path, here, value, params }) => ({
    path,
    message: `${here} has ${plural(sizeOf(value), "entry")}; expected at least ${String(params.limit)}`,
  }),
  pattern: ({ path, here, value, params }) => ({
    path,
    message: `${here} ${abbreviate(value)} does not have the expected form ${String(params.pattern)}`,
  }),
  format: ({ path, here, value, params }) => ({
    path,
    message: `${here} ${abbreviate(value)} is not a valid ${String(params.format)}`,
  }),
  propertyNames: ({ segments, here, params, parent }) => {
    const key = String(params.propertyName);
    const pattern = asNode(parent?.propertyNames)?.pattern;
    return {
      path: formatPath([...segments, key]),
      message: `${here} has a key ${JSON.stringify(key)} that is not allowed${typeof pattern === "string" ? `; keys must match ${pattern}` : ""}`,
    };
  },
  discriminator: discriminatorMessage,
  oneOf: ({ path, here, params }) =>
    Array.isArray(params.passingSchemas)
      ? { path, message: `${here} fits more than one of the allowed forms; expected one` }
      : { path, message: `${here} does not fit any of the allowed forms` },
  anyOf: ({ path, here }) => ({ path, message: `${here} does not fit any of the allowed forms` }),
  not: ({ path, here }) => ({ path, message: `${here} is not allowed here` }),
};
