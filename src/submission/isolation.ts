import { findBubblewrap } from "./bubblewrap.js";
import type { Isolation, IsolationRequest } from "./call-result.js";
import { ISOLATION_BLOCKS } from "./isolation-words.js";
import { findPython } from "./python-runtime.js";

export interface IsolationChoice {
  isolation: Isolation;
  /** What this isolation blocks, and why it was chosen: for the report. */
  note: string;
  /** bwrap's path when isolation is bubblewrap. */
  bubblewrap?: string;
}

function fallback(onNode: boolean, why: string): IsolationChoice {
  return onNode
    ? { isolation: "node-permission", note: `${ISOLATION_BLOCKS["node-permission"]} (${why})` }
    : { isolation: "rlimits", note: `${ISOLATION_BLOCKS.rlimits} (${why})` };
}

/**
 * The isolation a simulator gets. auto uses bubblewrap where it works and says why not where it
 * does not; bubblewrap insists on it (an Error when it cannot be had: the grader's setup, not
 * the student's fault); none never uses it.
 */
export async function chooseIsolation(
  request: IsolationRequest,
  onNode: boolean,
): Promise<IsolationChoice> {
  if (request === "none") return fallback(onNode, "bubblewrap not used, as asked");
  const found = await findBubblewrap();
  if (!found.ok) {
    if (request === "bubblewrap") throw new Error(`bubblewrap was asked for, but ${found.reason}`);
    return fallback(onNode, `no bubblewrap: ${found.reason}`);
  }
  const inner = onNode ? "Node's permission model inside" : "resource limits inside";
  return {
    isolation: "bubblewrap",
    note: `${found.version}: ${ISOLATION_BLOCKS.bubblewrap}; ${inner}`,
    bubblewrap: found.path,
  };
}

/** The environment variable that sets --isolation's default (tests force the fallback with it). */
export const ISOLATION_VARIABLE = "SPIKEGRADE_ISOLATION";

export type IsolationSummary = { ok: true; line: string } | { ok: false; message: string };

/**
 * Why a run must not go ahead in the fallback, or null: hidden checks graded where a Python
 * simulator could read the course secret (no bubblewrap, no Landlock in the kernel), unless the
 * fallback was asked for by name.
 */
export function fallbackRefusal(input: {
  request: IsolationRequest;
  hidden: boolean;
  landlock: number;
}): string | null {
  if (!input.hidden || input.landlock > 0 || input.request === "none") return null;
  return (
    "grading the hidden checks without bubblewrap needs a kernel with Landlock (Linux 5.13 or " +
    "later), or a Python simulator could read the course secret from this process's " +
    "environment; install bubblewrap, or pass --isolation none to grade anyway"
  );
}

/**
 * One line for the terminal, said once per run before any simulator starts: which isolation will
 * run and, without bubblewrap, what it does not guarantee. Not ok when bubblewrap was demanded
 * and cannot be had, or when hidden checks would run where the secret is not safe.
 */
export async function isolationSummary(
  request: IsolationRequest,
  options: { hidden?: boolean } = {},
): Promise<IsolationSummary> {
  const found = request === "none" ? null : await findBubblewrap();
  if (found?.ok) {
    return {
      ok: true,
      line:
        `Isolation: bubblewrap (${found.version}) around every simulator: no network, a read-only ` +
        "view of only what it needs, a private /tmp; Landlock and seccomp inside for Python where " +
        "the kernel has them.",
    };
  }
  const why = found === null ? "not used, as asked" : found.reason;
  if (request === "bubblewrap") {
    return { ok: false, message: `--isolation bubblewrap was asked for, but ${why}` };
  }
  const python = await findPython();
  const landlock = python.ok ? python.runtime.landlock : 0;
  const refusal = fallbackRefusal({ request, hidden: options.hidden ?? false, landlock });
  if (refusal !== null) return { ok: false, message: refusal };
  const kernel =
    landlock > 0
      ? `Python simulators run under Landlock (v${landlock} here) and seccomp`
      : "this kernel has no Landlock: Python simulators run under seccomp where it exists";
  return {
    ok: true,
    line:
      `Isolation: WITHOUT bubblewrap (${why}). ${kernel}, resource limits and an audit hook; ` +
      "JavaScript under Node's permission model, which leaves the network open. Not guaranteed " +
      "without bubblewrap: on a kernel without Landlock a Python simulator can read every file " +
      "this user can (the course secret in this process's environment among them). See SECURITY.md.",
  };
}
