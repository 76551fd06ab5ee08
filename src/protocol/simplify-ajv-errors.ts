/**
 * ajv's errors reduced to the ones worth a sentence: one story per failed anyOf/oneOf, and no
 * error that only repeats another.
 */

import type { ErrorObject } from "ajv/dist/2020.js";
import { customTemplate } from "./custom-template.js";

/** ajv's errors (from a validator built with allErrors and verbose), each one worth reading. */
export function simplifyAjvErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  return dropEchoes(simplifyCombinators(errors));
}

function depth(pointer: string): number {
  return pointer === "" ? 0 : pointer.split("/").length - 1;
}

function isWithin(pointer: string, ancestor: string): boolean {
  return pointer === ancestor || pointer.startsWith(`${ancestor}/`);
}

/**
 * Whether a pointer is within any of the ancestors: a look-up per level of the pointer, so that
 * a value with a hundred thousand bad items is not compared item by item with every other.
 */
function isWithinAny(pointer: string, ancestors: ReadonlySet<string>): boolean {
  for (let end = pointer.length; end >= 0; end = pointer.lastIndexOf("/", end - 1)) {
    if (ancestors.has(pointer.slice(0, end))) return true;
    if (end === 0) return false;
  }
  return false;
}

/** The errors inside each branch of a combinator, by branch index. */
function branchErrors(
  combinator: ErrorObject,
  errors: readonly ErrorObject[],
): Map<string, ErrorObject[]> {
  const prefix = `${combinator.schemaPath}/`;
  const branches = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    if (error === combinator || !error.schemaPath.startsWith(prefix)) continue;
    if (!isWithin(error.instancePath, combinator.instancePath)) continue;
    const branch = error.schemaPath.slice(prefix.length).split("/")[0];
    branches.set(branch, [...(branches.get(branch) ?? []), error]);
  }
  return branches;
}

/**
 * Reduces each failed anyOf/oneOf to its one most useful story. ajv reports every branch's
 * errors and then the combinator's own; a student needs the branch they most likely meant:
 * the one that got deepest into the value, then the one with fewest complaints. Branches that
 * all fail on the type of the same value merge into one "expected a number or null". This
 * relies on branches being written inline (ajv names errors inside a $ref by the referenced
 * schema's path), which our schemas do; a test holds them to it.
 */
function simplifyCombinators(errors: readonly ErrorObject[]): ErrorObject[] {
  let list = [...errors];
  const combinators = list
    .filter((error) => error.keyword === "anyOf" || error.keyword === "oneOf")
    .sort((a, b) => b.schemaPath.length - a.schemaPath.length);
  for (const combinator of combinators) {
    if (!list.includes(combinator)) continue;
    const branches = branchErrors(combinator, list);
    const inBranches = new Set([...branches.values()].flat());
    const passing = (combinator.params as Record<string, unknown>).passingSchemas;
    if (customTemplate(combinator) || Array.isArray(passing) || branches.size === 0) {
      list = list.filter((error) => !inBranches.has(error));
      continue;
    }
    const groups = [...branches.values()];
    const allTypeHere = groups.every(
      (group) =>
        group.length === 1 &&
        group[0].keyword === "type" &&
        group[0].instancePath === combinator.instancePath,
    );
    if (allTypeHere) {
      const merged: ErrorObject = {
        ...groups[0][0],
        params: { type: groups.map((group) => String(group[0].params.type)).join(",") },
      };
      list = list.flatMap((error) =>
        error === combinator ? [merged] : inBranches.has(error) ? [] : [error],
      );
      continue;
    }
    const keep = new Set(likeliestBranch(groups));
    list = list.filter(
      (error) => error !== combinator && (!inBranches.has(error) || keep.has(error)),
    );
  }
  return list;
}

/** The branch that got deepest into the value, then the one with fewest complaints. */
function likeliestBranch(groups: readonly ErrorObject[][]): ErrorObject[] {
  const reach = (group: ErrorObject[]) => Math.max(...group.map((e) => depth(e.instancePath)));
  return groups.reduce((a, b) =>
    reach(b) > reach(a) || (reach(b) === reach(a) && b.length < a.length) ? b : a,
  );
}

/**
 * Drops errors that only repeat another: anything about a value whose type is already wrong
 * (an array where an object belongs fails "not required" vacuously), the inner errors of
 * propertyNames, and a discriminator whose tag is already reported.
 */
function dropEchoes(errors: readonly ErrorObject[]): ErrorObject[] {
  const wrongType = new Set(
    errors.filter((error) => error.keyword === "type").map((error) => error.instancePath),
  );
  return errors.filter((error) => {
    if (error.propertyName !== undefined) return false;
    if (error.keyword !== "type" && isWithinAny(error.instancePath, wrongType)) return false;
    if (error.keyword !== "discriminator") return true;
    const tag = String((error.params as Record<string, unknown>).tag);
    const tagPointer = `${error.instancePath}/${tag.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    return !errors.some(
      (other) =>
        other.instancePath === tagPointer ||
        (other.keyword === "required" &&
          other.instancePath === error.instancePath &&
          (other.params as Record<string, unknown>).missingProperty === tag),
    );
  });
}
