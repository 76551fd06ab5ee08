/**
 * GitHub Classroom's two repositories (docs/github-classroom.md):
 *
 * - the starter an assignment's repositories are made from (`spikegrade init DIR --ci github`):
 *   a starter submission, and a workflow that runs the public checks on every push, writes the
 *   checklist into the run's summary, keeps the report as an artifact and fails while a check
 *   fails;
 * - the instructor's grading repository (`spikegrade init-classroom DIR`): a workflow that clones
 *   the class with `gh classroom clone student-repos`, grades it as a matrix of `--shard K/N`
 *   jobs and joins their parts with `spikegrade merge`.
 *
 * Both workflows install spikegrade with `npm install --global PACKAGE`. spikegrade is on no
 * registry, so by default PACKAGE is this very spikegrade, packed (`npm pack`) into the repository
 * as spikegrade-<version>.tgz: the repository carries the version its instructor ran, and a
 * student gets it with the starter. A course that serves its tarball elsewhere gives that PACKAGE.
 */

import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { packageRoot } from "../protocol/package-root.js";
import {
  InitError,
  type InitResult,
  initSubmission,
  type StarterLanguage,
} from "../submission/init.js";
import { SPIKEGRADE_VERSION } from "./version.js";
import { writeNewAtomic } from "./write-atomic.js";

/** Where each workflow goes, from the repository's root. */
export const STUDENT_WORKFLOW = ".github/workflows/spikegrade.yml";
export const GRADING_WORKFLOW = ".github/workflows/spikegrade-grade.yml";

/** The tarball of this spikegrade, as `npm pack` names it. */
export const TARBALL = `spikegrade-${SPIKEGRADE_VERSION}.tgz`;

/** Grading jobs a class may be split into: GitHub runs 256 jobs of a matrix at most. */
export const SHARDS = { min: 1, max: 64, default: 4 } as const;

/** What a starter repository keeps out of git: check's report, the runtimes' caches. */
const GITIGNORE = [
  "# spikegrade check's report (.spikegrade/report.html), rewritten on every check",
  ".spikegrade/",
  "__pycache__/",
  ".ipynb_checkpoints/",
  "node_modules/",
  "",
].join("\n");

/** Why spec cannot go into a workflow as what npm installs, or undefined if it can. */
export function packageSpecProblem(spec: string): string | undefined {
  if (spec.trim() === "") return "--package is empty; give an npm package spec or leave it out";
  if (/[\p{Cc}]/u.test(spec)) return "--package holds a line break or control character";
  // GitHub would evaluate ${{ ... }} in the workflow's env: a spec is text, never an expression.
  if (spec.includes("${{")) return "--package may not contain ${{ (GitHub would evaluate it)";
  return undefined;
}

/**
 * The template src/grading/github/<name> with each __NAME__ replaced by its value. A value goes
 * into YAML as JSON, whose strings YAML reads as they are.
 */
async function fill(name: string, values: Record<string, string>): Promise<string> {
  const template = await readFile(join(packageRoot(), "src", "grading", "github", name), "utf8");
  return template.replace(/__([A-Z_]+)__/g, (whole, key: string) => {
    if (!Object.hasOwn(values, key)) throw new Error(`${name} has ${whole}, which has no value`);
    return values[key];
  });
}

/** The student workflow, installing spikegrade from packageSpec. */
export async function studentWorkflow(packageSpec: string): Promise<string> {
  return fill("student-workflow.yml", {
    SPIKEGRADE_PACKAGE: JSON.stringify(packageSpec),
    SPIKEGRADE_VERSION,
  });
}

/** shards, or InitError where it is not a count of grading jobs a workflow may have. */
function shardCount(shards: number): number {
  if (!Number.isInteger(shards) || shards < SHARDS.min || shards > SHARDS.max) {
    throw new InitError(`--shards must be a whole number from ${SHARDS.min} to ${SHARDS.max}`);
  }
  return shards;
}

/** The grading workflow: shards jobs (1 to shards), installing spikegrade from packageSpec. */
export async function gradingWorkflow(packageSpec: string, shards: number): Promise<string> {
  shardCount(shards);
  return fill("grading-workflow.yml", {
    SPIKEGRADE_PACKAGE: JSON.stringify(packageSpec),
    SPIKEGRADE_VERSION,
    SHARDS: `[${Array.from({ length: shards }, (_, i) => i + 1).join(", ")}]`,
    SHARD_COUNT: String(shards),
  });
}

const run = promisify(execFile);

/**
 * Packs this spikegrade with `npm pack` into folder and returns the tarball's path. Throws
 * InitError, saying to give --package instead, where it cannot: a clone that was never built, no
 * npm on the PATH.
 */
