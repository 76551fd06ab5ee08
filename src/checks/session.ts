import type {
  CallFailure,
  CallResult,
  FailureKind,
  SimulatorFunction,
} from "../submission/call-result.js";

/** What a restart of the simulator gave: a LoadResult satisfies it. */
export type ReopenResult = { ok: true } | { ok: false; message: string };

/**
 * What the checks need of a simulator (src/submission's Simulator satisfies it): one call at a
 * time, each ending in a CallResult, never a rejection. reopen, where the caller can offer it,
 * starts a fresh process after the old one stopped (timeout, crash, exit, memory, output).
 */
export interface CheckSimulator {
  call(fn: SimulatorFunction, request: object): Promise<CallResult>;
  /** The simulator's language ("python", "notebook", ...), so messages use its own terms. */
  readonly language?: string;
  reopen?: () => Promise<ReopenResult>;
}

/** Failures after which the simulator's process is gone (src/submission stops it for these). */
const PROCESS_GONE: readonly FailureKind[] = [
  "timeout",
  "crash",
  "exit",
  "memory",
  "output",
  "load",
];

/**
 * The simulator as the checks use it across a run. After a failure that ended the process it
 * restarts the simulator before the next check (prepare); when it cannot, every later check is
 * told the simulator stopped, and why.
 */
/**
 * After this many time-outs of one function it is not asked again in the run: a simulator that
 * hangs hangs on the next input too, and each time-out costs the whole time limit (a minute by
 * default) of a class's grading.
 */
const TIMEOUTS_BEFORE_GIVING_UP = 2;

export class SimulatorSession {
  private readonly timeouts = new Map<SimulatorFunction, CallFailure[]>();
  private pending: { during: string; failure: CallFailure } | undefined;
  private stoppedMessage: string | undefined;
  /** The check (or composition step) now running, for "the simulator stopped after ...". */
  during = "";

  constructor(private readonly simulator: CheckSimulator) {}

  /** The simulator's language, if known. */
  get language(): string | undefined {
    return this.simulator.language;
  }

  /** Why the simulator can no longer be called, if it cannot. */
  get stopped(): string | undefined {
    return this.stoppedMessage;
  }

  /** Restarts the simulator if the last failure ended its process. */
  async prepare(): Promise<void> {
    const pending = this.pending;
    if (pending === undefined || this.stoppedMessage !== undefined) return;
    this.pending = undefined;
    const reason = `the simulator stopped after ${pending.during} (${pending.failure.message})`;
    if (this.simulator.reopen === undefined) {
      this.stoppedMessage = reason;
      return;
    }
    let reopened: ReopenResult;
    try {
      reopened = await this.simulator.reopen();
    } catch (error) {
      reopened = { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    if (!reopened.ok) this.stoppedMessage = `${reason}; restarting it failed: ${reopened.message}`;
  }

  async call(fn: SimulatorFunction, request: object): Promise<CallResult> {
    if (this.stoppedMessage !== undefined) {
      return { ok: false, kind: "exit", message: this.stoppedMessage };
    }
    const hung = this.timeouts.get(fn) ?? [];
    if (hung.length >= TIMEOUTS_BEFORE_GIVING_UP) {
      return {
        ok: false,
        kind: "timeout",
        message: `${fn} was not asked again: it did not answer within the time limit ${hung.length} times (${hung[hung.length - 1].message})`,
      };
    }
    const result = await this.simulator.call(fn, request);
    if (!result.ok && result.kind === "timeout") this.timeouts.set(fn, [...hung, result]);
    if (!result.ok && this.endsProcess(result.kind)) {
      this.pending = { during: this.during, failure: result };
    }
    return result;
  }

  /**
   * Whether to restart after a failure. A "protocol" failure may or may not have ended the
   * process (a value that is not JSON leaves it running): a restart is harmless when one is on
   * offer, and without one the next call finds out.
   */
  private endsProcess(kind: FailureKind): boolean {
    if (PROCESS_GONE.includes(kind)) return true;
    return kind === "protocol" && this.simulator.reopen !== undefined;
  }
}
