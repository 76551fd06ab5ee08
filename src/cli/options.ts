import type { IsolationRequest } from "../submission/call-result.js";
import { ISOLATION_VARIABLE, isolationSummary } from "../submission/isolation.js";

/** Misuse of the command line: a message on stderr and exit 2 (SPEC). */
export function misuse(command: string, message: string): never {
  process.stderr.write(`spikegrade ${command}: ${message}\n`);
  process.exit(2);
}

/** --timeout SECONDS as milliseconds; anything but a positive number is misuse. */
export function parseTimeout(value: string, command: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    misuse(command, `--timeout must be a positive number of seconds, not ${JSON.stringify(value)}`);
  }
  return seconds * 1000;
}

const ISOLATIONS: Record<string, IsolationRequest> = {
  auto: "auto",
  bubblewrap: "bubblewrap",
  bwrap: "bubblewrap",
  none: "none",
};

/** --isolation (default: $SPIKEGRADE_ISOLATION, else auto); anything else is misuse. */
export function parseIsolation(value: string | undefined, command: string): IsolationRequest {
  const given = value ?? process.env[ISOLATION_VARIABLE] ?? "auto";
  const request = Object.hasOwn(ISOLATIONS, given) ? ISOLATIONS[given] : undefined;
  if (request === undefined) {
    const from = value === undefined ? `$${ISOLATION_VARIABLE}` : "--isolation";
    misuse(command, `${from} must be auto, bubblewrap or none, not ${JSON.stringify(given)}`);
  }
  return request;
}

/** Says once, on stderr, which isolation the run will have; misuse when it cannot be had. */
export async function announceIsolation(
  request: IsolationRequest,
  command: string,
  options: { hidden?: boolean } = {},
): Promise<void> {
  const summary = await isolationSummary(request, options);
  if (!summary.ok) misuse(command, summary.message);
  process.stderr.write(`${summary.line}\n`);
}

export const ISOLATION_OPTION_HELP =
  "auto (bubblewrap where it works, else the fallback), bubblewrap (refuse to run without it) or none; default $SPIKEGRADE_ISOLATION, else auto";
