/**
 * Reads a JSON file from outside (a manifest, a results file, a rubric) with errors a student can
 * act on: missing, too large, not UTF-8, empty, or not JSON at a given line and column. The size
 * is capped before reading, so a huge file costs nothing.
 */

import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import { locateJsonError } from "./validate-json-syntax.js";
import type { Validation } from "./validation.js";

const MB = 1_000_000;

/** How large each kind of file may be, in bytes. */
export const JSON_SIZE_LIMITS = {
  manifest: 1 * MB,
  rubric: 10 * MB,
  results: 200 * MB,
} as const;

export interface ReadJsonOptions {
  /** Largest file read, in bytes. Default 200 MB (JSON_SIZE_LIMITS.results). */
  maxBytes?: number;
  /** What the file is called in messages. Default: its base name ("submission.json"). */
  label?: string;
}

function megabytes(bytes: number): string {
  const value = bytes / MB;
  return `${value >= 10 ? Math.round(value) : Number(value.toPrecision(2))} MB`;
}

/** Parses JSON text; on failure, says where and why ("... at line 4 column 3"). */
export function parseJson(text: string, label: string): Validation<unknown> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") {
    return { ok: false, errors: [{ path: "", message: `${label} is empty; expected JSON` }] };
  }
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (error) {
    const located = locateJsonError(body);
    const message = located
      ? `${label} is not valid JSON at line ${located.line} column ${located.column}: ${located.problem}`
      : `${label} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, errors: [{ path: "", message }] };
  }
}

function failure(message: string): Validation<unknown> {
  return { ok: false, errors: [{ path: "", message }] };
}

/** Reads and parses a JSON file. Never throws for a problem of the file itself. */
export async function readJsonFile(
  path: string,
  options: ReadJsonOptions = {},
): Promise<Validation<unknown>> {
  const label = options.label ?? basename(path);
  const maxBytes = options.maxBytes ?? JSON_SIZE_LIMITS.results;
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) return failure(`${label} is a folder; expected a JSON file`);
    // A named pipe would wait for a writer forever; a device never ends.
    if (!info.isFile()) return failure(`${label} is not a regular file`);
    size = info.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return failure(`${label} is missing`);
    return failure(`${label} cannot be read (${code ?? String(error)})`);
  }
  if (size > maxBytes) {
    return failure(`${label} is ${megabytes(size)}; at most ${megabytes(maxBytes)} is read`);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return failure(`${label} cannot be read (${code ?? String(error)})`);
  }
  // The file may have grown between stat and read.
  if (bytes.length > maxBytes) {
    return failure(
      `${label} is ${megabytes(bytes.length)}; at most ${megabytes(maxBytes)} is read`,
    );
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return failure(`${label} is saved as UTF-16; save it as UTF-8`);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return failure(`${label} is not UTF-8 text; save it as UTF-8`);
  }
  return parseJson(text, label);
}
