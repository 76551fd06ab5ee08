/**
 * A Gradescope submission as a spikegrade team folder. Students upload what they have: their
 * team folder (submission.json and the simulator), the same files without the folder, a zip
 * Gradescope has unpacked one folder down, or a lone notebook or .py file with no manifest. For
 * the last, the manifest is made from submission_metadata.json's users.
 */

import { lstat, readdir, readFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { readJsonFile } from "../protocol/read-json.js";
import { validate } from "../protocol/schemas.js";
import type { GradescopeMetadata, GradescopeUser, Manifest } from "../protocol/types.js";
import { isTeamName } from "../protocol/validate-manifest.js";
import { teamNameFrom } from "../submission/init.js";

/** Where the submission is and how its manifest comes. */
export type LocatedSubmission =
  | { ok: true; folder: string; manifest: "uploaded" }
  | {
      ok: true;
      folder: string;
      manifest: "made";
      entry: { simulator: string } | { results: string };
    }
  | { ok: false; message: string };

/** Entries that are no part of what a student meant to hand in. */
function ignored(name: string): boolean {
  return name.startsWith(".") || name === "__MACOSX";
}

const SIMULATOR_EXTENSIONS = [".ipynb", ".py", ".ts", ".mts", ".js", ".mjs"];

/** Both functions defined (Python) or named (JavaScript, TypeScript) in the file's text. */
const DEFINES_BOTH: Record<"python" | "javascript", RegExp[]> = {
  python: [/def\s+make_stimulus\s*\(/, /def\s+simulate_neuron\s*\(/],
  javascript: [/\bmakeStimulus\b/, /\bsimulateNeuron\b/],
};

/** How deep a chain of lone folders is followed (a zip of a folder of a folder). */
const MAX_DEPTH = 3;

const WHAT_TO_UPLOAD =
  "upload your team folder's files (submission.json and your simulator), or a single notebook (.ipynb) or Python file (.py) that defines make_stimulus and simulate_neuron";

interface Listing {
  files: string[];
  folders: string[];
}

async function list(folder: string): Promise<Listing> {
  const files: string[] = [];
  const folders: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (ignored(entry.name)) continue;
    if (entry.isDirectory()) folders.push(entry.name);
    else if (entry.isFile()) files.push(entry.name);
  }
  return { files: files.sort(), folders: folders.sort() };
}

/**
 * Where the submission's files are: the first folder, from the top, that holds submission.json,
 * going down only through folders that hold nothing but one folder; without a manifest, the one
 * simulator (or results file) there.
 */
export async function locateSubmission(submissionDir: string): Promise<LocatedSubmission> {
  let folder = submissionDir;
  for (let depth = 0; ; depth++) {
    const { files, folders } = await list(folder);
    if (files.includes("submission.json")) return { ok: true, folder, manifest: "uploaded" };
    if (files.length === 0 && folders.length === 1 && depth < MAX_DEPTH) {
      folder = join(folder, folders[0]);
      continue;
    }
    if (files.length === 0 && folders.length === 0) {
      return { ok: false, message: `The submission is empty: ${WHAT_TO_UPLOAD}.` };
    }
    return loneEntry(folder, files);
  }
}

async function definesBoth(path: string): Promise<boolean> {
  const patterns = [".py", ".ipynb"].includes(extname(path))
    ? DEFINES_BOTH.python
    : DEFINES_BOTH.javascript;
  try {
    const info = await lstat(path);
    if (info.size > 16 * 1024 * 1024) return false;
    const text = await readFile(path, "utf8");
    return patterns.every((pattern) => pattern.test(text));
  } catch {
    return false;
  }
}

/** The simulator of a folder without a manifest, or what to do when there is none or several. */
async function loneEntry(folder: string, files: string[]): Promise<LocatedSubmission> {
  const candidates = files.filter((f) => SIMULATOR_EXTENSIONS.includes(extname(f)));
  if (candidates.length === 0) {
    const results = files.filter((f) => extname(f) === ".json");
    if (results.length === 1) {
      return { ok: true, folder, manifest: "made", entry: { results: results[0] } };
    }
    const seen = files.length > 0 ? ` (found ${files.slice(0, 5).join(", ")})` : "";
    return {
      ok: false,
      message: `No simulator was found in the submission${seen}: ${WHAT_TO_UPLOAD}.`,
    };
  }
  if (candidates.length === 1) {
    return { ok: true, folder, manifest: "made", entry: { simulator: candidates[0] } };
  }
  const complete: string[] = [];
  for (const file of candidates) {
    if (await definesBoth(join(folder, file))) complete.push(file);
  }
  if (complete.length === 1) {
    return { ok: true, folder, manifest: "made", entry: { simulator: complete[0] } };
  }
  const named = candidates.slice(0, 5).join(", ");
  return {
    ok: false,
    message:
      `The submission has several files that could be the simulator (${named}) and no submission.json to say which: ` +
      `add a submission.json that names it, e.g. {"team": "my-team", "members": [{"id": "...", "name": "..."}], "simulator": {"entry": "${candidates[0]}"}} (spikegrade init writes one), and upload it with your files.`,
  };
}

/** submission_metadata.json, or an empty one (with why) when it is missing or not as documented. */
export async function readMetadata(
  path: string,
): Promise<{ metadata: GradescopeMetadata; problem?: string }> {
  const read = await readJsonFile(path, { maxBytes: 64 * 1024 * 1024 });
  const valid = read.ok ? validate("gradescope-metadata", read.value) : read;
  if (!valid.ok) {
    return { metadata: {}, problem: valid.errors.map((e) => e.message).join("; ") };
  }
  return { metadata: valid.value };
}

/** A student id of the contract's form (the manifest's pattern). */
const STUDENT_ID = /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$/;

/** Text a manifest may hold as a name: one line, control characters and runs of blanks made one space, at most 200. */
function cleanName(text: string | undefined): string {
  return (text ?? "")
    .replace(/[\p{Cc}\s]+/gu, " ")
    .trim()
    .slice(0, 200)
    .trim();
}

/** A Gradescope user as a team member: the email as the id where it fits, else Gradescope's id. */
function member(user: GradescopeUser, index: number): { id: string; name: string } {
  const email = user.email?.trim() ?? "";
  const id = STUDENT_ID.test(email)
    ? email
    : user.id !== undefined && STUDENT_ID.test(`gradescope-${user.id}`)
      ? `gradescope-${user.id}`
      : `gradescope-user-${index + 1}`;
  const name = cleanName(user.name) || cleanName(email) || `Gradescope student ${index + 1}`;
  return { id, name };
}

/**
 * The team name of a submission without a manifest: its students' names, made a valid team name;
 * the submission's id where the names leave nothing (names in other scripts).
 */
export function teamFromUsers(metadata: GradescopeMetadata): string {
  const names = (metadata.users ?? []).map((u) => cleanName(u.name)).filter((n) => n !== "");
  const fromNames = teamNameFrom(names.join(" "));
  if (names.length > 0 && fromNames !== "team") return fromNames;
  const id = teamNameFrom(`submission-${metadata.id ?? ""}`);
  return isTeamName(id) && id !== "submission" ? id : "gradescope-team";
}

/** The manifest of a submission that has none, from Gradescope's users. */
export function manifestFromMetadata(
  metadata: GradescopeMetadata,
  entry: { simulator: string } | { results: string },
): Manifest {
  const users = metadata.users ?? [];
  const members = users.length > 0 ? users.map(member) : [member({}, 0)];
  const base = { team: teamFromUsers(metadata), members };
  return "simulator" in entry
    ? { ...base, simulator: { entry: entry.simulator } }
    : { ...base, results: entry.results };
}

/**
 * The team folder's name for an uploaded manifest: its own team where that is a valid name (so
 * that the manifest and the folder agree), else the one made from Gradescope's users (and the
 * manifest check then says what is wrong with the manifest's).
 */
export async function teamOfUploaded(
  manifestPath: string,
  metadata: GradescopeMetadata,
): Promise<string> {
  const read = await readJsonFile(manifestPath, { maxBytes: 1024 * 1024 });
  if (read.ok && typeof read.value === "object" && read.value !== null) {
    const team = (read.value as { team?: unknown }).team;
    if (typeof team === "string" && isTeamName(team)) return team;
  }
  return teamFromUsers(metadata);
}
