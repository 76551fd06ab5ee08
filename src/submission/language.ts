import { extname } from "node:path";

/** The simulator languages of docs/contract.md ("The simulator protocol"), by the entry file's extension. */
export type SimulatorLanguage = "typescript" | "javascript" | "python" | "notebook";

const BY_EXTENSION: Readonly<Record<string, SimulatorLanguage>> = {
  ".ts": "typescript",
  ".mts": "typescript",
  ".js": "javascript",
  ".mjs": "javascript",
  ".py": "python",
  ".ipynb": "notebook",
};

export const SIMULATOR_EXTENSIONS: readonly string[] = Object.keys(BY_EXTENSION);

/** The language of an entry file, or undefined when spikegrade cannot run it. */
export function languageOf(entry: string): SimulatorLanguage | undefined {
  return BY_EXTENSION[extname(entry).toLowerCase()];
}

export function runsOnNode(language: SimulatorLanguage): boolean {
  return language === "typescript" || language === "javascript";
}
