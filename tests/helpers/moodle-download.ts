import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { makeZip, type ZipItem } from "./zip.js";

// A Moodle "Download all submissions", recreated as docs/moodle.md describes it (mod/assign,
// Moodle 3.1 and later): per participant, `<Full name>_<N>_assignsubmission_file_/` holding the
// uploaded files as they were uploaded, `..._assignsubmission_onlinetext_/onlinetext.html` for
// online text; "_" in a name becomes a space; a group submission prefixes each member's name
// with "<Group>-" and gives every member a copy. Without "Download submissions in folders",
// every file sits at the top as `<Full name>_<N>_assignsubmission_file_<file name>`.

export interface MoodleUpload {
  id: number;
  /** The participant's full name as Moodle shows it. */
  name: string;
  /** The group, for a group submission. */
  group?: string;
  /** The uploaded files, by path inside the upload. */
  files?: Record<string, string | Buffer>;
  onlinetext?: string;
}

/** What Moodle's clean_filename leaves of a name: no characters a file system refuses. */
const cleaned = (name: string) => name.replace(/[\\/:*?"<>|]/g, "");

function moodlePrefix(upload: MoodleUpload): string {
  const who = upload.group === undefined ? upload.name : `${upload.group}-${upload.name}`;
  return `${cleaned(who.replaceAll("_", " "))}_${upload.id}`;
}

/** Writes the download into dir, in folders (Moodle's default) or flat. */
export function writeMoodleDownload(
  dir: string,
  uploads: readonly MoodleUpload[],
  options: { folders: boolean } = { folders: true },
): void {
  mkdirSync(dir, { recursive: true });
  for (const upload of uploads) {
    const prefix = moodlePrefix(upload);
    for (const [path, data] of Object.entries(upload.files ?? {})) {
      const target = options.folders
        ? join(dir, `${prefix}_assignsubmission_file_`, path)
        : join(dir, `${prefix}_assignsubmission_file_${path.replaceAll("/", "_")}`);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, data);
    }
    if (upload.onlinetext !== undefined) {
      const target = options.folders
        ? join(dir, `${prefix}_assignsubmission_onlinetext_`, "onlinetext.html")
        : join(dir, `${prefix}_assignsubmission_onlinetext_onlinetext.html`);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, upload.onlinetext);
    }
  }
}

/** Every file of a folder, by path relative to it ("/" between names). */
export function readTree(dir: string, under = ""): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const name of readdirSync(join(dir, under)).sort()) {
    const path = under === "" ? name : `${under}/${name}`;
    if (statSync(join(dir, path)).isDirectory()) Object.assign(out, readTree(dir, path));
    else out[path] = readFileSync(join(dir, path));
  }
  return out;
}

/** A folder as a zip, entries in name order, as Moodle sends the download. */
export function zipFolder(dir: string): Promise<Buffer> {
  const items: ZipItem[] = Object.entries(readTree(dir)).map(([name, data]) => ({ name, data }));
  return makeZip(items);
}
