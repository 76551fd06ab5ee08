/**
 * The Gradescope autograder bundle (`spikegrade gradescope --out autograder.zip`): a zip with
 * setup.sh and run_autograder at its root, as Gradescope's Autograder Specifications ask, beside
 * spikegrade's own npm tarball, which setup.sh installs, and, with --hidden, the course secret.
 * docs/gradescope.md walks an instructor from here to a published assignment.
 */

import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { ZipFile } from "yazl";
import { packageRoot } from "../protocol/package-root.js";
import { BundleSetupError } from "./refusals.js";
import { writeAtomic } from "./write-atomic.js";

const run = promisify(execFile);

export interface BundleOptions {
  /** The zip to write. */
  out: string;
  /** The course secret, put in the bundle so that the hidden checks run on Gradescope. */
  secret?: string;
  /**
   * A rubric file to grade with instead of the package's: it goes into the bundle as
   * rubric.json, which `spikegrade autograde` grades with when it is there (the CLI's
   * `gradescope --rubric FILE`, checked before it comes here).
   */
  rubric?: string;
}

export interface BundleEntry {
  name: string;
  bytes: number;
  mode: number;
}

export interface BundleSummary {
  path: string;
  entries: BundleEntry[];
  hidden: boolean;
}

/** The bundle's file that holds the course secret; run_autograder deletes it before grading. */
export const SECRET_FILE = "course-secret";

/** Every entry's time, so that the same inputs give the same zip, byte for byte. */
const ZIP_TIME = new Date("2000-01-01T00:00:00Z");

/** The folder of setup.sh and run_autograder, shipped in the package beside this module's source. */
function scriptsFolder(): string {
  return join(packageRoot(), "src", "grading", "autograder");
}

/**
 * `npm pack` of spikegrade's own package, as built: the tarball a course installs anywhere
 * (tests/install/global-install.test.ts installs the same). --ignore-scripts: dist/ is packed as
 * it is, never rebuilt here (an installed package has no compiler to rebuild it with).
 */
async function packPackage(into: string): Promise<string> {
  const root = packageRoot();
  if (!existsSync(join(root, "dist", "cli", "main.js"))) {
    throw new BundleSetupError(
      `spikegrade's built files (${join(root, "dist")}) are missing: run \`npm run build\` in ${root}, then make the bundle again`,
    );
  }
  try {
    const { stdout } = await run(
      "npm",
      ["pack", "--ignore-scripts", "--json", "--pack-destination", into],
      { cwd: root, maxBuffer: 64 * 1024 * 1024 },
    );
    const [packed] = JSON.parse(stdout) as { filename: string }[];
    return join(into, packed.filename);
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new BundleSetupError(
      `npm pack of spikegrade failed in ${root} (is npm on the PATH?): ${(stderr || message).trim().split("\n").slice(-3).join(" ")}`,
    );
  }
}

function zipped(entries: { name: string; content: Buffer; mode: number }[]): Promise<Buffer> {
  const zip = new ZipFile();
  for (const entry of entries) {
    zip.addBuffer(entry.content, entry.name, { mtime: ZIP_TIME, mode: 0o100000 | entry.mode });
  }
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on("data", (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on("error", reject);
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
  });
}

/** Writes the autograder bundle; with a secret, the zip is readable by its owner only. */
export async function writeAutograderBundle(options: BundleOptions): Promise<BundleSummary> {
  const scratch = await mkdtemp(join(tmpdir(), "spikegrade-bundle-"));
  try {
    const tarball = await packPackage(scratch);
    const scripts = scriptsFolder();
    const entries = [
      { name: "setup.sh", content: await readFile(join(scripts, "setup.sh")), mode: 0o755 },
      {
        name: "run_autograder",
        content: await readFile(join(scripts, "run_autograder")),
        mode: 0o755,
      },
      { name: tarball.slice(scratch.length + 1), content: await readFile(tarball), mode: 0o644 },
    ];
    if (options.rubric !== undefined) {
      entries.push({ name: "rubric.json", content: await readFile(options.rubric), mode: 0o644 });
    }
    if (options.secret !== undefined) {
      entries.push({ name: SECRET_FILE, content: Buffer.from(options.secret), mode: 0o600 });
    }
    const hidden = options.secret !== undefined;
    await writeAtomic(options.out, await zipped(entries), { mode: hidden ? 0o600 : 0o644 });
    return {
      path: options.out,
      entries: entries.map(({ name, content, mode }) => ({ name, bytes: content.length, mode })),
      hidden,
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
