import type { CallFailure, CallResult, Isolation } from "./call-result.js";
import type { SimulatorLanguage } from "./language.js";
import type { Simulator } from "./simulator.js";

/** A simulator that never started: every call gives the reason. */
export class FailedSimulator implements Simulator {
  readonly loadCheck: CallFailure;
  readonly tampered = null;

  constructor(
    readonly entry: string,
    readonly language: SimulatorLanguage | undefined,
    readonly isolation: Isolation,
    readonly isolationNote: string,
    message: string,
  ) {
    this.loadCheck = { ok: false, kind: "load", message };
  }

  async call(): Promise<CallResult> {
    return this.loadCheck;
  }

  log(): string {
    return `[spikegrade] ${this.loadCheck.message}\n`;
  }

  async close(): Promise<void> {}
}
