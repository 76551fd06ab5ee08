import { rename, writeFile } from "node:fs/promises";

/** Writes a file whole: a temporary file, then a rename, so a reader never sees half of one. */
export async function writeAtomic(path: string, content: string | Buffer): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  await writeFile(tmp, content);
  await rename(tmp, path);
}
