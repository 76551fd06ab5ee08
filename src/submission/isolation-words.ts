import type { Isolation } from "./call-result.js";

/**
 * What each isolation blocks, in the words every output uses: the note chosen with a simulator
 * (which adds why and, for bubblewrap, its version and what runs inside) and a report's note when
 * none was recorded.
 */
export const ISOLATION_BLOCKS: Record<Isolation, string> = {
  bubblewrap:
    "no network, no capabilities, a read-only view of only the submission, spikegrade's runner and the language runtime, a private /tmp",
  "node-permission":
    "Node's permission model: reads only of the submission, its bundle and spikegrade's runner; no file writes, child processes or workers; the network is not restricted",
  rlimits:
    "resource limits (memory, CPU time, file size, processes) and an audit hook that refuses writes outside a private folder, new processes and network connections; files outside the submission can still be read",
};
