import { link, rename, rm, writeFile } from "node:fs/promises";

/** A temporary name beside path, for a file written whole before it takes path's place. */
function besides(path: string): string {
  return `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
}

/**
 * Writes a file whole: a temporary file, then a rename, so a reader never sees half of one. A
 * mode (0o600 for a file holding a secret) applies from the file's first byte. Where either step
 * fails (a full disk, a folder where the file should be), the temporary file goes too.
 */
export async function writeAtomic(
  path: string,
  content: string | Buffer,
  options: { mode?: number } = {},
): Promise<void> {
  const tmp = besides(path);
  try {
    await writeFile(tmp, content, { mode: options.mode });
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/**
 * Writes a new file whole, never replacing one: a temporary file, then a hard link to path,
 * which fails with EEXIST where path already exists (a file that appeared since it was looked
 * for stays as it was).
 */
export async function writeNewAtomic(path: string, content: string | Buffer): Promise<void> {
  const tmp = besides(path);
  await writeFile(tmp, content, { flag: "wx" });
  try {
    await link(tmp, path);
  } finally {
    await rm(tmp, { force: true });
  }
}
