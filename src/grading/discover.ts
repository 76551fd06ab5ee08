import { existsSync } from "node:fs";
import { readdir, realpath } from "node:fs/promises";
import { join, resolve, sep } from "node:path";
import type { MoodleOrigin, Shard, Skipped } from "../protocol/types.js";
import { isTeamName } from "../protocol/validate-manifest.js";
import { teamFromFolder } from "../submission/init.js";

/** A folder of the class that holds a submission.json: one team, named after the folder. */
export interface TeamFolder {
  team: string;
  dir: string;
  /** Set when the team was taken from a Moodle download (see moodle-intake.ts). */
  moodle?: MoodleOrigin;
}

export interface Discovery {
  /** Sorted by name (code-unit order, the same on every machine). */
  teams: TeamFolder[];
  skipped: Skipped[];
}

export const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The teams of a class folder: every folder that holds a submission.json. Everything else is
 * listed as skipped with the reason (a file, a dot-folder, a folder without submission.json, the
 * output folder itself when it lies inside the class folder).
 */
export async function discoverTeams(
  classDir: string,
  outDir?: string,
  options: { ignore?: ReadonlySet<string> } = {},
): Promise<Discovery> {
  const entries = await readdir(classDir, { withFileTypes: true });
  const out = outDir === undefined ? undefined : await realpathOrSelf(outDir);
  const teams: TeamFolder[] = [];
  const skipped: Skipped[] = [];
  for (const entry of entries) {
    if (options.ignore?.has(entry.name)) continue;
    const dir = resolve(classDir, entry.name);
    if (entry.name.startsWith(".")) {
      skipped.push({ name: entry.name, reason: "a hidden (dot) entry" });
    } else if (entry.isSymbolicLink()) {
      skipped.push({ name: entry.name, reason: "a symbolic link, not a folder of the class" });
    } else if (!entry.isDirectory()) {
      skipped.push({ name: entry.name, reason: fileReason(entry.name) });
    } else if (!isTeamName(entry.name)) {
      // A folder's name is its team, and names OUT's folder for it: index.html or a name
      // holding terminal escapes must not get that far.
      skipped.push({
        name: entry.name,
        reason: `its name is not a team name (lowercase letters, digits, - and _, starting with a letter or digit); rename it, e.g. to ${teamFromFolder(entry.name)}`,
      });
    } else if (out !== undefined && (await realpathOrSelf(dir)) === out) {
      skipped.push({ name: entry.name, reason: "the output folder (--out)" });
    } else if (!existsSync(join(dir, "submission.json"))) {
      skipped.push({ name: entry.name, reason: await noManifestReason(dir) });
    } else {
      teams.push({ team: entry.name, dir });
    }
  }
  teams.sort((a, b) => byName(a.team, b.team));
  skipped.sort((a, b) => byName(a.name, b.name));
  return { teams, skipped };
}

/** Why a file of the class folder is skipped, and what to do when it is a zip. */
function fileReason(name: string): string {
  if (!/\.zip$/i.test(name)) return "a file, not a folder";
  return 'a zip file, not a folder: unzip it into a folder named after its team, or, if it is a whole download of the class (Moodle\'s "Download all submissions"), grade it as it is: spikegrade grade FILE.zip';
}

/** Why a folder without submission.json is skipped; a manifest one level down is named. */
async function noManifestReason(dir: string): Promise<string> {
  const inner = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, "submission.json")))
    .map((e) => e.name)
    .sort(byName);
  if (inner.length === 0) return "no submission.json in it";
  return `no submission.json in it, but ${inner[0]}/ inside it holds one: move what ${inner[0]}/ holds up into the team's folder`;
}

async function realpathOrSelf(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return resolve(path);
  }
}

/** Whether path is folder itself or inside it (both resolved through symbolic links). */
export async function isInside(path: string, folder: string): Promise<boolean> {
  const [p, f] = await Promise.all([realpathOrSelf(path), realpathOrSelf(folder)]);
  return p === f || p.startsWith(f + sep);
}

/** The teams of one shard; every team falls in exactly one shard of a given count. */
export function shardOf<T>(teams: readonly T[], shard: Shard | undefined): T[] {
  if (shard === undefined) return [...teams];
  return teams.filter((_, i) => i % shard.count === shard.index - 1);
}

/** "K/N" as a shard, or a message saying what is wrong with it. */
export function parseShard(
  text: string,
): { ok: true; shard: Shard } | { ok: false; message: string } {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (match === null) {
    return { ok: false, message: `--shard must be K/N (e.g. 2/8), not ${JSON.stringify(text)}` };
  }
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index < 1 || index > count) {
    return {
      ok: false,
      message: `--shard ${text}: K counts from 1 to N (N at least 1), e.g. 1/4 ... 4/4`,
    };
  }
  return { ok: true, shard: { index, count } };
}
