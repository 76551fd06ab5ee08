/**
 * What a submission folder holds, checked before anything in it is read, hashed or run: only
 * files and folders, symbolic links that stay inside, and sizes a course's work can have. A named
 * pipe (which hangs whoever reads it), a device, a 2 GB sparse file (hashed on every run) or a
 * link to / (which Node's permission model checks as written, not as resolved) stops here, with
 * a message that names it.
 */

import { lstat, readdir, readlink, realpath } from "node:fs/promises";
import { join, sep } from "node:path";
import { formatBytes } from "./capped-log.js";

export interface FolderLimits {
  /** Largest single file, in bytes. */
  fileBytes: number;
  /** All files together, in bytes. */
  totalBytes: number;
  /** Files, folders and links together. */
  entries: number;
}

const FOLDER_LIMITS: FolderLimits = {
  fileBytes: 64 * 1024 * 1024,
  totalBytes: 256 * 1024 * 1024,
  entries: 20_000,
};

/** spikegrade's own output in a student's folder (`check` writes it): never part of the work. */
const OUTPUT_FOLDER = ".spikegrade";

export interface ScannedFile {
  /** Relative to the folder, "/" between names. */
  path: string;
  kind: "file" | "link";
  bytes: number;
  /** A link's target as written. */
  target?: string;
}

export type FolderScan = { ok: true; files: ScannedFile[] } | { ok: false; message: string };

function kindOf(info: Awaited<ReturnType<typeof lstat>>): string {
  if (info.isFIFO()) return "a named pipe";
  if (info.isSocket()) return "a socket";
  if (info.isCharacterDevice() || info.isBlockDevice()) return "a device";
  return "neither a file nor a folder";
}

/** A link of the folder, or why it may not stay: it leads outside. */
async function insideLink(full: string, path: string, root: string): Promise<ScannedFile | string> {
  let real: string | null = null;
  try {
    real = await realpath(full);
  } catch {
    // A link that leads nowhere leads nowhere outside either.
  }
  if (real !== null && real !== root && !real.startsWith(root + sep)) {
    return `${path} is a symbolic link that leads outside the submission folder; copy the file in instead`;
  }
  return { path, kind: "link", bytes: 0, target: await readlink(full) };
}

/**
 * Walks folder without following links; ok with every file and link, sorted by path, or the
 * first thing that stops the submission from being graded.
 */
export async function scanFolder(
  folder: string,
  limits: FolderLimits = FOLDER_LIMITS,
): Promise<FolderScan> {
  let root: string;
  try {
    root = await realpath(folder);
  } catch {
    return { ok: false, message: `the folder ${folder} cannot be read` };
  }
  const files: ScannedFile[] = [];
  let entries = 0;
  let total = 0;
  const walk = async (abs: string, rel: string): Promise<string | null> => {
    let names: string[];
    try {
      names = await readdir(abs);
    } catch {
      return `${rel || "the folder"} cannot be read`;
    }
    for (const name of names.sort()) {
      if (rel === "" && name === OUTPUT_FOLDER) continue;
      const path = rel === "" ? name : `${rel}/${name}`;
      const full = join(abs, name);
      entries += 1;
      if (entries > limits.entries) {
        return `the folder holds more than ${limits.entries} files and folders`;
      }
      const info = await lstat(full).catch(() => null);
      if (info === null) continue; // removed while we looked
      if (info.isDirectory()) {
        const problem = await walk(full, path);
        if (problem !== null) return problem;
      } else if (info.isSymbolicLink()) {
        const link = await insideLink(full, path, root);
        if (typeof link === "string") return link;
        files.push(link);
      } else if (info.isFile()) {
        if (info.size > limits.fileBytes) {
          return `${path} is ${formatBytes(info.size)}; a file of a submission may be at most ${formatBytes(limits.fileBytes)}`;
        }
        total += info.size;
        if (total > limits.totalBytes) {
          return `the folder's files come to more than ${formatBytes(limits.totalBytes)}`;
        }
        files.push({ path, kind: "file", bytes: info.size });
      } else {
        return `${path} is ${kindOf(info)}; a submission holds only files and folders`;
      }
    }
    return null;
  };
  const problem = await walk(root, "");
  if (problem !== null) return { ok: false, message: problem };
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { ok: true, files };
}
