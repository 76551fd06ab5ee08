import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, realpath, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { validate } from "../protocol/schemas.js";
import type { Gradebook, GradebookColumn, GradebookTeam, Skipped } from "../protocol/types.js";
import { byName } from "./discover.js";
import { PART_FILE, writeGradebook } from "./grade-class.js";
import { buildGradebook, mixedRubrics } from "./gradebook.js";
import { MergeConflictError, MergeSetupError } from "./refusals.js";
import { folderOf, MARKER_FILE, type TeamFolders, teamFolders } from "./team-output.js";
import { SPIKEGRADE_VERSION } from "./version.js";
import { writeAtomic } from "./write-atomic.js";

export interface MergeResult {
  gradebook: Gradebook;
  /** The gradebook files written into the destination. */
  files: string[];
  /** Shards of the sharding that no folder held ("2/4"): the gradebook lacks their teams. */
  missing: string[];
  /** Every file read, in order. */
  read: string[];
}

interface Piece {
  folder: string;
  file: string;
  gradebook: Gradebook;
}

/** A folder's gradebook parts, or its gradebook.json when it has no part. */
async function piecesOf(folder: string): Promise<Piece[]> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(folder);
  } catch {
    throw new MergeSetupError(`${folder} does not exist`);
  }
  if (!info.isDirectory()) throw new MergeSetupError(`${folder} is not a folder`);
  const names = (await readdir(folder)).filter((n) => PART_FILE.test(n)).sort(byName);
  if (names.length === 0 && existsSync(join(folder, "gradebook.json")))
    names.push("gradebook.json");
  if (names.length === 0) {
    throw new MergeSetupError(
      `${folder} holds no gradebook part (gradebook.part-K-of-N.json) and no gradebook.json`,
    );
  }
  const pieces: Piece[] = [];
  for (const name of names) {
    const file = join(folder, name);
    let value: unknown;
    try {
      value = JSON.parse(await readFile(file, "utf8"));
    } catch (error) {
      throw new MergeSetupError(
        `${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const checked = validate("gradebook", value, { maxErrors: 5 });
    if (!checked.ok) {
      const problems = checked.errors.map((e) => e.message).join("; ");
      throw new MergeSetupError(`${file} is not a spikegrade gradebook: ${problems}`);
    }
    pieces.push({ folder, file, gradebook: checked.value });
  }
  return pieces;
}

/**
 * Copies a team's outputs from one output folder to another, each file atomically and the marker
 * last: its students' folder and its instructor's. A part graded by spikegrade 0.1.0 kept
 * result.json and grading.json with the students' files; they land in the instructor's here.
 */
async function copyTeam(from: TeamFolders, to: TeamFolders): Promise<void> {
  const files: { path: string; name: string }[] = [];
  for (const dir of [from.student, from.instructor]) {
    if (!existsSync(dir)) continue;
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.isFile()) files.push({ path: join(dir, entry.name), name: entry.name });
    }
  }
  if (files.length === 0) return;
  const ordered = [
    ...files.filter((f) => f.name !== MARKER_FILE),
    ...files.filter((f) => f.name === MARKER_FILE),
  ];
  await mkdir(to.student, { recursive: true });
  await mkdir(to.instructor, { recursive: true });
  for (const { path, name } of ordered) {
    await writeAtomic(join(folderOf(to, name), name), await readFile(path));
  }
}

/**
 * Which part holds each team; a team in two parts, or teams graded with different rubrics, is a
 * conflict to resolve by hand.
 */
function ownersOf(pieces: readonly Piece[]) {
  const owner = new Map<string, { line: GradebookTeam; folder: string; file: string }>();
  for (const piece of pieces) {
    for (const line of piece.gradebook.teams) {
      const earlier = owner.get(line.team);
      if (earlier !== undefined) {
        throw new MergeConflictError(
          `team ${line.team} is in both ${earlier.file} and ${piece.file}`,
        );
      }
      owner.set(line.team, { line, folder: piece.folder, file: piece.file });
    }
  }
  const mixed = mixedRubrics([...owner.values()].map((o) => o.line));
  if (mixed !== undefined) {
    throw new MergeConflictError(
      `the parts were graded with different rubrics (${mixed}); grade them again with the same --rubric`,
    );
  }
  return owner;
}

/**
 * The course secret's name shared by every part, after refusing parts graded with the hidden
 * checks beside parts graded without them (their teams would be scored out of different maxima)
 * or with different course secrets (on different hidden inputs).
 */
function sameHiddenInputs(pieces: readonly Piece[]): string | undefined {
  const graded = pieces.filter((p) => p.gradebook.teams.length > 0);
  const withHidden = graded.filter((p) => p.gradebook.teams.some((t) => t.hidden));
  const without = graded.filter((p) => !p.gradebook.teams.some((t) => t.hidden));
  if (withHidden.length > 0 && without.length > 0) {
    throw new MergeConflictError(
      `${withHidden[0].file} was graded with the hidden checks (--hidden) and ${without[0].file} without them: grade the parts again the same way (with --hidden and the same SPIKEGRADE_SECRET, or without)`,
    );
  }
  const ids = [...new Set(withHidden.flatMap((p) => p.gradebook.secretId ?? []))];
  if (ids.length > 1) {
    const first = withHidden.find((p) => p.gradebook.secretId === ids[0]);
    const other = withHidden.find((p) => p.gradebook.secretId === ids[1]);
    throw new MergeConflictError(
      `${first?.file} and ${other?.file} were graded with different course secrets, so on different hidden inputs: grade them again with the same SPIKEGRADE_SECRET`,
    );
  }
  return ids[0];
}

/**
 * Joins the gradebook parts of sharded runs (each folder's gradebook.part-K-of-N.json, or its
 * gradebook.json when it has none) into one gradebook in dest (default: the first folder):
 * gradebook.json, gradebook.csv and the class page. Teams whose outputs live in another folder
 * are copied into dest (their students' folder and their instructor's), so that every report the
 * gradebook links is beside it.
 *
 * Throws MergeSetupError for a folder that is missing or holds no gradebook, MergeConflictError
 * when the parts contradict each other (a team twice, two shardings, two rubrics): then nothing
 * is written.
 */
export async function mergeGradebooks(options: {
  outs: string[];
  dest?: string;
}): Promise<MergeResult> {
  if (options.outs.length === 0) throw new MergeSetupError("name at least one output folder");
  const folders = options.outs.map((o) => resolve(o));
  const dest = resolve(options.dest ?? folders[0]);
  const pieces: Piece[] = [];
  for (const folder of folders) pieces.push(...(await piecesOf(folder)));

  const counts = [
    ...new Set(pieces.flatMap((p) => (p.gradebook.shard ? [p.gradebook.shard.count] : []))),
  ];
  if (counts.length > 1) {
    throw new MergeConflictError(
      `the parts come from different shardings (${counts.map((n) => `of ${n}`).join(", ")}); remove the stale ones`,
    );
  }
  const owner = ownersOf(pieces);
  const secret = sameHiddenInputs(pieces);
  const missing: string[] = [];
  if (counts.length === 1) {
    const have = new Set(pieces.map((p) => p.gradebook.shard?.index));
    for (let k = 1; k <= counts[0]; k++) if (!have.has(k)) missing.push(`${k}/${counts[0]}`);
  }

  const columns: GradebookColumn[] = [];
  for (const piece of pieces) {
    for (const column of piece.gradebook.checks) {
      if (!columns.some((c) => c.id === column.id)) columns.push(column);
    }
  }
  const skipped = new Map<string, Skipped>();
  for (const piece of pieces) for (const s of piece.gradebook.skipped) skipped.set(s.name, s);
  const gradebook = buildGradebook({
    version: SPIKEGRADE_VERSION,
    columns,
    teams: [...owner.values()].map((o) => o.line),
    skipped: [...skipped.values()],
    ...(secret !== undefined ? { secretId: secret } : {}),
  });

  const versions = [...new Set(pieces.map((p) => p.gradebook.generatedBy?.version))];
  if (versions.length > 1) {
    gradebook.warnings.push(
      `the parts were graded by different spikegrade versions: ${versions.join(", ")}`,
    );
  }

  await mkdir(dest, { recursive: true });
  const realDest = await realpath(dest);
  for (const { line, folder } of owner.values()) {
    if ((await realpath(folder)) === realDest) continue;
    await copyTeam(teamFolders(folder, line.team), teamFolders(dest, line.team));
  }
  const files = await writeGradebook(dest, gradebook, { keepParts: true });
  return { gradebook, files, missing, read: pieces.map((p) => p.file) };
}
