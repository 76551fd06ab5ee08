/**
 * What a call into a student's simulator gives back. A failure is a value with a message a
 * student can act on, never a thrown error: one broken submission must not stop a grading run.
 */

export type SimulatorFunction = "makeStimulus" | "simulateNeuron";

/**
 * - timeout: a call (or loading) ran past its time limit, or the CPU budget ran out
 * - crash: the process died from a signal (segfault, abort)
 * - exit: the process exited by itself (sys.exit, process.exit)
 * - memory: the simulator went over its memory limit, or its limit on processes and threads
 * - output: the simulator printed past the hard output limit
 * - protocol: the response cannot be carried (not JSON), or the process broke the channel
 * - exception: the function raised or threw; the process lives on
 * - load: the module does not load, or does not provide both functions
 */
export type FailureKind =
  | "timeout"
  | "crash"
  | "exit"
  | "memory"
  | "output"
  | "protocol"
  | "exception"
  | "load";

export interface CallFailure {
  ok: false;
  kind: FailureKind;
  message: string;
}

export interface CallSuccess {
  ok: true;
  /** The response as the simulator sent it: plain JSON, non-finite numbers as markers. */
  value: unknown;
  /** Wall-clock time of the call as the grader saw it, in ms. */
  ms: number;
}

export type CallResult = CallSuccess | CallFailure;

/** Whether the module loaded and provides both functions; ms is the load time. */
export type LoadResult =
  | {
      ok: true;
      ms: number;
      /** A notebook's cells that raised while loading (the functions may miss what they define). */
      failedCells?: number[];
      /** What each of failedCells raised, in one short line ("NameError: ..."), as the runner said. */
      cellErrors?: string[];
    }
  | CallFailure;

/** What kept the student's code in: what a report states beside the results. */
export type Isolation = "bubblewrap" | "node-permission" | "rlimits";

/** auto: bubblewrap where it works, else the fallback; none: never bubblewrap. */
export type IsolationRequest = "auto" | "bubblewrap" | "none";
