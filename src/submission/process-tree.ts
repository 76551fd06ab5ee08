import { readdirSync, readFileSync } from "node:fs";

/**
 * The process ids of pid and all its descendants, from Linux's /proc/<pid>/task/<tid>/children.
 * Empty where /proc does not tell (not Linux, or the process is gone).
 */
export function processTree(pid: number): number[] {
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const next = queue.pop() as number;
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${next}/task`);
    } catch {
      continue;
    }
    found.push(next);
    for (const task of tasks) {
      try {
        const children = readFileSync(`/proc/${next}/task/${task}/children`, "utf8");
        for (const child of children.split(" ")) {
          if (child.trim() !== "") queue.push(Number(child));
        }
      } catch {
        // The task ended while we looked.
      }
    }
  }
  return found;
}

/** Resident memory of one process in bytes (VmRSS), 0 when unknown. */
export function residentBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match === null ? 0 : Number(match[1]) * 1024;
  } catch {
    return 0;
  }
}

/** Resident memory of pid and its descendants together, in bytes. */
export function treeResidentBytes(pid: number): number {
  let total = 0;
  for (const member of processTree(pid)) total += residentBytes(member);
  return total;
}

/** Threads of pid and its descendants together (a process counts its main thread). */
export function treeTaskCount(pid: number): number {
  let total = 0;
  for (const member of processTree(pid)) {
    try {
      const status = readFileSync(`/proc/${member}/status`, "utf8");
      const match = /^Threads:\s+(\d+)/m.exec(status);
      total += match === null ? 1 : Number(match[1]);
    } catch {
      // Gone.
    }
  }
  return total;
}
