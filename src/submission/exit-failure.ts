import { constants } from "node:os";
import type { CallFailure } from "./call-result.js";
import type { ProcessExit } from "./child-process.js";

export interface ExitContext {
  /** "while loading simulator.py", "while running simulateNeuron", "between calls". */
  where: string;
  /** The last output of the process: how it died is often written there. */
  tail: string;
  memoryMiB: number;
  cpuSeconds: number;
  /** bwrap reports a child killed by signal N as exit code 128 + N. */
  viaBubblewrap: boolean;
}

const OUT_OF_MEMORY = /JavaScript heap out of memory|Reached heap limit|std::bad_alloc/;

function signalName(number: number): NodeJS.Signals | null {
  for (const [name, value] of Object.entries(constants.signals)) {
    if (value === number) return name as NodeJS.Signals;
  }
  return null;
}

/** Why a student process ended when nobody stopped it, as a failure a student can act on. */
export function exitFailure(exit: ProcessExit, context: ExitContext): CallFailure {
  const { where } = context;
  if (exit.error !== undefined) {
    return {
      ok: false,
      kind: "crash",
      message: `the simulator's process could not start (${exit.error})`,
    };
  }
  let signal = exit.signal;
  let code = exit.code;
  if (context.viaBubblewrap && code !== null && code > 128 && code <= 128 + 64) {
    signal = signalName(code - 128) ?? signal;
    if (signal !== null) code = null;
  }
  const failed = signal !== null || code !== 0;
  if (failed && OUT_OF_MEMORY.test(context.tail)) {
    return {
      ok: false,
      kind: "memory",
      message: `JavaScript heap out of memory: the simulator went over its ${context.memoryMiB} MiB memory limit ${where}; the process was stopped`,
    };
  }
  if (signal === "SIGXCPU") {
    return {
      ok: false,
      kind: "timeout",
      message: `the simulator used up its CPU time budget of ${context.cpuSeconds} s ${where}; the process was stopped`,
    };
  }
  if (signal !== null) {
    return {
      ok: false,
      kind: "crash",
      message: `the process crashed (${signal}) ${where}; see the log`,
    };
  }
  return { ok: false, kind: "exit", message: `the process exited with code ${code} ${where}` };
}
