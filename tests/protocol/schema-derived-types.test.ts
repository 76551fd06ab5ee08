/**
 * Each schema's type follows from the schema: this test derives a TypeScript type from every JSON
 * schema in reference/schema/ and has the compiler check that it and the hand-written type the
 * loader names for it (SchemaTypes in src/protocol/schemas.ts) accept exactly the same values
 * (each assignable to the other). A type, an enum value, a const or a required-ness that drifts
 * on either side fails here, with the compiler's own message naming the place. (A key optional on
 * one side and absent on the other is assignable both ways; schema-types.test.ts's key lists
 * catch that.)
 *
 * Why derive in a test rather than generate src/protocol/types.ts: the hand-written types carry
 * what a schema cannot say (RubricCheckId's template literal, the generic PanelMetrics, doc
 * comments written for a reader of the code), and the schemas stay JSON files that students and
 * instructors read. ajv's JSONSchemaType cannot check a JSON file (its literal types widen).
 */

import { join } from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";
import { SCHEMA_NAMES, type SchemaName, schemaDocument } from "../../src/protocol/schemas.js";

type Node = Record<string, unknown>;

/**
 * Where a schema says less than the type, what the type says, and why it is right:
 * schema-pointer -> TypeScript type.
 */
const REFINEMENTS: Record<string, string> = {
  // The pattern lists the contract's check ids with an optional :variant; schema-types.test.ts checks
  // that it accepts exactly CHECK_IDS and their variants.
  "rubric#/properties/checks/items/properties/id": "T.RubricCheckId",
};

const URN = "urn:spikegrade:schema:";

