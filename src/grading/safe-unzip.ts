import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import yauzl from "yauzl";

/**
 * What an archive may hold before spikegrade refuses it: a zip from Moodle or a student is
 * untrusted, and a small one can expand to fill the disk (a "zip bomb") or name paths outside
 * the folder it is unpacked into ("zip slip"). docs/moodle.md states these numbers.
 */
export interface ZipLimits {
  /** Entries (files and folders). */
  maxEntries: number;
  /** Bytes of all files once unpacked. */
  maxTotalBytes: number;
  /** Bytes of one file once unpacked. */
  maxFileBytes: number;
  /** Unpacked size over packed size, for a file of at least ratioFloorBytes unpacked. */
  maxRatio: number;
  /** Files smaller than this may compress as well as they like (a page of blanks is harmless). */
  ratioFloorBytes: number;
}

const MiB = 1024 * 1024;

export const ZIP_LIMITS: ZipLimits = {
  maxEntries: 20_000,
  maxTotalBytes: 2048 * MiB,
  maxFileBytes: 256 * MiB,
  maxRatio: 200,
  ratioFloorBytes: 1 * MiB,
};

export type Unzipped =
  | { ok: true; files: number; bytes: number; ignored: string[] }
  | { ok: false; message: string };

/** A refusal of ours while unpacking, as opposed to a fault of the file system. */
class ZipRefusal extends Error {}

/** Entries macOS's Archive Utility adds beside the files: not the student's work. */
const NOISE = /(^|\/)(__MACOSX\/|\.DS_Store$)/;

const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;
/** versionMadeBy's upper byte: the system whose file attributes the entry carries. */
const UNIX = 3;

interface Planned {
  entry: yauzl.Entry;
  path: string;
  folder: boolean;
}

/**
 * Unpacks zipPath into dest (a folder that exists and is empty) or refuses it whole, before any
 * file is written, with a message naming the entry at fault: a path leaving dest, a symbolic link
 * or other special file, an encrypted entry, a name given twice, or more than the limits allow.
 * What each entry really expands to is counted as it is written, so an entry whose header lies
 * about its size is stopped at the limit too. __MACOSX/ and .DS_Store entries are left out
 * (listed in ignored). Never throws for what the archive holds; on a refusal, dest may hold part
 * of the files and the caller removes it.
 */
export async function unzipSafely(
  zipPath: string,
  dest: string,
  limits: ZipLimits = ZIP_LIMITS,
): Promise<Unzipped> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(zipPath, {
      decodeStrings: false,
      validateEntrySizes: true,
      autoClose: false,
    });
  } catch (error) {
    return { ok: false, message: `it is not a zip file spikegrade can read (${reason(error)})` };
  }
  try {
    const plan = await planEntries(zip, limits);
    if (!plan.ok) return plan;
    let bytes = 0;
    const budget = { total: limits.maxTotalBytes };
    for (const item of plan.entries) {
      if (item.folder) {
        await mkdir(join(dest, item.path), { recursive: true });
        continue;
      }
      bytes += await writeEntry(zip, item, dest, limits, budget);
    }
    const files = plan.entries.filter((e) => !e.folder).length;
    return { ok: true, files, bytes, ignored: plan.ignored };
  } catch (error) {
    if (error instanceof ZipRefusal) return { ok: false, message: error.message };
    const { code } = error as NodeJS.ErrnoException;
    if (code === "EEXIST" || code === "ENOTDIR") {
      return { ok: false, message: "it names the same path as a file and as a folder" };
    }
    if (code !== undefined) throw error;
    return { ok: false, message: `it is damaged or forged (${reason(error)})` };
  } finally {
    zip.close();
  }
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Every entry's name and kind, checked against the limits before anything is written. */
async function planEntries(
  zip: yauzl.ZipFile,
  limits: ZipLimits,
): Promise<{ ok: true; entries: Planned[]; ignored: string[] } | { ok: false; message: string }> {
  if (zip.entryCount > limits.maxEntries) {
    return {
      ok: false,
      message: `it holds ${zip.entryCount} entries, more than the ${limits.maxEntries} allowed`,
    };
  }
  const entries: Planned[] = [];
  const ignored: string[] = [];
  const seen = new Set<string>();
  let declared = 0;
  for await (const entry of zip.eachEntry()) {
    const name = entryName(entry);
    const checked = checkEntry(entry, name, limits);
    if (typeof checked === "string") return { ok: false, message: `${show(name)} ${checked}` };
    if (NOISE.test(checked.path)) {
      ignored.push(checked.path);
      continue;
    }
    if (seen.has(checked.path)) {
      return { ok: false, message: `${show(name)} appears twice` };
    }
    seen.add(checked.path);
    declared += checked.folder ? 0 : entry.uncompressedSize;
    if (declared > limits.maxTotalBytes) {
      return {
        ok: false,
        message: `its files would unpack to more than ${formatBytes(limits.maxTotalBytes)}`,
      };
    }
    entries.push({ entry, ...checked });
  }
  return { ok: true, entries, ignored };
}

