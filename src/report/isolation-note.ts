import type { CheckReport } from "../protocol/types.js";
import type { Isolation } from "../submission/call-result.js";
import { ISOLATION_BLOCKS } from "../submission/isolation-words.js";

/** The note for an isolation by name, or undefined for a name this report does not know. */
function defaultIsolationNote(isolation: string): string | undefined {
  return Object.hasOwn(ISOLATION_BLOCKS, isolation)
    ? `${ISOLATION_BLOCKS[isolation as Isolation]}.`
    : undefined;
}

/**
 * Which isolation a run had, in the words every output should use: the isolation's name and what
 * it blocks (the simulator's note, else the default), or, when none was recorded, why.
 */
export function isolationRan(
  report: Pick<CheckReport, "isolation" | "language">,
  note?: string,
): { isolation?: string; said?: string } {
  if (report.isolation !== undefined) {
    return { isolation: report.isolation, said: note ?? defaultIsolationNote(report.isolation) };
  }
  if (report.language === "results") {
    return { said: "none needed: a results-only submission runs no code." };
  }
  return { said: "not recorded: the simulator did not start." };
}
