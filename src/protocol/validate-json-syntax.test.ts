import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { lineAndColumn, locateJsonError } from "./validate-json-syntax.js";

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe("where and why a text stops being JSON", () => {
  test.each([
    ['{"a": 1,\n}', 2, 1, "} follows a comma; remove the comma before it"],
    ["[1, 2,]", 1, 7, "] follows a comma; remove the comma before it"],
    [
      '{\n  "a": 1\n  "b": 2\n}',
      3,
      3,
      'unexpected "b"; expected , or } after a property value (a comma missing?)',
    ],
    ["[1 2]", 1, 4, "unexpected 2; expected , or ] after an array element (a comma missing?)"],
    ["{'a': 1}", 1, 2, "strings and keys must be in double quotes, not single quotes"],
    ["{a: 1}", 1, 2, "unexpected a; expected a key in double quotes"],
    ['{"a" 1}', 1, 6, "unexpected 1; expected : after the key"],
    [
      '{"x": NaN}',
      1,
      7,
      "NaN is not JSON (JSON has no NaN or Infinity); write null, or leave the value out",
    ],
    [
      "[-Infinity]",
      1,
      2,
      "Infinity is not JSON (JSON has no NaN or Infinity); write a number or null",
    ],
    ['{"x": None}', 1, 7, "None is Python, not JSON; write null"],
    ["[True]", 1, 2, "True is Python, not JSON; write true"],
    ["[tru]", 1, 2, "unexpected tru; expected a value"],
    ["[.5]", 1, 2, "a number needs a digit before its point (0.5, not .5)"],
    ["[01]", 1, 2, "01 is not a JSON number (like -1, 0.5 or 2e-3)"],
    ["[1.]", 1, 2, "1. is not a JSON number (like -1, 0.5 or 2e-3)"],
    ['{"a": 1} // note', 1, 10, "JSON has no comments"],
    ['{"a": 1}}', 1, 9, "unexpected } after the end of the JSON value"],
    ['{"a": [1, 2', 1, 12, "the file ends inside an array; a ] is missing"],
    ['{"a": 1', 1, 8, "the file ends inside an object; a } is missing"],
    ['{"a":', 1, 6, "the file ends where a value was expected"],
    [
      '["ab\ncd"]',
      1,
      5,
      "a line break or control character inside a string (write \\n for a line break)",
    ],
    ['["a\\qb"]', 1, 4, "\\q is not an escape JSON knows; write \\\\ for a backslash"],
    ['["\\u12"]', 1, 3, "\\u must be followed by 4 hexadecimal digits"],
    ['\n\n ["abc', 3, 3, 'the string that starts here never ends; a closing " is missing'],
    ["", 1, 1, "the file holds no value"],
  ])("%j: line %i column %i", (text, line, column, problem) => {
    expect(parses(text)).toBe(false);
    const located = locateJsonError(text);
    expect(
      located && { line: located.line, column: located.column, problem: located.problem },
    ).toEqual({
      line,
      column,
      problem,
    });
  });

  test("lineAndColumn counts from 1", () => {
    expect(lineAndColumn("ab\ncd", 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
  });

  test("deep nesting is scanned without recursion", () => {
    const text = `${"[".repeat(200_000)}1${"]".repeat(199_999)}`;
    expect(locateJsonError(text)?.problem).toBe("the file ends inside an array; a ] is missing");
  });
});

describe("the scanner agrees with JSON.parse", () => {
  test("on any JSON", () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(locateJsonError(text)).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  test("on JSON with one character deleted, replaced or inserted", () => {
    const alphabet = fc.constantFrom(..."{}[],:\"'\\ 0123456789.-+eEtruefalsnNI/\n");
    fc.assert(
      fc.property(
        fc.json(),
        fc.nat(),
        alphabet,
        fc.integer({ min: 0, max: 2 }),
        (json, at, char, how) => {
          const i = json.length === 0 ? 0 : at % json.length;
          const text =
            how === 0
              ? json.slice(0, i) + json.slice(i + 1)
              : how === 1
                ? json.slice(0, i) + char + json.slice(i + 1)
                : json.slice(0, i) + char + json.slice(i);
          expect(locateJsonError(text) === undefined).toBe(parses(text));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
