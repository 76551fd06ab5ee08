/**
 * `spikegrade init`: a starter submission folder whose two functions are still to be written.
 *
 * The starter is submission.json (the team named after the folder, a placeholder student to
 * fill in) and a simulator copied from src/submission/templates/<language>/, whose functions
 * exist, so it loads, but raise or throw a "TODO: ..." that says what to write. It fails every
 * check until the student writes them. Nothing that already exists is ever overwritten.
 */

import { constants } from "node:fs";
import { access, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { formatJson } from "../protocol/json-format.js";
import { packageRoot } from "../protocol/package-root.js";
import type { Manifest } from "../protocol/types.js";
import { PLACEHOLDER_MEMBER, validateManifest } from "../protocol/validate-manifest.js";
import type { SimulatorLanguage } from "./language.js";

/** What a starter can be written in: a simulator's language, or a results file. */
export type StarterLanguage = SimulatorLanguage | "results";

/**
 * The file a starter's manifest names, inside src/submission/templates/<language>/: the
 * simulator, or for "results" the results file that the template's make_results.py writes.
 */
export const STARTER_ENTRIES: Readonly<Record<StarterLanguage, string>> = {
  python: "simulator.py",
  typescript: "simulator.ts",
  javascript: "simulator.mjs",
  notebook: "simulator.ipynb",
  results: "figure1.json",
};

export const STARTER_LANGUAGES = Object.keys(STARTER_ENTRIES) as StarterLanguage[];

/** The student a starter lists until the team writes its own names in. */

/** What `init` was asked for, or where it stopped: a message a student can act on. */
export class InitError extends Error {
  override name = "InitError";
}

export interface InitOptions {
  /** The submission folder; created if missing. Its name is the team's unless team is given. */
  dir: string;
  language: StarterLanguage;
  /** The team's name; by default derived from the folder's name (see teamFromFolder). */
  team?: string;
}

export interface InitResult {
  team: string;
  /** The files written, each as dir joined with its name, submission.json first. */
  files: string[];
}

/**
 * Writes a starter submission into dir. Throws InitError, having written nothing, when the
 * language is not one spikegrade has a starter for, when team is not a valid team name, or when
 * any of the starter's files already exists in dir.
 */
export async function initSubmission(options: InitOptions): Promise<InitResult> {
  const { dir, language } = options;
  if (!Object.hasOwn(STARTER_ENTRIES, language)) {
    throw new InitError(
      `there is no starter for language ${JSON.stringify(language)}; choose one of ${STARTER_LANGUAGES.join(", ")}`,
    );
  }
  const team = options.team ?? teamFromFolder(dir);
  const members = [{ ...PLACEHOLDER_MEMBER }];
  const manifest: Manifest =
    language === "results"
      ? { team, members, results: STARTER_ENTRIES.results }
      : { team, members, simulator: { entry: STARTER_ENTRIES[language] } };
  const checked = validateManifest(manifest);
  if (!checked.ok) {
    throw new InitError(checked.errors.map((e) => e.message).join("; "));
  }

  const templateDir = join(packageRoot(), "src", "submission", "templates", language);
  const contents = new Map<string, string>([["submission.json", formatJson(manifest)]]);
  const entries = await readdir(templateDir, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    // Only the template's own files: not a __pycache__ or an editor's dotfile beside them.
    if (entry.isFile() && !entry.name.startsWith(".")) {
      contents.set(entry.name, await readFile(join(templateDir, entry.name), "utf8"));
    }
  }

  // Refuse before writing anything, so a refusal leaves the folder as it was.
  const existing: string[] = [];
  for (const name of contents.keys()) {
    if (await exists(join(dir, name))) existing.push(join(dir, name));
  }
  if (existing.length > 0) {
    throw new InitError(
      `${existing.join(" and ")} already ${existing.length === 1 ? "exists" : "exist"}; spikegrade init never overwrites a file (move ${existing.length === 1 ? "it" : "them"} away or pick another folder)`,
    );
  }

  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (const [name, text] of contents) {
    const path = join(dir, name);
    // "wx" fails rather than overwrite a file that appeared since the check above.
    await writeFile(path, text, { encoding: "utf8", flag: "wx" });
    files.push(path);
  }
  return { team, files };
}

/**
 * A valid team name (docs/contract.md: ^[a-z0-9][a-z0-9_-]{0,63}$) from any text: accents dropped,
 * lowercased, every run of other characters made one "-", no leading "-" or "_", at most 64
 * characters, no trailing "-"; "team" when nothing is left. "Team 07 (Ada & Alan)" gives
 * "team-07-ada-alan".
 */
export function teamNameFrom(text: string): string {
  const name = text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^[-_]+/, "")
    .slice(0, 64)
    .replace(/-+$/, "");
  return name === "" ? "team" : name;
}

/** A valid team name from a folder's name (see teamNameFrom). */
export function teamFromFolder(dir: string): string {
  return teamNameFrom(basename(resolve(dir)));
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}
