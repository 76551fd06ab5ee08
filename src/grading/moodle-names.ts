import { teamFromFolder } from "../submission/init.js";

/**
 * How Moodle's "Download all submissions" names what it puts in its zip (mod/assign, Moodle 3.1
 * and later; docs/moodle.md cites the sources). Each participant's prefix is their full name (or
 * "Participant" under blind marking; "Group-Full name" for a group submission), with "_" turned
 * into spaces, then "_", then the participant number Moodle's grading worksheet shows as
 * "Participant N". With "Download submissions in folders" (the default) each submission plugin
 * of each participant is a folder, `<prefix>_<N>_assignsubmission_<plugin>_/`, holding the files
 * as uploaded; without it, every file sits at the top as `<prefix>_<N>_assignsubmission_<plugin>_<file>`.
 */
export interface MoodleEntryName {
  /** The name part of the prefix: "Ada Lovelace", "Team Red-Ada Lovelace" or "Participant". */
  prefix: string;
  /** The participant number, as the worksheet's Identifier ends ("Participant 123456"). */
  participantId: string;
  /** The submission plugin: file, onlinetext, ... */
  plugin: string;
  /** The file's own name when the download was not in folders; absent for a plugin's folder. */
  file?: string;
}

const ENTRY = /^(.*?)_(\d+)_assignsubmission_([a-z0-9]+)_(.*)$/s;
/** Some Moodle versions and unzip tools leave the plugin folder without its trailing "_". */
const FOLDER_WITHOUT_UNDERSCORE = /^(.*?)_(\d+)_assignsubmission_([a-z0-9]+)$/s;

/** An entry of the download's top level as Moodle names it, or undefined for any other name. */
export function parseMoodleEntry(name: string, isFolder: boolean): MoodleEntryName | undefined {
  const match = ENTRY.exec(name) ?? (isFolder ? FOLDER_WITHOUT_UNDERSCORE.exec(name) : null);
  if (match === null) return undefined;
  const [, prefix, participantId, plugin, rest] = match;
  if (isFolder) {
    // A folder's name ends with the plugin and "_"; anything after it is not Moodle's.
    return rest === undefined || rest === "" ? { prefix, participantId, plugin } : undefined;
  }
  return rest === "" ? undefined : { prefix, participantId, plugin, file: rest };
}

/** The prefix Moodle writes for a participant under blind marking, in English. */
const BLIND = "Participant";

/** What a participant is called in messages and in a built manifest. */
export function participantLabel(name: string, id: string): string {
  return name === "" || name === BLIND ? `Participant ${id}` : name;
}

/**
 * The longest start that every prefix shares and that ends with "-": the group's name and its
 * dash when Moodle prefixed each member's folder with it ("Team Red-Ada", "Team Red-Alan" give
 * "Team Red-"), or "" when there is none. Used only for participants whose files are identical,
 * which is how Moodle hands out a group submission: one copy per member.
 */
export function sharedGroupPrefix(prefixes: readonly string[]): string {
  if (prefixes.length < 2) return "";
  let shared = prefixes[0];
  for (const p of prefixes.slice(1)) {
    let i = 0;
    while (i < shared.length && i < p.length && shared[i] === p[i]) i++;
    shared = shared.slice(0, i);
  }
  const dash = shared.lastIndexOf("-");
  if (dash <= 0) return "";
  const group = shared.slice(0, dash + 1);
  // Every member must have a name after the group's dash.
  return prefixes.every((p) => p.length > group.length) ? group : "";
}

const MAX_TEAM = 64;

/**
 * A team name for a Moodle submission: its name (or the group's) made a team name, then the
 * participant number (the smallest, for a group), so that it is the same in every download of
 * the assignment and two students of one name stay apart. "Zoë Õunapuu" and 104 give
 * "zoe-ounapuu-104"; blind marking's "Participant" gives "participant-104".
 */
export function moodleTeamName(name: string, participantId: string): string {
  const suffix = `-${participantId}`;
  const base = teamFromFolder(name === "" ? BLIND : name.replaceAll("/", "-"));
  const room = Math.max(1, MAX_TEAM - suffix.length);
  const stem = base.slice(0, room).replace(/[-_]+$/, "");
  return `${stem === "" ? "p" : stem}${suffix}`.slice(0, MAX_TEAM);
}

/**
 * Names made unique in the order given: a name already taken (by a folder of the class or an
 * earlier submission) gets "-2", "-3", ... (shortened to fit), so the same download always gives
 * the same names.
 */
export function uniqueNames(wanted: readonly string[], taken: Iterable<string>): string[] {
  const used = new Set(taken);
  return wanted.map((name) => {
    let candidate = name;
    for (let n = 2; used.has(candidate); n++) {
      const suffix = `-${n}`;
      candidate = `${name.slice(0, MAX_TEAM - suffix.length).replace(/[-_]+$/, "")}${suffix}`;
    }
    used.add(candidate);
    return candidate;
  });
}
