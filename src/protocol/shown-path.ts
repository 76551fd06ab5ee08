import { isAbsolute, relative, resolve } from "node:path";

/**
 * A path as the person at the terminal reads it: relative to the working folder where it lies
 * below it ("." for the folder itself), else in full, never as a climb of "../../".
 */
export function shownPath(path: string, from: string = process.cwd()): string {
  const below = relative(from, resolve(path));
  if (below === "") return ".";
  return below.startsWith("..") || isAbsolute(below) ? resolve(path) : below;
}