/** The entry's name: UTF-8 when flagged so or when its bytes are valid UTF-8, else CP437. */
function entryName(entry: yauzl.Entry): string {
  const raw = entry.fileNameRaw;
  const utf8Flag = (entry.generalPurposeBitFlag & 0x800) !== 0;
  const unicodeExtra = entry.extraFields.some((f) => f.id === 0x7075);
  if (!utf8Flag && !unicodeExtra) {
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(raw).replaceAll("\\", "/");
    } catch {
      // Not UTF-8: the zip format's own default, CP437, below.
    }
  }
  return yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, false);
}

/** A name as a message shows it: quoted, control characters visible. */
function show(name: string): string {
  return `entry ${JSON.stringify(name)}`;
}

/** The entry's path and kind, or what is wrong with it (the end of a sentence about it). */
function checkEntry(
  entry: yauzl.Entry,
  name: string,
  limits: ZipLimits,
): { path: string; folder: boolean } | string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a control character in a name is the point
  if (name === "" || /[\u0000-\u001f\u007f]/.test(name)) return "has an unusable name";
  if (name.startsWith("/") || /^[A-Za-z]:/.test(name)) {
    return "is an absolute path, outside the folder it is unpacked into";
  }
  const parts = name.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.includes("..")) return "climbs out of the folder it is unpacked into (..)";
  if (parts.length === 0) return "has an unusable name";
  if (entry.isEncrypted()) return "is encrypted; spikegrade cannot read it";
  const kind = entryKind(entry, name);
  if (kind === "link") return "is a symbolic link; spikegrade unpacks only files and folders";
  if (kind === "special") return "is a device, pipe or socket, not a file";
  if (kind === "file") {
    if (entry.uncompressedSize > limits.maxFileBytes) {
      return `would unpack to ${formatBytes(entry.uncompressedSize)}, more than the ${formatBytes(limits.maxFileBytes)} a file may have`;
    }
    if (tooCompressed(entry.uncompressedSize, entry.compressedSize, limits)) {
      return `expands ${ratio(entry.uncompressedSize, entry.compressedSize)} times, more than the ${limits.maxRatio} times allowed (a zip bomb?)`;
    }
  }
  return { path: parts.join("/"), folder: kind === "folder" };
}

function entryKind(entry: yauzl.Entry, name: string): "file" | "folder" | "link" | "special" {
  const mode = entry.versionMadeBy >> 8 === UNIX ? entry.externalFileAttributes >>> 16 : 0;
  const type = mode & S_IFMT;
  if (type === S_IFLNK) return "link";
  if (name.endsWith("/") || type === S_IFDIR) return "folder";
  if (type === 0 || type === S_IFREG) return "file";
  return "special";
}

function tooCompressed(unpacked: number, packed: number, limits: ZipLimits): boolean {
  return unpacked >= limits.ratioFloorBytes && unpacked > limits.maxRatio * Math.max(packed, 1);
}

const ratio = (unpacked: number, packed: number) => Math.round(unpacked / Math.max(packed, 1));

function formatBytes(bytes: number): string {
  return bytes >= MiB ? `${Math.round(bytes / MiB)} MiB` : `${bytes} bytes`;
}

/**
 * Writes one file, counting what it really expands to: past its declared size, the file limit,
 * the archive's remaining budget or the compression ratio, it stops with a ZipRefusal.
 */
async function writeEntry(
  zip: yauzl.ZipFile,
  item: Planned,
  dest: string,
  limits: ZipLimits,
  budget: { total: number },
): Promise<number> {
  const { entry, path } = item;
  const target = join(dest, path);
  await mkdir(dirname(target), { recursive: true });
  const source = await zip.openReadStreamPromise(entry);
  let written = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      written += chunk.length;
      budget.total -= chunk.length;
      const over =
        written > limits.maxFileBytes
          ? `unpacks to more than the ${formatBytes(limits.maxFileBytes)} a file may have`
          : budget.total < 0
            ? `takes the archive past the ${formatBytes(limits.maxTotalBytes)} it may unpack to`
            : tooCompressed(written, entry.compressedSize, limits)
              ? `expands more than ${limits.maxRatio} times (a zip bomb?)`
              : undefined;
      done(over === undefined ? null : new ZipRefusal(`${show(path)} ${over}`), chunk);
    },
  });
  // "wx": a path written twice (a file, then a folder of that name) fails instead of replacing.
  await pipeline(source, counter, createWriteStream(target, { flags: "wx" }));
  return written;
}
