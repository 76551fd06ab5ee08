/**
 * Keys that could pollute an object's prototype. JSON.parse keeps "__proto__" as an ordinary own
 * key, but code that later copies such an object with Object.assign or a deep merge would set
 * the target's prototype instead; "constructor" and "prototype" are the other two doors. No
 * spikegrade file needs them, so any value from outside that holds one is refused by name.
 */

import { abbreviatePath, joinPath } from "./format-path.js";
import { plural } from "./plural.js";
import type { ValidationError } from "./validation.js";

const UNSAFE_KEYS: readonly string[] = ["__proto__", "constructor", "prototype"];

const UNSAFE = new Set(UNSAFE_KEYS);

/**
 * One message per unsafe key anywhere in a parsed JSON value (at most maxErrors, then a count),
 * e.g. "members[0] has a key \"__proto__\"; ...". Walks iteratively, so nesting depth is free.
 */
export function unsafeKeyErrors(value: unknown, root: string, maxErrors = 20): ValidationError[] {
  const errors: ValidationError[] = [];
  let more = 0;
  // Each entry is a value and where it is; `parent` and `key` are set for an object's entries,
  // whose keys are judged when the entry is reached, so that messages come in document order.
  type Entry = { node: unknown; path: string; parent?: string; key?: string };
  const stack: Entry[] = [{ node: value, path: "" }];
  while (stack.length > 0) {
    const { node, path, parent, key } = stack.pop() as Entry;
    if (key !== undefined && UNSAFE.has(key)) {
      if (errors.length < maxErrors) {
        errors.push({
          path,
          message: `${parent ? abbreviatePath(parent) : root} has a key ${JSON.stringify(key)}; keys named __proto__, constructor or prototype are not allowed`,
        });
      } else {
        more++;
      }
      continue;
    }
    if (typeof node !== "object" || node === null) continue;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) {
        const item: unknown = node[i];
        if (typeof item === "object" && item !== null)
          stack.push({ node: item, path: joinPath(path, i) });
      }
      continue;
    }
    const keys = Object.keys(node);
    for (let i = keys.length - 1; i >= 0; i--) {
      const name = keys[i];
      const inner = (node as Record<string, unknown>)[name];
      stack.push({ node: inner, path: joinPath(path, name), parent: path, key: name });
    }
  }
  if (more > 0) errors.push({ path: "", message: `${plural(more, "more unsafe key")} not shown` });
  return errors;
}
