import { rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TaskGroup } from "./cgroup.js";

// Private folders and control groups of simulators not yet closed, removed if the grader exits
// without closing them (an uncaught error, a closed stdout, a signal the CLI turns into an
// exit): temporary folders must not pile up, nor student processes outlive the grader.
const openFolders = new Set<string>();
export const liveTaskGroups = new Set<TaskGroup>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const group of liveTaskGroups) {
      group.killAll();
      group.remove();
    }
    for (const open of openFolders) rmSync(open, { recursive: true, force: true });
  });
}

/** A new private folder for one simulator (its TMPDIR, its bundle), removed at exit if still open. */
export async function makePrivateFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), "spikegrade-"));
  openFolders.add(folder);
  installExitHook();
  return folder;
}

/** Removes a simulator's private folder now. */
export async function removePrivateFolder(folder: string): Promise<void> {
  await rm(folder, { recursive: true, force: true });
  openFolders.delete(folder);
}
