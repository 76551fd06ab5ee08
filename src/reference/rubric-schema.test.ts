import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { referenceFile } from "../protocol/reference-files.js";
import { CHECK_IDS } from "../protocol/types.js";
import { rubricSchemaText } from "./rubric-schema.js";

const committed = readFileSync(referenceFile("schema/rubric.schema.json"), "utf8");

describe("the rubric schema's check ids", () => {
  it("are CHECK_IDS in the committed schema (run spikegrade reference after adding a check)", () => {
    expect(rubricSchemaText(committed)).toBe(committed);
  });

  it("follow a new id into the pattern, escaped, and into the message", () => {
    const text = rubricSchemaText(committed, [...CHECK_IDS, "neuron.adapt"]);
    expect(text).toContain("figure1\\\\.rate|neuron\\\\.adapt)(?::");
    expect(text).toContain("figure1.rate, neuron.adapt, optionally followed by :variant");
    const schema = JSON.parse(text);
    const id = schema.properties.checks.items.properties.id;
    expect(new RegExp(id.pattern).test("neuron.adapt:hidden")).toBe(true);
    expect(new RegExp(id.pattern).test("neuronXadapt")).toBe(false);
  });

  it("refuses a schema that lost the place of the ids", () => {
    expect(() => rubricSchemaText('{"type": "object"}')).toThrow(/no longer holds/);
  });
});
