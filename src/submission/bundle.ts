/**
 * A JavaScript or TypeScript simulator and its local imports, bundled by esbuild into one ES
 * module in a private folder: types stripped, `./x.js` resolved to `./x.ts` as TypeScript does,
 * and no file outside the submission folder pulled in. esbuild runs in the grader, unconfined,
 * so every file it loads is read here instead, after checking where it is, what it is and how
 * big (template-literal imports are globs esbuild expands without asking any resolver), and
 * the whole build has a time limit.
 */

import { constants } from "node:fs";
import { open, realpath, writeFile } from "node:fs/promises";
import { dirname, extname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import type { BuildFailure, BuildOptions, Loader, Message, OnLoadResult, Plugin } from "esbuild";
import { formatBytes } from "./capped-log.js";

export type BundleResult = { ok: true; file: string } | { ok: false; message: string };

export interface BundleLimits {
  /** Largest file an import may load, in bytes. */
  fileBytes: number;
  /** All loaded files together, in bytes. */
  totalBytes: number;
  /** Time the whole build may take, in ms. */
  timeoutMs: number;
}

const BUNDLE_LIMITS: BundleLimits = {
  fileBytes: 4 * 1024 * 1024,
  totalBytes: 16 * 1024 * 1024,
  timeoutMs: 30_000,
};

const RESOLVING = Symbol("spikegrade-resolving");

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === "" || (!rel.startsWith("..") && !rel.startsWith("/"));
}

/** Refuses every import that resolves to a file outside folder (symlinks resolved). */
function confineTo(folder: string): Plugin {
  return {
    name: "spikegrade-confine",
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === RESOLVING || args.kind === "entry-point") return undefined;
        const resolved = await pluginBuild.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: RESOLVING,
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        if (
          !resolved.external &&
          resolved.namespace === "file" &&
          !isInside(resolved.path, folder)
        ) {
          return {
            errors: [
              {
                text: `"${args.path}" is outside the submission folder; a simulator may import only its own files`,
              },
            ],
          };
        }
        return resolved;
      });
    },
  };
}

const LOADERS: Record<string, Loader> = {
  ".js": "js",
  ".mjs": "js",
  ".cjs": "js",
  ".jsx": "jsx",
  ".ts": "ts",
  ".mts": "ts",
  ".cts": "ts",
  ".tsx": "tsx",
  ".json": "json",
  ".txt": "text",
};

const ATTRIBUTE_LOADERS: Record<string, Loader> = { json: "json", text: "text", bytes: "binary" };

const OUTSIDE =
  "an import reaches a file outside the submission folder; a simulator may import only its own files";

/**
 * Reads every file esbuild loads, refusing what is outside folder (symbolic links resolved),
 * not a regular file (a named pipe would hang the read) or too big.
 */
function readInside(folder: string, limits: BundleLimits): Plugin {
  let total = 0;
  const refuse = (text: string): OnLoadResult => ({ errors: [{ text }] });
  return {
    name: "spikegrade-read-inside",
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter: /.*/, namespace: "file" }, async (args) => {
        let real: string;
        try {
          real = await realpath(args.path);
        } catch {
          return refuse(`${relative(folder, args.path)} was not found`);
        }
        if (!isInside(real, folder)) return refuse(OUTSIDE);
        const shown = relative(folder, real);
        const attribute = args.with.type;
        const loader =
          attribute === undefined ? LOADERS[extname(real)] : ATTRIBUTE_LOADERS[attribute];
        if (loader === undefined) {
          return refuse(
            attribute === undefined
              ? `${shown}: spikegrade bundles only .js, .mjs, .cjs, .jsx, .ts, .mts, .cts, .tsx, .json and .txt files`
              : `${shown}: import attribute type "${attribute}" is not supported`,
          );
        }
        // Non-blocking, so that opening a named pipe cannot wait for a writer.
        const handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK);
        try {
          const info = await handle.stat();
          if (!info.isFile()) return refuse(`${shown} is not a regular file`);
          if (info.size > limits.fileBytes) {
            return refuse(
              `${shown} is ${formatBytes(info.size)}; an imported file may be at most ${formatBytes(limits.fileBytes)}`,
            );
          }
          total += info.size;
          if (total > limits.totalBytes) {
            return refuse(
              `the imported files come to more than ${formatBytes(limits.totalBytes)} together`,
            );
          }
          const contents = Buffer.alloc(info.size);
          const { bytesRead } = await handle.read(contents, 0, info.size, 0);
          return { contents: contents.subarray(0, bytesRead), loader };
        } finally {
          await handle.close();
        }
      });
    },
  };
}

