import type { CheckReport } from "../../src/protocol/types.js";
import { ROOT, runCliAsync } from "../helpers/cli.js";

export interface CheckRun {
  code: number | null;
  /** The report `check --json` printed, when it printed one. */
  report: CheckReport | undefined;
  stderr: string;
}

/**
 * `spikegrade check DIR --json` as a student runs it: the real entry point, run by node on the
 * TypeScript sources (as tests/cli does, so no build can be stale), in a process of its own.
 */
export async function checkJson(dir: string, timeoutMs = 300_000): Promise<CheckRun> {
  const run = await runCliAsync(["check", dir, "--json"], { cwd: ROOT, timeoutMs });
  let report: CheckReport | undefined;
  try {
    report = JSON.parse(run.stdout) as CheckReport;
  } catch {
    report = undefined;
  }
  return { code: run.code, report, stderr: run.stderr };
}

/** fn over items with at most `limit` running at once; results in the items' order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Ids of the checks that did not pass: status fail or error. */
export function notPassing(report: CheckReport | undefined): string[] {
  return (report?.checks ?? [])
    .filter((c) => c.status === "fail" || c.status === "error")
    .map((c) => c.id);
}
