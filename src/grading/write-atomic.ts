import { rename, writeFile } from "node:fs/promises";

/**
 * Writes a file whole: a temporary file, then a rename, so a reader never sees half of one. A
 * mode (0o600 for a file holding a secret) applies from the file's first byte.
 */
export async function writeAtomic(
  path: string,
  content: string | Buffer,
  options: { mode?: number } = {},
): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  await writeFile(tmp, content, { mode: options.mode });
  await rename(tmp, path);
}
