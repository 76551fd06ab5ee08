/** What a schema asks for, in words: "a number in ms", "one of \"step\" or \"ou\"". */

import { abbreviate } from "./abbreviate.js";
import { asNode, type SchemaNode } from "./custom-template.js";
import { listOr } from "./list-or.js";
import { unitOfKey } from "./unit-of-key.js";

/** "\"a\"", "\"a\" or \"b\"", "one of \"a\", \"b\" or \"c\"". */
export function alternatives(values: readonly unknown[]): string {
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

/** JSON types, comma-separated as ajv lists them, in words: "a number in ms or null". */
export function typeNoun(types: string, unit: string | undefined): string {
  const nouns = types.split(",").map((type) => {
    const noun = TYPE_NOUNS[type] ?? type;
    return unit !== undefined && (type === "number" || type === "integer")
      ? `${noun} in ${unit}`
      : noun;
  });
  return listOr(nouns);
}

/** What a schema asks for, in words, for "X is missing; expected ...". */
export function expectation(schema: SchemaNode | undefined, key: string): string | undefined {
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
