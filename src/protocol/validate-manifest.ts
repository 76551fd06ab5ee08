/**
 * submission.json beyond its schema: distinct student ids, and file paths that stay inside the
 * submission folder however they are spelt. validateManifest runs schema and semantics.
 */

import { posix } from "node:path";
import { abbreviate } from "./abbreviate.js";
import { schemaDocument, type ValidateOptions, validate } from "./schemas.js";
import type { Manifest } from "./types.js";
import type { Validation, ValidationError } from "./validation.js";

/** Student ids compare without regard to case or surrounding blanks: S2101234 is s2101234. */
export function idKey(id: string): string {
  return id.trim().toLowerCase();
}

/** The member `spikegrade init` writes, for the students to replace with themselves. */
export const PLACEHOLDER_MEMBER = { id: "your-student-id", name: "Your Name" } as const;

/** Whether a member is still init's placeholder (its id or its name). */
export function isPlaceholder(member: { id: string; name: string }): boolean {
  return (
    idKey(member.id) === PLACEHOLDER_MEMBER.id || member.name.trim() === PLACEHOLDER_MEMBER.name
  );
}

/**
 * What to say of members still holding init's placeholder, or undefined when there is none. Not a
 * reason to stop: the simulator is still checked, but the manifest check fails until they are
 * replaced, and the gradebook says so.
 */
export function placeholderProblem(
  members: readonly { id: string; name: string }[],
): string | undefined {
  const left = members.flatMap((m, i) => (isPlaceholder(m) ? [`members[${i}]`] : []));
  if (left.length === 0) return undefined;
  return `${left.join(", ")} still ${left.length === 1 ? "holds" : "hold"} the placeholder of spikegrade init (id "${PLACEHOLDER_MEMBER.id}", name "${PLACEHOLDER_MEMBER.name}"): put each student's own id and name in submission.json`;
}

let teamPattern: RegExp | undefined;

/** Whether name is a team name by the manifest schema's rule (a folder's name is its team). */
export function isTeamName(name: string): boolean {
  teamPattern ??= new RegExp(
    (schemaDocument("manifest") as { properties: { team: { pattern: string } } }).properties.team
      .pattern,
  );
  return teamPattern.test(name);
}

/** A path that, once "." and ".." are resolved, still lies inside the submission folder. */
function staysInside(path: string): boolean {
  const normal = posix.normalize(path.replace(/\\/g, "/"));
  return !(
    normal === ".." ||
    normal.startsWith("../") ||
    posix.isAbsolute(normal) ||
    normal === "."
  );
}

/** Problems of a schema-valid manifest that its schema cannot express. */
function manifestProblems(manifest: Manifest): ValidationError[] {
  const problems: ValidationError[] = [];
  const firstIndex = new Map<string, number>();
  manifest.members.forEach((member, i) => {
    const key = idKey(member.id);
    const earlier = firstIndex.get(key);
    if (earlier === undefined) {
      firstIndex.set(key, i);
      return;
    }
    problems.push({
      path: `members[${i}].id`,
      message: `members[${i}].id ${member.id} repeats members[${earlier}].id; each student is listed once`,
    });
  });
  const file =
    manifest.simulator !== undefined
      ? { path: "simulator.entry", value: manifest.simulator.entry }
      : { path: "results", value: manifest.results };
  if (!staysInside(file.value)) {
    problems.push({
      path: file.path,
      message: `${file.path} ${abbreviate(file.value)} is not a file inside the submission folder`,
    });
  } else if (posix.normalize(file.value) === "submission.json") {
    problems.push({
      path: file.path,
      message: `${file.path} names submission.json itself; expected the ${file.path === "results" ? "results" : "simulator"} file`,
    });
  }
  return problems;
}

/** A parsed submission.json, checked against its schema and its semantics. */
export function validateManifest(
  value: unknown,
  options: ValidateOptions = {},
): Validation<Manifest> {
  const checked = validate("manifest", value, options);
  if (!checked.ok) return checked;
  const problems = manifestProblems(checked.value);
  return problems.length === 0 ? checked : { ok: false, errors: problems };
}
