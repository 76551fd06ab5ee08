/**
 * A code cell's saved outputs as safe data (AnswerOutput): text from streams and text/plain,
 * PNG and JPEG images as base64 under a size cap, an error's name and message. HTML, SVG,
 * JavaScript, LaTeX and every other type become "omitted" with the reason, so nothing the
 * notebook wrote reaches a page as markup. Reads nbformat 4 (data under "data") and 3 (the
 * types as keys of the output itself, "pyout" and "pyerr"): see
 * https://nbformat.readthedocs.io/en/latest/format_description.html
 */

import type { AnswerOutput } from "../../protocol/types.js";
import { ANSWER_LIMITS, capText } from "./limits.js";

/** nbformat 3's keys for the mime types, as the output itself holds them. */
const V3_KEYS: Record<string, string> = {
  text: "text/plain",
  png: "image/png",
  jpeg: "image/jpeg",
  html: "text/html",
  svg: "image/svg+xml",
  latex: "text/latex",
  javascript: "application/javascript",
  json: "application/json",
};

/** A multi-line string field, which nbformat allows as a string or a list of strings. */
export function joinedText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((line) => typeof line === "string"))
    return value.join("");
  return undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The output's mime bundle: nbformat 4's "data", or nbformat 3's keys renamed. */
function mimeBundle(output: Record<string, unknown>): Record<string, unknown> {
  const data = record(output.data);
  if (data) return data;
  const bundle: Record<string, unknown> = {};
  for (const [key, mime] of Object.entries(V3_KEYS)) {
    if (key in output) bundle[mime] = output[key];
  }
  return bundle;
}

function textOutput(text: string): AnswerOutput {
  const capped = capText(text, ANSWER_LIMITS.textChars);
  return capped.truncated
    ? { kind: "text", text: capped.text, truncated: true }
    : { kind: "text", text };
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The base64 of each type's first bytes: a "PNG" that is something else is not shown as one. */
const MAGIC: Record<"image/png" | "image/jpeg", string> = {
  "image/png": "iVBORw0KGgo",
  "image/jpeg": "/9j/",
};

function imageOutput(mime: "image/png" | "image/jpeg", value: unknown): AnswerOutput {
  const base64 = (joinedText(value) ?? "").replace(/\s+/g, "");
  if (base64 === "" || !BASE64.test(base64))
    return { kind: "omitted", reason: `${mime} output is not base64` };
  if (!base64.startsWith(MAGIC[mime]))
    return {
      kind: "omitted",
      reason: `${mime} output is not a ${mime.slice(6).toUpperCase()} image`,
    };
  if (base64.length > ANSWER_LIMITS.imageBase64) {
    const mb = (base64.length * 0.75) / 1e6;
    return { kind: "omitted", reason: `${mime} image of ${mb.toFixed(1)} MB is over the size cap` };
  }
  return { kind: "image", mime, base64 };
}

/**
 * One rich output: a PNG or JPEG image if it has one; else its text/plain (safe as text), with a
 * note naming the types left out (a table's HTML, a figure's SVG), so the grader knows there was more.
 */
function richOutput(bundle: Record<string, unknown>): AnswerOutput[] {
  if ("image/png" in bundle) return [imageOutput("image/png", bundle["image/png"])];
  if ("image/jpeg" in bundle) return [imageOutput("image/jpeg", bundle["image/jpeg"])];
  const unsafe = Object.keys(bundle).filter((mime) => mime !== "text/plain");
  const plain = joinedText(bundle["text/plain"]);
  const shown: AnswerOutput[] = plain === undefined ? [] : [textOutput(plain)];
  if (unsafe.length > 0) {
    const reason = `${unsafe.sort().join(", ")} output is not shown (only text, PNG and JPEG are)`;
    shown.push({ kind: "omitted", reason });
  }
  return shown.length > 0
    ? shown
    : [{ kind: "omitted", reason: "an output with nothing spikegrade can show" }];
}

function oneOutput(raw: unknown): AnswerOutput[] {
  const output = record(raw);
  if (!output) return [{ kind: "omitted", reason: "an output that is not an object" }];
  const type = output.output_type;
  if (type === "stream") {
    const text = joinedText(output.text);
    return text === undefined || text === "" ? [] : [textOutput(text)];
  }
  if (type === "error" || type === "pyerr") {
    const ename = capText(String(output.ename ?? "Error"), 200).text;
    const evalue = capText(String(output.evalue ?? ""), ANSWER_LIMITS.textChars).text;
    return [{ kind: "error", ename, evalue }];
  }
  return richOutput(mimeBundle(output));
}

/** The image if the team's images still fit under their total cap; else a note. */
function withinBudget(output: AnswerOutput, imageBudget: { left: number }): AnswerOutput {
  if (output.kind !== "image") return output;
  if (output.base64.length > imageBudget.left) {
    const reason = `${output.mime} image left out: the team's images are over the total size cap`;
    return { kind: "omitted", reason };
  }
  imageBudget.left -= output.base64.length;
  return output;
}

/**
 * The outputs a code cell saved, safe to show. `imageBudget` holds the base64 characters the
 * team's images may still use; images beyond it are omitted with the reason.
 */
export function safeOutputs(raw: unknown, imageBudget: { left: number }): AnswerOutput[] {
  if (!Array.isArray(raw)) return [];
  const kept: AnswerOutput[] = [];
  for (const item of raw.slice(0, ANSWER_LIMITS.outputsPerCell)) {
    for (const output of oneOutput(item)) kept.push(withinBudget(output, imageBudget));
  }
  if (raw.length > ANSWER_LIMITS.outputsPerCell) {
    kept.push({
      kind: "omitted",
      reason: `${raw.length - ANSWER_LIMITS.outputsPerCell} more outputs`,
    });
  }
  return kept;
}
