/**
 * The command line that starts a student simulator: runtime, runner, limits and, where chosen,
 * the bubblewrap sandbox around it. Building it is separate from running it so that what each
 * isolation grants can be read in one place.
 */

import { realpathSync } from "node:fs";
import { mkdir, realpath } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { packageRoot } from "../protocol/package-root.js";
import { bubblewrapArgs } from "./bubblewrap.js";
import { bundleSimulator } from "./bundle.js";
import { studentEnvironment } from "./environment.js";
import type { IsolationChoice } from "./isolation.js";
import type { SimulatorLanguage } from "./language.js";
import { findPython } from "./python-runtime.js";
import { NODE_RUNNER, PYTHON_RUNNER, PYTHON_STAND_INS, runnersFolder } from "./runner-files.js";

export interface LaunchPlan {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

export type PlanResult = { ok: true; plan: LaunchPlan } | { ok: false; message: string };

export interface PlanInput {
  language: SimulatorLanguage;
  /** The submission folder and the entry inside it, real paths. */
  folder: string;
  entryPath: string;
  /** The entry as the student named it, for messages. */
  display: string;
  /** spikegrade's private folder for this simulator (bundle, and /tmp when not sandboxed). */
  privateFolder: string;
  isolation: IsolationChoice;
  memoryMiB: number;
  cpuSeconds: number;
  tmpBytes: number;
  /** The Python command; where absent, the one findPython chooses. */
  python?: string;
}

const MIB = 1024 * 1024;

/** Where the student's private temporary folder is, as the student's process sees it. */
function studentTmp(input: PlanInput): string {
  return input.isolation.bubblewrap !== undefined ? "/tmp" : join(input.privateFolder, "tmp");
}

function wrap(input: PlanInput, plan: LaunchPlan, readOnly: string[]): LaunchPlan {
  const bwrap = input.isolation.bubblewrap;
  if (bwrap === undefined) return plan;
  const layout = {
    readOnly,
    // spikegrade's own files (rubric, tolerances, hidden-input code) stay out of sight even when
    // a global install puts them under /usr, which the sandbox shows whole.
    hidden: [realpathSync(packageRoot())],
    tmpBytes: input.tmpBytes,
    cwd: plan.cwd,
    env: plan.env,
  };
  return {
    command: bwrap,
    args: [...bubblewrapArgs(layout), plan.command, ...plan.args],
    cwd: "/",
    env: {},
  };
}

export async function planLaunch(input: PlanInput): Promise<PlanResult> {
  await mkdir(join(input.privateFolder, "tmp"), { recursive: true });
  return input.language === "python" || input.language === "notebook"
    ? planPython(input)
    : planNode(input);
}

async function planNode(input: PlanInput): Promise<PlanResult> {
  const bundleFolder = join(input.privateFolder, "bundle");
  await mkdir(bundleFolder, { recursive: true });
  const bundled = await bundleSimulator(
    input.folder,
    relative(input.folder, input.entryPath),
    bundleFolder,
  );
  if (!bundled.ok) return { ok: false, message: bundled.message };
  const runners = runnersFolder();
  const node = await realpath(process.execPath);
  const config = { bundle: bundled.file, display: input.display, memoryMiB: input.memoryMiB };
  const nodeArgs = [
    permissionFlag(process.versions.node),
    `--allow-fs-read=${input.folder}`,
    `--allow-fs-read=${bundleFolder}`,
    `--allow-fs-read=${runners}`,
    `--max-old-space-size=${input.memoryMiB}`,
    "--disable-warning=ExperimentalWarning",
    "--enable-source-maps",
    join(runners, NODE_RUNNER),
    JSON.stringify(config),
  ];
  // Through sh to switch core dumps off (a V8 out-of-memory abort would otherwise leave a core
  // file in the submission folder; Node cannot set its own rlimits) and to send stderr down
  // stdout's pipe, so the log keeps the order in which things were printed.
  const plan: LaunchPlan = {
    command: "/bin/sh",
    args: ["-c", 'ulimit -c 0; exec "$0" "$@" 2>&1', node, ...nodeArgs],
    cwd: input.folder,
    env: studentEnvironment(studentTmp(input)),
  };
  const nodePrefix = dirname(dirname(node));
  return {
    ok: true,
    plan: wrap(input, plan, [input.folder, bundleFolder, runners, nodePrefix]),
  };
}

async function planPython(input: PlanInput): Promise<PlanResult> {
  const found = await findPython(input.python);
  if (!found.ok) {
    return { ok: false, message: `${input.display} needs Python, but ${found.reason}` };
  }
  const { runtime } = found;
  const runners = runnersFolder();
  const config = {
    entry: input.entryPath,
    display: input.display,
    language: input.language,
    folder: input.folder,
    memoryBytes: input.memoryMiB * MIB,
    cpuSeconds: input.cpuSeconds,
    fileBytes: input.tmpBytes,
    writableRoot: studentTmp(input),
    extraPaths: runtime.packagePaths,
    // Shown in the sandbox with the runners; the runner adds it to sys.path only where
    // matplotlib cannot be imported otherwise.
    standIns: join(runners, PYTHON_STAND_INS),
  };
  const plan: LaunchPlan = {
    command: runtime.executable,
    args: ["-I", "-B", join(runners, PYTHON_RUNNER), JSON.stringify(config)],
    // The submission folder, so that relative reads of the student's own files work. Writes
    // there are refused: the sandbox shows it read-only, and outside one the runner's guard
    // refuses writes outside the private folder, so both isolations behave the same.
    cwd: input.folder,
    env: studentEnvironment(studentTmp(input)),
  };
  const readOnly = [input.folder, runners, ...runtime.prefixes, ...runtime.packagePaths];
  return { ok: true, plan: wrap(input, plan, readOnly) };
}

/**
 * The flag that turns Node's permission model on: --experimental-permission up to Node 22.12,
 * --permission from 22.13 (when the model became stable), the only spelling Node 24 and later
 * accept.
 */
export function permissionFlag(version: string): string {
  const [major, minor] = version.split(".").map(Number);
  return major > 22 || (major === 22 && minor >= 13) ? "--permission" : "--experimental-permission";
}
