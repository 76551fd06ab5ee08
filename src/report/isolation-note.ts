import type { CheckReport } from "../protocol/types.js";

/**
 * What each isolation of SPEC ("Untrusted code") blocks, in a sentence, for a report whose
 * caller has no note of its own (the simulator's own note, which also says why that isolation
 * was chosen, is better and is preferred when given).
 */
const NOTES: Record<string, string> = {
  bubblewrap:
    "no network, no writes outside a private temporary folder, no reads outside the submission's folder, spikegrade's runner and the language runtime; a time limit per call, a memory limit and a cap on output.",
  "node-permission":
    "Node's permission model allows reads only of the submission and spikegrade's runner, and no file writes, child processes or workers; the network is not blocked. A time limit per call, a memory limit and a cap on output.",
  rlimits:
    "limits on memory, CPU time, file size and processes, and an audit hook that refuses writes outside a private folder, new processes and network connections; files outside the submission can still be read.",
};

/** The note for an isolation by name, or undefined for a name this report does not know. */
function defaultIsolationNote(isolation: string): string | undefined {
  return Object.hasOwn(NOTES, isolation) ? NOTES[isolation] : undefined;
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
