/**
 * A control group of its own for each simulator, where the machine lets spikegrade make one:
 * a limit on processes and threads (RLIMIT_NPROC does nothing for root, and bubblewrap runs
 * the student as root inside), and a list of every process the student started, daemons that
 * left the process group included, so that all of them can be killed when the simulator is
 * closed. Where no group can be made, the watchdog counts threads instead (see simulator.ts).
 */

import { mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface TaskGroup {
  /** "cgroup v1" or "cgroup v2". */
  readonly mechanism: string;
  /** The file a process writes its pid to in order to join. */
  readonly procsFile: string;
  /** The processes in the group now. */
  members(): number[];
  /** SIGKILL to every member, repeated until none is left (a fork between reads is caught). */
  killAll(): void;
  /** Removes the group once it is empty; false while a member lingers. */
  remove(): boolean;
}

interface Mount {
  point: string;
  type: string;
  options: string[];
}

function mounts(): Mount[] {
  let text: string;
  try {
    text = readFileSync("/proc/self/mountinfo", "utf8");
  } catch {
    return [];
  }
  const found: Mount[] = [];
  for (const line of text.split("\n")) {
    // id parent major:minor root point options [optional...] - type source super-options
    const [left, right] = line.split(" - ");
    if (left === undefined || right === undefined) continue;
    const point = left.split(" ")[4];
    const [type, , superOptions] = right.split(" ");
    if (point === undefined || type === undefined) continue;
    found.push({
      point: point.replace(/\\040/g, " "),
      type,
      options: (superOptions ?? "").split(","),
    });
  }
  return found;
}

/** This process's cgroup path for a v1 controller, or for v2 when controller is "". */
function ownPath(controller: string): string | null {
  let text: string;
  try {
    text = readFileSync("/proc/self/cgroup", "utf8");
  } catch {
    return null;
  }
  for (const line of text.split("\n")) {
    const [id, controllers, path] = [
      line.slice(0, line.indexOf(":")),
      line.slice(line.indexOf(":") + 1, line.lastIndexOf(":")),
      line.slice(line.lastIndexOf(":") + 1),
    ];
    if (controller === "" && id === "0" && controllers === "") return path;
    if (controller !== "" && controllers.split(",").includes(controller)) return path;
  }
  return null;
}

let counter = 0;

function groupName(): string {
  counter += 1;
  return `${GROUP_PREFIX}${process.pid}-${counter}-${Date.now().toString(36)}`;
}

const GROUP_PREFIX = "spikegrade-";

/** Where this process's groups are made: its place in each pids hierarchy, v1 then v2. */
function groupParents(): { parent: string; mechanism: "cgroup v1" | "cgroup v2" }[] {
  const all = mounts();
  const parents: { parent: string; mechanism: "cgroup v1" | "cgroup v2" }[] = [];
  const v1 = all.find((m) => m.type === "cgroup" && m.options.includes("pids"));
  const v1Path = ownPath("pids");
  if (v1 !== undefined && v1Path !== null) {
    parents.push({ parent: join(v1.point, v1Path), mechanism: "cgroup v1" });
  }
  const v2 = all.find((m) => m.type === "cgroup2");
  const v2Path = ownPath("");
  if (v2 !== undefined && v2Path !== null) {
    parents.push({ parent: join(v2.point, v2Path), mechanism: "cgroup v2" });
  }
  return parents;
}

/**
 * Kills what is left in the groups a process made and removes them: for a grading worker killed
 * at its wall limit, which could not close its simulators.
 */
export function removeTaskGroupsOf(pid: number): void {
  for (const { parent } of groupParents()) {
    let names: string[];
    try {
      names = readdirSync(parent);
    } catch {
      continue;
    }
    for (const name of names) {
      if (!name.startsWith(`${GROUP_PREFIX}${pid}-`)) continue;
      const procs = join(parent, name, "cgroup.procs");
      for (let round = 0; round < 20; round++) {
        let alive: string[] = [];
        try {
          alive = readFileSync(procs, "utf8")
            .split("\n")
            .filter((l) => l !== "");
        } catch {
          break;
        }
        if (alive.length === 0) break;
        for (const member of alive) {
          try {
            process.kill(Number(member), "SIGKILL");
          } catch {
            // Gone.
          }
        }
      }
      try {
        rmdirSync(join(parent, name));
      } catch {
        // A member still exiting; the machine's owner can remove the empty group later.
      }
    }
  }
}

function makeGroup(parent: string, maxTasks: number, mechanism: string): TaskGroup | null {
  const folder = join(parent, groupName());
  try {
    mkdirSync(folder);
  } catch {
    return null;
  }
  try {
    writeFileSync(join(folder, "pids.max"), String(maxTasks));
  } catch {
    try {
      rmdirSync(folder);
    } catch {
      // Left for the machine's owner; it holds no process.
    }
    return null;
  }
  return groupAt(folder, mechanism);
}

/** The handle of a made group: its members, killing them all, removing it once empty. */
function groupAt(folder: string, mechanism: string): TaskGroup {
  const procsFile = join(folder, "cgroup.procs");
  const members = (): number[] => {
    try {
      return readFileSync(procsFile, "utf8")
        .split("\n")
        .filter((line) => line !== "")
        .map(Number);
    } catch {
      return [];
    }
  };
  return {
    mechanism,
    procsFile,
    members,
    killAll() {
      // cgroup v2 kills the whole group in one write; v1 needs the loop.
      try {
        writeFileSync(join(folder, "cgroup.kill"), "1");
      } catch {
        // Not v2, or a kernel before 5.14.
      }
      for (let round = 0; round < 20; round++) {
        const alive = members();
        if (alive.length === 0) return;
        for (const pid of alive) {
          try {
            process.kill(pid, "SIGKILL");
          } catch {
            // Gone already.
          }
        }
      }
    },
    remove() {
      try {
        rmdirSync(folder);
        return true;
      } catch {
        return false;
      }
    },
  };
}

/**
 * A new group limited to maxTasks processes and threads, or null where none can be made (no
 * cgroup file system, no pids controller, or no permission to write it).
 */
export function makeTaskGroup(maxTasks: number): TaskGroup | null {
  for (const { parent, mechanism } of groupParents()) {
    if (mechanism === "cgroup v2") {
      // A v2 group limits tasks only where the parent hands the pids controller down.
      let enabled = "";
      try {
        enabled = readFileSync(join(parent, "cgroup.subtree_control"), "utf8");
      } catch {
        // No such controller here.
      }
      if (!enabled.split(/\s+/).includes("pids")) continue;
    }
    const group = makeGroup(parent, maxTasks, mechanism);
    if (group !== null) return group;
  }
  return null;
}

/**
 * The command line that joins group before running command: through sh, so that the process
 * is in the group before it runs a line of anyone's code. A failed join (the group vanished)
 * still runs the command; the watchdog's thread count remains.
 */
export function joiningGroup(
  procsFile: string,
  command: string,
  args: readonly string[],
): { command: string; args: string[] } {
  return {
    command: "/bin/sh",
    args: [
      "-c",
      '{ echo $$ > "$1"; } 2>/dev/null; shift; exec "$@"',
      "sh",
      procsFile,
      command,
      ...args,
    ],
  };
}
