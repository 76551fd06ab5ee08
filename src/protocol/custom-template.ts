/**
 * The "x-messages" annotation of our schemas: a node may carry {"<keyword>": "<template>"}, which
 * ajv ignores and the message writer uses in place of its own sentence for that keyword.
 */

import type { ErrorObject } from "ajv/dist/2020.js";
import { plural } from "./plural.js";

export type SchemaNode = Record<string, unknown>;

/** A value as a schema node (an object that is not an array), or undefined. */
export function asNode(value: unknown): SchemaNode | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as SchemaNode)
    : undefined;
}

/** The x-messages template of the node that failed, for the keyword that failed, if any. */
export function customTemplate(error: ErrorObject): string | undefined {
  const messages = asNode(asNode(error.parentSchema)?.["x-messages"]);
  const template = messages?.[error.keyword];
  return typeof template === "string" ? template : undefined;
}

/**
 * Fills an x-messages template: {path}, {value}, {limit}, {count}, and {count:noun} for the
 * count with its noun ("{count:student}" -> "4 students").
 */
export function fillTemplate(template: string, fields: Record<string, string>): string {
  return template.replace(
    /\{(path|value|count|limit)(?::([a-z ]+))?\}/g,
    (_, name: string, noun?: string) =>
      name === "count" && noun ? plural(Number(fields.count), noun) : (fields[name] ?? ""),
  );
}
