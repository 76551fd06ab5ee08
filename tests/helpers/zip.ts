import { buffer } from "node:stream/consumers";
import yazl from "yazl";

// Zips for the tests, made here rather than committed, hostile ones included: yazl refuses to
// write a path that leaves the archive, so those are written under a harmless name of the same
// length and then renamed in the archive's bytes (forge).

export interface ZipItem {
  name: string;
  /** A folder when absent. */
  data?: string | Buffer;
  /** Unix mode bits, e.g. 0o120777 for a symbolic link. */
  mode?: number;
  compress?: boolean;
}

/** A zip holding the items in order. */
export async function makeZip(items: readonly ZipItem[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const mtime = new Date("2026-01-01T00:00:00Z");
  for (const item of items) {
    if (item.data === undefined) {
      zip.addEmptyDirectory(item.name, { mtime });
    } else {
      const data = typeof item.data === "string" ? Buffer.from(item.data) : item.data;
      zip.addBuffer(data, item.name, {
        mtime,
        ...(item.mode !== undefined ? { mode: item.mode } : {}),
        ...(item.compress !== undefined ? { compress: item.compress } : {}),
      });
    }
  }
  zip.end();
  return buffer(zip.outputStream);
}

/** The zip with every occurrence of one name's bytes replaced by another of the same length. */
export function forge(zip: Buffer, from: string, to: string): Buffer {
  const a = Buffer.from(from);
  const b = Buffer.from(to);
  if (a.length !== b.length) throw new Error("forge: the names must have the same length in bytes");
  const out = Buffer.from(zip);
  for (let at = out.indexOf(a); at !== -1; at = out.indexOf(a, at + 1)) b.copy(out, at);
  return out;
}

/** The zip with the central directory's uncompressed size of every entry set to bytes (a lie). */
export function declareSize(zip: Buffer, bytes: number): Buffer {
  const out = Buffer.from(zip);
  const signature = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  for (let at = out.indexOf(signature); at !== -1; at = out.indexOf(signature, at + 1)) {
    out.writeUInt32LE(bytes, at + 24);
  }
  return out;
}
