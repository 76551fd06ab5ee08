import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { VALIDATORS as ALL_ERRORS } from "../../src/protocol/compiled-schemas/all-errors.js";
import { VALIDATORS as FIRST_ERROR } from "../../src/protocol/compiled-schemas/first-error.js";
import {
  SCHEMA_NAMES,
  type SchemaName,
  schemaDirectory,
  schemaDocument,
  validate,
} from "../../src/protocol/schemas.js";
import { unitOfKey } from "../../src/protocol/unit-of-key.js";

const root = join(import.meta.dirname, "..", "..");

/** Every schema node of a document with its JSON pointer. */
function* nodes(value: unknown, pointer = ""): Generator<[string, Record<string, unknown>]> {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* nodes(item, `${pointer}/${i}`);
  } else if (typeof value === "object" && value !== null) {
    yield [pointer, value as Record<string, unknown>];
    for (const [key, inner] of Object.entries(value)) {
      if (key !== "x-messages" && key !== "enum" && key !== "const")
        yield* nodes(inner, `${pointer}/${key}`);
    }
  }
}

describe("the schema files", () => {
  test("every file in reference/schema/ has its compiled validators, and each is a named schema", () => {
    const files = readdirSync(join(root, "reference", "schema"))
      .filter((file) => file.endsWith(".schema.json"))
      .map((file) => file.replace(".schema.json", ""))
      .sort();
    expect(Object.keys(ALL_ERRORS).sort()).toEqual(files);
    expect(Object.keys(FIRST_ERROR).sort()).toEqual(files);
    expect([...SCHEMA_NAMES].sort()).toEqual(files);
  });

  test.each(SCHEMA_NAMES)("%s is draft 2020-12 with an $id, a title and a description", (name) => {
    const document = schemaDocument(name);
    expect(document.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(document.$id).toBe(`urn:spikegrade:schema:${name}`);
    expect(typeof document.title).toBe("string");
    expect((document.description as string).length).toBeGreaterThan(40);
  });

  test.each(SCHEMA_NAMES)(
    "%s: every key that carries a unit says it in its description",
    (name) => {
      const undocumented: string[] = [];
      for (const [pointer, node] of nodes(schemaDocument(name))) {
        const properties = node.properties as Record<string, Record<string, unknown>> | undefined;
        if (!properties || pointer.endsWith("/properties")) continue;
        for (const [key, property] of Object.entries(properties)) {
          const unit = unitOfKey(key);
          if (unit === undefined) continue;
          const description = String(property.description ?? "");
          if (!new RegExp(`\\b${unit}\\b`).test(description))
            undocumented.push(`${pointer}/properties/${key}`);
        }
      }
      expect(undocumented).toEqual([]);
    },
  );

  test.each(SCHEMA_NAMES)("%s: no $ref inside an anyOf or oneOf branch", (name) => {
    // ajv names errors inside a $ref by the referenced schema's path, which would hide them from
    // the message writer's choice of the most useful branch.
    const offending: string[] = [];
    for (const [pointer, node] of nodes(schemaDocument(name))) {
      for (const keyword of ["anyOf", "oneOf"]) {
        const branches = node[keyword];
        if (!Array.isArray(branches)) continue;
        for (const [branchPointer, branch] of nodes(branches, `${pointer}/${keyword}`)) {
          if ("$ref" in branch) offending.push(branchPointer);
        }
      }
    }
    expect(offending).toEqual([]);
  });

  // Written by a submission, or by Gradescope (its metadata holds more than spikegrade reads).
  const open: SchemaName[] = ["stimulus-response", "simulate-response", "gradescope-metadata"];
  const freeForm = /\/(parameters|observed|expected|extra_data|conditions)$|^\/\$defs\/parameters$/;
  test.each(SCHEMA_NAMES)("%s: closed unless a submission writes it", (name) => {
    const document = schemaDocument(name);
    if (open.includes(name)) {
      expect(document.additionalProperties).toBeUndefined();
      return;
    }
    const loose: string[] = [];
    for (const [pointer, node] of nodes(document)) {
      const isObject = node.type === "object" || node.properties !== undefined;
      // A $ref node is as closed as the schema it refers to, which is visited on its own.
      if (!isObject || freeForm.test(pointer) || "$ref" in node) continue;
      if (
        node.additionalProperties === undefined &&
        !pointer.startsWith("/oneOf") &&
        pointer !== ""
      ) {
        loose.push(pointer);
      }
      if (pointer === "" && name !== "stimulus-request" && node.additionalProperties !== false)
        loose.push("/");
    }
    expect(loose).toEqual([]);
  });

  test("stimulus-request's branches are closed", () => {
    const branches = schemaDocument("stimulus-request").oneOf as Record<string, unknown>[];
    expect(branches.map((branch) => branch.additionalProperties)).toEqual([false, false]);
  });
});

describe("finding the schemas", () => {
  test("the package's reference/schema, by way of packageRoot (the same from dist/)", () => {
    expect(schemaDirectory()).toBe(join(root, "reference", "schema"));
  });
});

describe("formats and the files instructors edit", () => {
  test("ajv-formats is on: $schema must be a URI reference", () => {
    const checked = validate("manifest", {
      $schema: "http://exa mple.org/<schema>",
      team: "t",
      members: [{ id: "s1", name: "A" }],
      results: "figure1.json",
    });
    expect(checked.ok ? [] : checked.errors).toEqual([
      {
        path: "$schema",
        message: '$schema "http://exa mple.org/<schema>" is not a valid uri-reference',
      },
    ]);
  });

  // The committed files must be there: a test skipped when they are deleted would pass without them.
  const rubricPath = join(root, "reference", "rubric.json");
  const tolerancesPath = join(root, "reference", "tolerances.json");
  test("every tolerance reference/rubric.json names is in reference/tolerances.json", async () => {
    const { readJsonFile } = await import("../../src/protocol/read-json.js");
    const { validateRubric } = await import("../../src/protocol/validate-rubric.js");
    const tolerances = await readJsonFile(tolerancesPath);
    const rubric = await readJsonFile(rubricPath);
    expect(tolerances.ok ? [] : tolerances.errors).toEqual([]);
    expect(rubric.ok ? [] : rubric.errors).toEqual([]);
    const checkedTolerances = tolerances.ok ? validate("tolerances", tolerances.value) : tolerances;
    if (!checkedTolerances.ok || !rubric.ok) throw new Error("the committed reference is invalid");
    const checked = validateRubric(rubric.value, checkedTolerances.value);
    expect(checked.ok ? [] : checked.errors).toEqual([]);
  });

  for (const [file, name] of [
    ["rubric.json", "rubric"],
    ["tolerances.json", "tolerances"],
  ] as const) {
    test(`reference/${file} is valid against ${name}`, async () => {
      const { readJsonFile } = await import("../../src/protocol/read-json.js");
      const read = await readJsonFile(join(root, "reference", file));
      expect(read.ok ? [] : read.errors).toEqual([]);
      const checked = read.ok ? validate(name, read.value) : read;
      expect(checked.ok ? [] : checked.errors).toEqual([]);
    });
  }
});