function resolvePointer(name: string, pointer: string): Node {
  let node: unknown = schemaDocument(name as SchemaName);
  for (const raw of pointer.split("/").filter(Boolean)) {
    node = (node as Node)[raw.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  if (typeof node !== "object" || node === null) throw new Error(`${name}#${pointer} is missing`);
  return node as Node;
}

/** The TypeScript type of the values a schema node accepts, for the keywords our schemas use. */
function typeOf(node: Node, name: string, pointer: string): string {
  const refined = REFINEMENTS[`${name}#${pointer}`];
  if (refined !== undefined) return refined;
  if (typeof node.$ref === "string") {
    const [document, target] = node.$ref.startsWith("#")
      ? [name, node.$ref.slice(1)]
      : node.$ref.slice(URN.length).split("#");
    return typeOf(resolvePointer(document, target ?? ""), document, target ?? "");
  }
  if ("const" in node) return JSON.stringify(node.const);
  if (Array.isArray(node.enum)) return node.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (Array.isArray(node.oneOf) && node.oneOf.every((b) => (b as Node).properties)) {
    // A discriminated union: the root's own properties only restate the tag.
    return node.oneOf
      .map((b, i) => `(${typeOf(b as Node, name, `${pointer}/oneOf/${i}`)})`)
      .join(" | ");
  }
  if (
    Array.isArray(node.anyOf) &&
    node.anyOf.every((b) => Object.keys(b as Node).join() === "required")
  ) {
    return exactlyOneOf(node, name, pointer);
  }
  const types = Array.isArray(node.type)
    ? node.type
    : [node.type ?? (node.properties ? "object" : "unknown")];
  return types.map((type) => typeOfJsonType(String(type), node, name, pointer)).join(" | ");
}

function typeOfJsonType(type: string, node: Node, name: string, pointer: string): string {
  switch (type) {
    case "string":
      return "string";
    case "number":
    case "integer":
      return "number";
    case "boolean":
      return "boolean";
    case "null":
      return "null";
    case "array":
      return node.items === undefined
        ? "unknown[]"
        : `(${typeOf(node.items as Node, name, `${pointer}/items`)})[]`;
    case "object":
      return objectType(node, name, pointer);
    default:
      return "unknown";
  }
}

function objectType(node: Node, name: string, pointer: string, required?: string[]): string {
  const properties = (node.properties ?? {}) as Record<string, Node>;
  const must = new Set(required ?? (node.required as string[] | undefined) ?? []);
  const keys = Object.entries(properties).map(
    ([key, property]) =>
      `${JSON.stringify(key)}${must.has(key) ? "" : "?"}: ${typeOf(property, name, `${pointer}/properties/${key}`)};`,
  );
  if (keys.length > 0) return `{ ${keys.join(" ")} }`;
  const extra = node.additionalProperties;
  if (typeof extra === "object" && extra !== null) {
    return `Record<string, ${typeOf(extra as Node, name, `${pointer}/additionalProperties`)}>`;
  }
  return "Record<string, unknown>";
}

/**
 * An object that must have one of several keys (anyOf of bare required) and, with a "not" of
 * them all, only one: a union of variants, each with its key required and the others absent.
 */
function exactlyOneOf(node: Node, name: string, pointer: string): string {
  const branches = (node.anyOf as Node[]).map((b) => b.required as string[]);
  const exclusive = Array.isArray((node.not as Node | undefined)?.required);
  const base = (node.required as string[] | undefined) ?? [];
  return branches
    .map((keys) => {
      const others = branches.flat().filter((key) => !keys.includes(key));
      const variant = objectType(node, name, pointer, [...base, ...keys]);
      if (!exclusive || others.length === 0) return `(${variant})`;
      return `(Omit<${variant}, ${others.map((k) => JSON.stringify(k)).join(" | ")}> & { ${others.map((k) => `${JSON.stringify(k)}?: never;`).join(" ")} })`;
    })
    .join(" | ");
}

const here = import.meta.dirname;
const checkFile = join(here, "__schema-derived-types__.ts");

function source(): string {
  const lines = [
    'import type { SchemaTypes } from "../../src/protocol/schemas.js";',
    'import type * as T from "../../src/protocol/types.js";',
    "type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;",
    "type Holds<X extends true> = X;",
  ];
  for (const name of SCHEMA_NAMES) {
    const derived = typeOf(schemaDocument(name), name, "");
    lines.push(
      `export type Check_${name.replace(/-/g, "_")} = Holds<Same<SchemaTypes[${JSON.stringify(name)}], ${derived}>>;`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** The compiler's complaints about the derived types, each with the schema it is about. */
function diagnostics(text: string): string[] {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (file) => (file === checkFile ? text : readFile(file));
  host.fileExists = (file) => file === checkFile || fileExists(file);
  host.getSourceFile = (file, language, ...rest) =>
    file === checkFile
      ? ts.createSourceFile(file, text, language)
      : getSourceFile(file, language, ...rest);
  const program = ts.createProgram([checkFile], options, host);
  const lines = text.split("\n");
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(checkFile)).map((d) => {
    const line =
      d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : -1;
    const where = /Check_(\S+) =/.exec(lines[line] ?? "")?.[1] ?? "?";
    return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
}

describe("each schema's type follows from the schema", () => {
  test("every hand-written type accepts exactly what its schema accepts", {
    timeout: 60_000,
  }, () => {
    expect(diagnostics(source())).toEqual([]);
  });

  test("a drift is caught: each of these fails on its own", { timeout: 60_000 }, () => {
    const drifts: [string, string, string][] = [
      ["lost_key", '"spikegradeVersion": string;', ""],
      ["became_optional", '"hidden": boolean;', '"hidden"?: boolean;'],
      ["narrower", '"fingerprint": string | null;', '"fingerprint": string;'],
      ["wider", '"elapsedMs": number;', '"elapsedMs": number | string;'],
    ];
    const marker = source()
      .split("\n")
      .find((line) => line.startsWith("export type Check_grading_marker ")) as string;
    const drifted = drifts.map(([label, from, to]) => {
      expect(marker).toContain(from);
      return marker.replace("Check_grading_marker", `Check_${label}`).replace(from, to);
    });
    const found = diagnostics(`${source()}${drifted.join("\n")}\n`).map((d) => d.split(":")[0]);
    expect([...new Set(found)].sort()).toEqual(drifts.map(([label]) => label).sort());
  });
});