function describe(message: Message): string {
  const where = message.location;
  return where === null
    ? message.text
    : `${where.file}:${where.line}:${where.column + 1}: ${message.text}`;
}

function isBuildFailure(error: unknown): error is BuildFailure {
  return error instanceof Error && Array.isArray((error as Partial<BuildFailure>).errors);
}

/** esbuild's options for one simulator: one ES module, confined to the submission's folder. */
function buildOptions(
  folder: string,
  entryPath: string,
  file: string,
  tsconfig: string,
  limits: BundleLimits,
): BuildOptions {
  const entryUrl = JSON.stringify(pathToFileURL(entryPath).href);
  return {
    entryPoints: [entryPath],
    absWorkingDir: folder,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile: file,
    sourcemap: "inline",
    tsconfig,
    logLevel: "silent",
    // The bundle lives elsewhere, but files next to the simulator must stay where the
    // student's code looks for them (one URL for every module: the entry's).
    define: {
      "import.meta.url": entryUrl,
      "import.meta.filename": JSON.stringify(entryPath),
      "import.meta.dirname": JSON.stringify(dirname(entryPath)),
      __filename: JSON.stringify(entryPath),
      __dirname: JSON.stringify(dirname(entryPath)),
    },
    // CommonJS-style code (require of node builtins) keeps working inside the ES module.
    banner: {
      js: `import { createRequire as __spikegradeRequire } from "node:module"; const require = __spikegradeRequire(${entryUrl});`,
    },
    plugins: [confineTo(folder), readInside(folder, limits)],
  };
}

/**
 * Bundles folder/entry into outFolder/simulator.mjs.
 * @param folder the submission folder, a real path
 */
export async function bundleSimulator(
  folder: string,
  entry: string,
  outFolder: string,
  limits: BundleLimits = BUNDLE_LIMITS,
): Promise<BundleResult> {
  const file = join(outFolder, "simulator.mjs");
  const entryPath = join(folder, entry);
  // A tsconfig of our own stops esbuild from reading one above the submission (or via extends).
  const tsconfig = join(outFolder, "tsconfig.json");
  await writeFile(tsconfig, "{}\n");
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), limits.timeoutMs);
  });
  // Loaded here, for a JavaScript or TypeScript simulator only: a Python one has no use for it.
  const { build, stop } = await import("esbuild");
  try {
    const building = build(buildOptions(folder, entryPath, file, tsconfig, limits));
    if ((await Promise.race([building, timedOut])) === "timeout") {
      // Stopping esbuild's service ends the stuck build; the next build starts a new one.
      building.catch(() => undefined);
      await stop();
      return {
        ok: false,
        message: `bundling ${entry} did not finish within ${limits.timeoutMs / 1000} s and was stopped`,
      };
    }
  } catch (error) {
    if (isBuildFailure(error)) {
      const shown = [...new Set(error.errors.map(describe))];
      const more = shown.length > 5 ? ` (and ${shown.length - 5} more)` : "";
      return {
        ok: false,
        message: `${entry} does not compile: ${shown.slice(0, 5).join("; ")}${more}`,
      };
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return { ok: true, file };
}
