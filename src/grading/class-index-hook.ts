import { join } from "node:path";
import type { Gradebook } from "./gradebook.js";

/**
 * Where the class page's writer lives: a module exporting
 * `writeClassIndex(outDir: string, gradebook: Gradebook): Promise<void>`, which writes
 * OUT/index.html (the class at a glance). Until it exists, grading writes no index.html.
 */
export const CLASS_INDEX_MODULE = "../report/class-index.js";

type ClassIndexWriter = (outDir: string, gradebook: Gradebook) => Promise<void>;

function isMissing(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | undefined;
  const text = e?.message ?? "";
  return (
    (e?.code === "ERR_MODULE_NOT_FOUND" || /Cannot find module|Failed to load url/.test(text)) &&
    text.includes("class-index")
  );
}

/**
 * Writes OUT/index.html with the class page's writer when that module exists; returns its path,
 * or undefined when there is no writer yet. An error inside the writer is not hidden.
 */
export async function writeClassIndexIfAvailable(
  outDir: string,
  gradebook: Gradebook,
): Promise<string | undefined> {
  // A specifier held in a variable: the module may not exist yet, and the type checker must not mind.
  const specifier: string = CLASS_INDEX_MODULE;
  let writer: ClassIndexWriter | undefined;
  try {
    const loaded = (await import(specifier)) as { writeClassIndex?: ClassIndexWriter };
    writer = loaded.writeClassIndex;
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
  if (typeof writer !== "function") return undefined;
  await writer(outDir, gradebook);
  return join(outDir, "index.html");
}
