import { copyFile, cp, mkdir, readdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type {
  Manifest,
  MoodleOrigin,
  MoodleParticipant,
  Skipped,
  TeamMember,
} from "../protocol/types.js";
import type { TeamFolder } from "./discover.js";
import { byName } from "./discover.js";
import { findSubmission } from "./find-submission.js";
import { folderFiles } from "./fingerprint.js";
import {
  type MoodleEntryName,
  moodleTeamName,
  parseMoodleEntry,
  participantLabel,
  sharedGroupPrefix,
  uniqueNames,
} from "./moodle-names.js";

/** One top-level entry of the download that Moodle named. */
interface MoodleEntry extends MoodleEntryName {
  name: string;
  isFolder: boolean;
}

/** A participant's entries, and their uploaded files gathered in a folder of the scratch space. */
interface Staged {
  id: string;
  prefix: string;
  entries: MoodleEntry[];
  /** Undefined when they handed in no files (only online text, or nothing). */
  upload?: string;
}

/** One submission to grade: a participant, or the members of a group who got the same files. */
interface Submitted {
  participants: MoodleParticipant[];
  entries: string[];
  upload: string;
  /** The group's name when Moodle prefixed each member's folder with it. */
  group?: string;
}

/** The top-level names of a class folder that Moodle's download gave, by name. */
export async function moodleEntries(classDir: string): Promise<Map<string, MoodleEntry>> {
  const found = new Map<string, MoodleEntry>();
  for (const entry of await readdir(classDir, { withFileTypes: true })) {
    if (entry.isSymbolicLink()) continue;
    const isFolder = entry.isDirectory();
    const parsed = parseMoodleEntry(entry.name, isFolder);
    if (parsed !== undefined) found.set(entry.name, { ...parsed, name: entry.name, isFolder });
  }
  return found;
}

export interface MoodleIntakeOptions {
  classDir: string;
  entries: Map<string, MoodleEntry>;
  /** A private folder to stage the submissions in. */
  scratch: string;
  /** Team names already used by the class's other folders. */
  taken: Iterable<string>;
  /** Move the download's files instead of copying them (when the download is ours to consume). */
  move: boolean;
}

/**
 * The teams of a Moodle download: each participant's uploaded files (or one copy of a group's)
 * gathered in a folder named after the team (moodleTeamName), with the submission found in it
 * (findSubmission) and, where the upload was a lone notebook or .py, a submission.json built from
 * the participants. What cannot be graded is skipped with a reason that says what to do.
 */
export async function intakeMoodle(
  options: MoodleIntakeOptions,
): Promise<{ teams: TeamFolder[]; skipped: Skipped[] }> {
  const staged = await stageParticipants(options);
  const skipped: Skipped[] = [];
  for (const s of staged.filter((p) => p.upload === undefined)) skipped.push(noFiles(s));
  const submitted = await groupIdentical(staged.filter((p) => p.upload !== undefined));
  const wanted = submitted.map((s) =>
    moodleTeamName(s.group ?? s.participants[0].name, s.participants[0].id),
  );
  const order = submitted
    .map((_, i) => i)
    .sort(
      (a, b) =>
        byName(wanted[a], wanted[b]) ||
        Number(submitted[a].participants[0].id) - Number(submitted[b].participants[0].id),
    );
  const names = uniqueNames(
    order.map((i) => wanted[i]),
    options.taken,
  );
  const teams: TeamFolder[] = [];
  await mkdir(join(options.scratch, "teams"), { recursive: true });
  for (const [k, i] of order.entries()) {
    const team = await finishTeam(submitted[i], names[k], options.scratch);
    if ("reason" in team) skipped.push(team);
    else teams.push(team);
  }
  return { teams, skipped };
}

/** Groups the entries by participant and gathers each one's uploaded files in the scratch space. */
async function stageParticipants(options: MoodleIntakeOptions): Promise<Staged[]> {
  const byId = new Map<string, Staged>();
  for (const entry of [...options.entries.values()].sort((a, b) => byName(a.name, b.name))) {
    const s = byId.get(entry.participantId) ?? {
      id: entry.participantId,
      prefix: entry.prefix,
      entries: [],
    };
    s.entries.push(entry);
    byId.set(entry.participantId, s);
  }
  const staged = [...byId.values()].sort((a, b) => Number(a.id) - Number(b.id));
  for (const s of staged) {
    const files = s.entries.filter((e) => e.plugin === "file");
    if (files.length === 0) continue;
    const upload = join(options.scratch, "participants", s.id);
    await mkdir(upload, { recursive: true });
    for (const e of files) {
      const from = join(options.classDir, e.name);
      if (e.isFolder) await transferFolder(from, upload, options.move);
      else await transferFile(from, join(upload, e.file as string), options.move);
    }
    if ((await readdir(upload)).length > 0) s.upload = upload;
  }
  return staged;
}

async function transferFolder(from: string, into: string, move: boolean): Promise<void> {
  for (const name of await readdir(from)) {
    if (move) await rename(join(from, name), join(into, name));
    else await cp(join(from, name), join(into, name), { recursive: true, verbatimSymlinks: true });
  }
}

async function transferFile(from: string, to: string, move: boolean): Promise<void> {
  if (move) await rename(from, to);
  else await copyFile(from, to);
}

/** A participant who uploaded no file: what they handed in instead, and what to do. */
function noFiles(s: Staged): Skipped {
  const who = `${participantLabel(s.prefix, s.id)} (participant ${s.id})`;
  const plugins = [...new Set(s.entries.map((e) => e.plugin))];
  const what = plugins.includes("onlinetext")
    ? "handed in only online text, no files"
    : `handed in no files (only ${plugins.join(", ")})`;
  return {
    name: s.entries[0].name,
    reason: `${who} ${what}: ask them to upload their notebook (or submission folder) to the assignment and download the submissions again`,
  };
}

/**
 * Participants whose uploads are the same files and whose folders share a group's name are one
 * group submission (Moodle gives each member a copy); everyone else submits alone.
 */
async function groupIdentical(staged: Staged[]): Promise<Submitted[]> {
  const byContent = new Map<string, Staged[]>();
  for (const s of staged) {
    const key = JSON.stringify(await folderFiles(s.upload as string));
    byContent.set(key, [...(byContent.get(key) ?? []), s]);
  }
  const submitted: Submitted[] = [];
  for (const same of byContent.values()) {
    const group = sharedGroupPrefix(same.map((s) => s.prefix));
    const parts = group === "" ? same.map((s) => [s]) : [same];
    for (const members of parts) {
      submitted.push({
        participants: members.map((s) => ({
          id: s.id,
          name: participantLabel(s.prefix.slice(group.length), s.id),
        })),
        entries: members.flatMap((s) => s.entries.map((e) => e.name)),
        upload: members[0].upload as string,
        ...(group === "" ? {} : { group: group.slice(0, -1) }),
      });
    }
  }
  return submitted;
}

/** The team's folder, named after it, with a built manifest where needed; or why it is skipped. */
async function finishTeam(
  s: Submitted,
  team: string,
  scratch: string,
): Promise<TeamFolder | Skipped> {
  const found = await findSubmission(s.upload, join(scratch, "unzipped", team));
  const who = s.participants.map((p) => `${p.name} (participant ${p.id})`).join(", ");
  if (!found.ok) return { name: s.entries[0], reason: `${who}: ${found.reason}` };
  const dir = join(scratch, "teams", team);
  await rename(found.dir, dir);
  const notes = [...found.notes];
  if (s.group !== undefined) {
    notes.push(`one group submission of ${s.group}, handed out by Moodle to each member`);
  }
  if (found.entry !== undefined) {
    await writeFile(join(dir, "submission.json"), builtManifest(team, s.participants, found.entry));
    notes.push(
      `no submission.json was handed in: spikegrade wrote one naming ${found.entry} and the Moodle participant${s.participants.length === 1 ? "" : "s"} ${who}`,
    );
  }
  const moodle: MoodleOrigin = {
    participants: s.participants,
    entries: s.entries,
    builtManifest: found.entry !== undefined,
    notes,
  };
  return { team, dir, moodle };
}

/** The member id a built manifest gives a Moodle participant (letters, digits and -). */
const participantMemberId = (id: string) => `participant-${id}`;

function builtManifest(team: string, participants: MoodleParticipant[], entry: string): string {
  const members: TeamMember[] = participants.map((p) => ({
    id: participantMemberId(p.id),
    name: p.name,
  }));
  const manifest: Manifest = { team, members, simulator: { entry } };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
