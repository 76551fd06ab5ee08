/**
 * Values as a message shows them: short, whatever their size ("[1, 2, 3, ...]"), and said in
 * words where that reads better ("\"0.5\" (a string)", "an array of 3 items").
 */

import { isNonFiniteNumber } from "./is-non-finite-number.js";
import { plural } from "./plural.js";

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
