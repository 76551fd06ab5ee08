/**
 * What every fuzz property of tests/fuzz/ shares: a fixed seed, so that a failure reruns exactly
 * as it was found; a count of the cases that ran, so that a test's name ("500 random manifests")
 * is a fact; and what "a verdict" means for an untrusted input: the value, or problems that are
 * each a short sentence a student can act on, never an exception.
 */

import fc from "fast-check";
import { expect } from "vitest";

/** The seed of every property: change it to explore, never to make a failure go away. */
const SEED = 1995;

/** A message is a sentence to act on, not a dump of the input: at most this long. */
const MAX_MESSAGE_CHARS = 1000;

interface FuzzOptions {
  /** Stop at the first counterexample instead of shrinking it (for costly cases). */
  endOnFailure?: boolean;
}

/** Runs the property on exactly numRuns values of arbitrary and checks that it ran that often. */
export function fuzz<T>(
  arbitrary: fc.Arbitrary<T>,
  numRuns: number,
  predicate: (value: T) => void,
  options: FuzzOptions = {},
): void {
  let runs = 0;
  fc.assert(
    fc.property(arbitrary, (value) => {
      runs++;
      predicate(value);
    }),
    { numRuns, seed: SEED, endOnFailure: options.endOnFailure ?? false },
  );
  expect(runs).toBe(numRuns);
}

/** fuzz for an asynchronous property. */
export async function fuzzAsync<T>(
  arbitrary: fc.Arbitrary<T>,
  numRuns: number,
  predicate: (value: T) => Promise<void>,
  options: FuzzOptions = {},
): Promise<void> {
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(arbitrary, async (value) => {
      runs++;
      await predicate(value);
    }),
    { numRuns, seed: SEED, endOnFailure: options.endOnFailure ?? false },
  );
  expect(runs).toBe(numRuns);
}

/** One problem as the validators write it. */
export function expectMessage(error: { path: unknown; message: unknown }): void {
  expect(typeof error.path).toBe("string");
  expect(typeof error.message).toBe("string");
  const message = error.message as string;
  expect(message.trim().length).toBeGreaterThan(0);
  expect(message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
  // Not a stack trace, not a value JavaScript could not print.
  expect(message).not.toMatch(/\[object Object\]|\n\s*at \S+ \(/);
}

type Verdict<T> =
  | { ok: true; value: T }
  | { ok: false; errors: { path: string; message: string }[] };

/**
 * A Validation: the value, or at least one problem, each a short sentence. Returns the value, or
 * undefined when the input was refused.
 */
export function expectVerdict<T>(result: Verdict<T>): T | undefined {
  expect(typeof result).toBe("object");
  if (result.ok) {
    expect(Object.hasOwn(result, "value")).toBe(true);
    return result.value;
  }
  expect(result.ok).toBe(false);
  expect(Array.isArray(result.errors)).toBe(true);
  expect(result.errors.length).toBeGreaterThan(0);
  // capErrors: at most 20 problems, then one line counting the rest.
  expect(result.errors.length).toBeLessThanOrEqual(21);
  for (const error of result.errors) expectMessage(error);
  return undefined;
}

const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** Whether a parsed JSON value has a key that could pollute a prototype, anywhere. */
export function hasUnsafeKey(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== "object" || node === null) continue;
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    for (const key of Object.keys(node)) {
      if (UNSAFE_KEYS.has(key)) return true;
      stack.push((node as Record<string, unknown>)[key]);
    }
  }
  return false;
}

/** Nothing validated or refused may have reached Object.prototype. */
export function expectPrototypeClean(): void {
  const probe = {} as Record<string, unknown>;
  for (const key of ["polluted", "isAdmin", "x", "a", "team"]) expect(probe[key]).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
}

/**
 * A small deterministic generator (mulberry32), for the bulk of a case's numbers: fast-check draws
 * the shape and a seed, this draws the thousands of spike times, so a case costs milliseconds.
 */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** [[[...1...]]]: depth levels of arrays (or of {"a": ...} objects) around a leaf. */
export function nested(depth: number, leaf: unknown = 1, objects = false): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = objects ? { a: value } : [value];
  return value;
}

/** The same nesting written as JSON text, without building the value. */
export function nestedText(depth: number, leaf = "1", objects = false): string {
  return objects
    ? `${'{"a":'.repeat(depth)}${leaf}${"}".repeat(depth)}`
    : `${"[".repeat(depth)}${leaf}${"]".repeat(depth)}`;
}

/** An object literal in JSON text from entries, keeping duplicated keys and __proto__ as written. */
export function objectText(entries: readonly (readonly [string, string])[]): string {
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(",")}}`;
}

/** Keys worth trying on any object: the unsafe ones, near misses, odd characters. */
export const ODD_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "$nonFinite",
  "$schema",
  "",
  " ",
  "0",
  "-1",
  "a.b",
  "a/b",
  "~1",
  "é",
  "\u0000",
  "\ud800",
  "💥",
] as const;

/** The ways NaN and Infinity reach the grader: Python's json literals, JavaScript's null, the runners' markers, strings, and overflow (1e999 parses to Infinity). */
export const NON_FINITE_TEXTS = [
  "NaN",
  "Infinity",
  "-Infinity",
  "null",
  '{"$nonFinite":"NaN"}',
  '{"$nonFinite":"Infinity"}',
  '{"$nonFinite":"-Infinity"}',
  '{"$nonFinite":"nan"}',
  '{"$nonFinite":"NaN","extra":1}',
  '{"$nonFinite":null}',
  '"NaN"',
  '"nan"',
  '"Infinity"',
  '"-inf"',
  "1e999",
  "-1e999",
  "1E400",
] as const;

/** Random JSON text: any JSON value, with odd keys, duplicated keys and NaN literals mixed in. */
export function jsonTextArbitrary(maxDepth = 4): fc.Arbitrary<string> {
  const key = fc.oneof(fc.constantFrom(...ODD_KEYS), fc.string({ maxLength: 8 }));
  const scalar = fc.oneof(
    {
      arbitrary: fc.constantFrom("null", "true", "false", "0", "-0", "1e308", "-1e-320"),
      weight: 3,
    },
    {
      arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map(JSON.stringify),
      weight: 2,
    },
    { arbitrary: fc.integer().map(String), weight: 2 },
    {
      arbitrary: fc.string({ maxLength: 12, unit: "binary" }).map((s) => JSON.stringify(s)),
      weight: 3,
    },
    // Not JSON, or not a finite number once parsed: rarer, so that most texts still parse.
    { arbitrary: fc.constantFrom(...NON_FINITE_TEXTS), weight: 1 },
  );
  const { value } = fc.letrec<{ value: string; array: string; object: string }>((tie) => ({
    value: fc.oneof({ depthSize: "small", maxDepth }, scalar, tie("array"), tie("object")),
    array: fc.array(tie("value"), { maxLength: 5 }).map((items) => `[${items.join(",")}]`),
    object: fc
      .array(fc.tuple(key, tie("value")), { maxLength: 5 })
      .map((entries) => objectText(entries)),
  }));
  return value;
}