async function packSpikegrade(folder: string): Promise<string> {
  const root = packageRoot();
  const instead = "or give --package with where the workflow should install spikegrade from";
  if (!existsSync(join(root, "dist", "cli", "main.js"))) {
    throw new InitError(
      `this spikegrade runs from a clone that was not built (${join(root, "dist")} is missing), so it cannot pack itself: run npm run build there first, ${instead}`,
    );
  }
  let stdout: string;
  try {
    ({ stdout } = await run(
      "npm",
      ["pack", "--ignore-scripts", "--json", "--pack-destination", folder, root],
      { timeout: 300_000, maxBuffer: 16 * 1024 * 1024 },
    ));
  } catch (error) {
    const said = (error as { stderr?: string }).stderr?.trim() || String(error);
    throw new InitError(`npm pack could not pack this spikegrade (${said}), ${instead}`);
  }
  const [packed] = JSON.parse(stdout) as { filename: string }[];
  return join(folder, packed.filename);
}

/** A file to write into a repository: its path from the root, and its content. */
type RepositoryFile = [path: string, content: string | Buffer];

/** InitError naming those of paths (from dir) that exist already; nothing is written. */
function refuseExisting(dir: string, paths: readonly string[]): void {
  const existing = paths.map((p) => join(dir, p)).filter((p) => existsSync(p));
  if (existing.length === 0) return;
  throw new InitError(
    `${existing.join(" and ")} already ${existing.length === 1 ? "exists" : "exist"}; spikegrade never overwrites a file (move ${existing.length === 1 ? "it" : "them"} away or pick another folder)`,
  );
}

async function writeFiles(dir: string, files: readonly RepositoryFile[]): Promise<string[]> {
  const written: string[] = [];
  for (const [path, content] of files) {
    const full = join(dir, path);
    await mkdir(dirname(full), { recursive: true });
    await writeNewAtomic(full, content);
    written.push(full);
  }
  return written;
}

/**
 * Where the workflow installs spikegrade from, and the files that come with it: packageSpec as
 * given, or this spikegrade packed into the repository (packed in a temporary folder first, so
 * that a failure leaves nothing behind); `then` writes them, and the temporary folder goes.
 */
async function withPackage<T>(
  packageSpec: string | undefined,
  then: (spec: string, files: RepositoryFile[]) => Promise<T>,
): Promise<T> {
  if (packageSpec !== undefined) {
    const problem = packageSpecProblem(packageSpec);
    if (problem !== undefined) throw new InitError(problem);
    return then(packageSpec, []);
  }
  const scratch = await mkdtemp(join(tmpdir(), "spikegrade-pack-"));
  try {
    const tarball = await packSpikegrade(scratch);
    return await then(`./${TARBALL}`, [[TARBALL, await readFile(tarball)]]);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

export interface StarterRepositoryOptions {
  dir: string;
  language: StarterLanguage;
  team?: string;
  /** What the workflow installs (npm install --global PACKAGE); default: this spikegrade, packed. */
  packageSpec?: string;
}

/**
 * `init DIR --ci github`: the starter submission (initSubmission), .gitignore, the student
 * workflow, and the spikegrade tarball unless packageSpec says where else it comes from. Throws
 * InitError, having written nothing, where any of these files exists or spikegrade cannot pack
 * itself.
 */
export async function initStarterRepository(
  options: StarterRepositoryOptions,
): Promise<InitResult> {
  const own = [".gitignore", STUDENT_WORKFLOW];
  if (options.packageSpec === undefined) own.push(TARBALL);
  refuseExisting(options.dir, own);
  return withPackage(options.packageSpec, async (spec, tarball) => {
    const starter = await initSubmission(options);
    const files = await writeFiles(options.dir, [
      [".gitignore", GITIGNORE],
      [STUDENT_WORKFLOW, await studentWorkflow(spec)],
      ...tarball,
    ]);
    return { team: starter.team, files: [...starter.files, ...files] };
  });
}

export interface GradingRepositoryOptions {
  dir: string;
  /** The grading jobs the class is split into (SHARDS.default). */
  shards?: number;
  packageSpec?: string;
}

/**
 * `init-classroom DIR`: the grading workflow and the spikegrade tarball (unless packageSpec says
 * where else it comes from) in the instructor's grading repository. Throws InitError, having
 * written nothing, where a file exists already or spikegrade cannot pack itself.
 */
export async function initGradingRepository(
  options: GradingRepositoryOptions,
): Promise<{ files: string[] }> {
  const shards = shardCount(options.shards ?? SHARDS.default);
  const own = [GRADING_WORKFLOW];
  if (options.packageSpec === undefined) own.push(TARBALL);
  refuseExisting(options.dir, own);
  return withPackage(options.packageSpec, async (spec, tarball) => ({
    files: await writeFiles(options.dir, [
      [GRADING_WORKFLOW, await gradingWorkflow(spec, shards)],
      ...tarball,
    ]),
  }));
}
