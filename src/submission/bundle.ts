/**
 * A JavaScript or TypeScript simulator and its local imports, bundled by esbuild into one ES
 * module in a private folder: types stripped, `./x.js` resolved to `./x.ts` as TypeScript does,
 * and no file outside the submission folder pulled in (esbuild runs in the grader, unconfined).
 */

import { writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { type BuildFailure, build, type Message, type Plugin } from "esbuild";

export type BundleResult = { ok: true; file: string } | { ok: false; message: string };

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

function describe(message: Message): string {
  const where = message.location;
  return where === null
    ? message.text
    : `${where.file}:${where.line}:${where.column + 1}: ${message.text}`;
}

function isBuildFailure(error: unknown): error is BuildFailure {
  return error instanceof Error && Array.isArray((error as Partial<BuildFailure>).errors);
}

/**
 * Bundles folder/entry into outFolder/simulator.mjs.
 * @param folder the submission folder, a real path
 */
export async function bundleSimulator(
  folder: string,
  entry: string,
  outFolder: string,
): Promise<BundleResult> {
  const file = join(outFolder, "simulator.mjs");
  const entryPath = join(folder, entry);
  const entryUrl = JSON.stringify(pathToFileURL(entryPath).href);
  // A tsconfig of our own stops esbuild from reading one above the submission (or via extends).
  const tsconfig = join(outFolder, "tsconfig.json");
  await writeFile(tsconfig, "{}\n");
  try {
    await build({
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
      plugins: [confineTo(folder)],
    });
  } catch (error) {
    if (isBuildFailure(error)) {
      const shown = error.errors.slice(0, 5).map(describe);
      const more = error.errors.length > 5 ? ` (and ${error.errors.length - 5} more)` : "";
      return { ok: false, message: `${entry} does not compile: ${shown.join("; ")}${more}` };
    }
    throw error;
  }
  return { ok: true, file };
}
