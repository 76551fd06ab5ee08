import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CANONICAL_NEURON } from "../../src/protocol/canonical.js";
import { findBubblewrap } from "../../src/submission/bubblewrap.js";
import type { CallResult, IsolationRequest } from "../../src/submission/call-result.js";
import {
  openSimulator,
  type Simulator,
  type SimulatorOptions,
} from "../../src/submission/simulator.js";

const here = dirname(fileURLToPath(import.meta.url));

export const HOSTILE = resolve(here, "../fixtures/hostile");
const GOOD = resolve(here, "fixtures");

export function hostile(name: string): string {
  return join(HOSTILE, name);
}

export function good(name: string): string {
  return join(GOOD, name);
}

const bubblewrap = await findBubblewrap();

/** Isolations to test: "none" everywhere, "bubblewrap" where this machine can make a sandbox. */
export const ISOLATIONS: IsolationRequest[] = bubblewrap.ok ? ["none", "bubblewrap"] : ["none"];
export const HAS_BUBBLEWRAP = bubblewrap.ok;

/** Whether this kernel has Landlock, which the Python runner applies in every isolation. */
export const HAS_LANDLOCK = (() => {
  const probe =
    "import ctypes; l = ctypes.CDLL(None); l.syscall.restype = ctypes.c_long; " +
    "print(l.syscall(444, None, ctypes.c_size_t(0), ctypes.c_uint32(1)))";
  try {
    return Number(execFileSync("python3", ["-c", probe], { encoding: "utf8" }).trim()) > 0;
  } catch {
    return false;
  }
})();

/** Opens a simulator, runs body, and always closes it. */
export async function withSimulator<T>(
  options: SimulatorOptions,
  body: (simulator: Simulator) => Promise<T>,
): Promise<T> {
  const simulator = await openSimulator(options);
  try {
    return await body(simulator);
  } finally {
    await simulator.close();
  }
}

export function answerOf(result: CallResult): Record<string, unknown> {
  if (!result.ok) throw new Error(`expected success, got ${result.kind}: ${result.message}`);
  return result.value as Record<string, unknown>;
}

/** Every file under folder with its content hash: to show a folder was left as it was. */
export function snapshot(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) walk(path);
      else
        files[relative(folder, path)] = createHash("sha256")
          .update(readFileSync(path))
          .digest("hex");
    }
  };
  walk(folder);
  return files;
}

export interface ChildInfo {
  pid: number;
  state: string;
  command: string;
}

/** This process's children (zombies included), leaving out esbuild's long-lived service. */
export function childProcesses(): ChildInfo[] {
  const children: ChildInfo[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, "utf8");
    } catch {
      continue;
    }
    // pid (comm) state ppid ...: comm may hold spaces, so split after its closing parenthesis.
    const close = stat.lastIndexOf(")");
    const command = stat.slice(stat.indexOf("(") + 1, close);
    const [state, ppid] = stat.slice(close + 2).split(" ");
    if (Number(ppid) === process.pid && command !== "esbuild") {
      children.push({ pid: Number(name), state, command });
    }
  }
  return children;
}

export const STEP = {
  kind: "step",
  dtMs: 0.5,
  durationMs: 1000,
  onsetMs: 50,
  offsetMs: 950,
  meanPa: 150,
} as const;

export const NEURON = { ...CANONICAL_NEURON };
