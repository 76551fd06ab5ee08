import { mkdtempSync, rmdirSync, type Stats, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { InvalidArgumentError, Option } from "commander";
import { parseShard } from "../grading/discover.js";
import { JOBS, type Rule, secretProblem, TIME_LIMIT } from "../grading/grade-options.js";
import { SECRET_VARIABLE } from "../grading/hidden-inputs.js";
import type { Shard } from "../protocol/types.js";
import type { IsolationRequest } from "../submission/call-result.js";
import { ISOLATION_VARIABLE, isolationSummary } from "../submission/isolation.js";
import { UsageError } from "./errors.js";

// commander's parsers of the values typed on the command line: each throws InvalidArgumentError,
// which commander reports (naming the option and the value) and the CLI ends with exit 2.

/** A number typed for flag that must satisfy rule. */
function numberBy(flag: string, rule: Rule<number>, unit = ""): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!rule.holds(value)) {
      throw new InvalidArgumentError(`${flag} must be ${rule.expected}${unit}`);
    }
    return value;
  };
}

/** --jobs N: gradeClass's own rule, checked as it is typed. */
export const parseJobs = numberBy("--jobs", JOBS);

const parseTimeoutSeconds = numberBy("--timeout", TIME_LIMIT, " of seconds");

/** --timeout SECONDS (default 60): the time limit of each simulator call, in ms. */
export function timeoutOption(): Option {
  return new Option("--timeout <seconds>", "time limit of each simulator call")
    .argParser((text) => parseTimeoutSeconds(text) * 1000)
    .default(60_000, "60");
}

/** --shard K/N. */
export function parseShardOption(text: string): Shard {
  const parsed = parseShard(text);
  if (!parsed.ok) throw new InvalidArgumentError(parsed.message);
  return parsed.shard;
}

/** A whole number of at least 1 for flag (--seeds). */
export function positiveInteger(flag: string): (text: string) => number {
  return numberBy(flag, {
    holds: (n) => Number.isInteger(n) && n >= 1,
    expected: "a positive integer",
  });
}

/** A folder argument that must exist; hint says which folder is meant. */
export function existingFolder(hint: string): (path: string) => string {
  return (path) => {
    if (!statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
      throw new InvalidArgumentError(`${path} is not a folder; ${hint}`);
    }
    return path;
  };
}

/** A folder, or a .zip file (a download to unpack), that must be there. */
export function existingFolderOrZip(hint: string): (path: string) => string {
  return (path) => {
    const found = statSync(path, { throwIfNoEntry: false });
    if (found?.isDirectory() || (found?.isFile() && /\.zip$/i.test(path))) return path;
    throw new InvalidArgumentError(`${path} is not a folder or a .zip file; ${hint}`);
  };
}

/**
 * A file argument that must be there and not be a folder; whatever else is wrong with it (a
 * pipe, unreadable, not JSON) is the command's to report as its finding.
 */
export function existingFile(path: string): string {
  let found: Stats | undefined;
  try {
    found = statSync(path);
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    if (code !== "ENOENT" && code !== "ENOTDIR") return path;
  }
  if (found === undefined) throw new InvalidArgumentError(`${basename(path)} is missing`);
  if (found.isDirectory()) {
    throw new InvalidArgumentError(`${basename(path)} is a folder; expected a JSON file`);
  }
  return path;
}

const ISOLATIONS: Record<string, IsolationRequest> = {
  auto: "auto",
  bubblewrap: "bubblewrap",
  bwrap: "bubblewrap",
  none: "none",
};

const ISOLATION_EXPECTED = "auto, bubblewrap or none";

function isolationNamed(name: string): IsolationRequest | undefined {
  return Object.hasOwn(ISOLATIONS, name) ? ISOLATIONS[name] : undefined;
}

/** --isolation HOW; without it, isolationRequest reads $SPIKEGRADE_ISOLATION. */
export function isolationOption(): Option {
  return new Option(
    "--isolation <how>",
    `auto (bubblewrap where it works, else the fallback), bubblewrap (refuse to run without it) or none; default $${ISOLATION_VARIABLE}, else auto`,
  ).argParser((text) => {
    const request = isolationNamed(text);
    if (request === undefined) {
      throw new InvalidArgumentError(`--isolation must be ${ISOLATION_EXPECTED}`);
    }
    return request;
  });
}

/**
 * The isolation asked for: --isolation's, else $SPIKEGRADE_ISOLATION's, else auto. The variable
 * is not typed on the command line, so a wrong value in it is the action's UsageError.
 */
export function isolationRequest(option: IsolationRequest | undefined): IsolationRequest {
  if (option !== undefined) return option;
  const given = process.env[ISOLATION_VARIABLE] ?? "auto";
  const request = isolationNamed(given);
  if (request === undefined) {
    throw new UsageError(
      `$${ISOLATION_VARIABLE} must be ${ISOLATION_EXPECTED}, not ${JSON.stringify(given)}`,
    );
  }
  return request;
}

/**
 * Says once, on stderr, which isolation the run will have; misuse when it cannot be had, as it
 * cannot without a temporary folder: each simulator's private one is made under TMPDIR.
 */
export async function announceIsolation(
  request: IsolationRequest,
  options: { hidden?: boolean } = {},
): Promise<void> {
  requireTemporaryFolder();
  const summary = await isolationSummary(request, options);
  if (!summary.ok) throw new UsageError(summary.message);
  process.stderr.write(`${summary.line}\n`);
}

/**
 * A folder can be made under TMPDIR (os.tmpdir()): a TMPDIR left pointing at a folder that is
 * gone, or a full /tmp, is said before any check runs, not as a crash at the first simulator.
 */
function requireTemporaryFolder(): void {
  const dir = tmpdir();
  try {
    rmdirSync(mkdtempSync(join(dir, "spikegrade-probe-")));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    const fix = process.env.TMPDIR
      ? `TMPDIR is ${dir}, where no folder can be made (${code}): set TMPDIR to a folder you can write in, or unset it`
      : `no folder can be made in ${dir} (${code}): free some space there, or set TMPDIR to a folder you can write in`;
    throw new UsageError(`${fix}; each simulator runs in a private folder made there`);
  }
}

/**
 * The course secret, taken out of the environment: from here it lives only in this process's
 * memory, and nothing started from now on (probes of the machine, workers) inherits it.
 * /proc/<pid>/environ still shows what this process was started with; SECURITY.md says which
 * isolations keep that out of reach.
 */
export function takeSecret(): string {
  const secret = process.env[SECRET_VARIABLE];
  delete process.env[SECRET_VARIABLE];
  const problem = secretProblem(secret);
  if (problem !== undefined || secret === undefined) {
    throw new UsageError(
      `--hidden needs the course secret in the environment variable ${SECRET_VARIABLE}, the same for the whole course: ${problem}`,
    );
  }
  return secret;
}
