import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { join } from "node:path";
import { languageOf } from "./language.js";
import { findPython } from "./python-runtime.js";

/**
 * Starts what opening a simulator of this entry will wait for, without waiting: the probe of the
 * Python that runs it (asked once per process; behind a pyenv shim it takes most of a second). A
 * caller that reads the manifest first and loads or draws something else before openSimulator
 * has that done meanwhile. Nothing for another language.
 */
export function prepareSimulator(entry: string, python?: string): void {
  const language = languageOf(entry);
  if (language === "python" || language === "notebook") void findPython(python);
}

/** The most of a manifest read here: a student's is a few hundred bytes. */
const PEEK_BYTES = 64 * 1024;

/**
 * prepareSimulator for the entry that `dir`'s submission.json names, read before the command's
 * own modules load (`check`: some 0.3 s of them). The manifest is peeked at, not read: anything
 * unexpected (no file, not a plain file, not JSON, no entry) starts nothing, and the checks read
 * it properly and say what is wrong. A named pipe is never opened for reading without waiting.
 */
export function prepareSimulatorIn(dir: string): void {
  let fd: number | undefined;
  try {
    // Non-blocking: a named pipe opens at once (and is then no file), instead of waiting for a writer.
    fd = openSync(join(dir, "submission.json"), constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const info = fstatSync(fd);
    if (!info.isFile() || info.size > PEEK_BYTES) return;
    const bytes = Buffer.alloc(info.size);
    const read = readSync(fd, bytes, 0, info.size, 0);
    const manifest = JSON.parse(bytes.toString("utf8", 0, read));
    const entry = manifest?.simulator?.entry;
    if (typeof entry === "string") prepareSimulator(entry);
  } catch {
    // Read properly, and reported, by the checks.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
