import { execFile } from "node:child_process";
import { join } from "node:path";
import type { CheckReport } from "../../src/protocol/types.js";

const root = join(import.meta.dirname, "../..");

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
export function checkJson(dir: string, timeoutMs = 300_000): Promise<CheckRun> {
  const args = [
    "--import",
    join(root, "dev/register.mjs"),
    join(root, "src/cli/main.ts"),
    "check",
    dir,
    "--json",
  ];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      {
        cwd: root,
        timeout: timeoutMs,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, NO_COLOR: "1" },
      },
      (error, stdout, stderr) => {
        let report: CheckReport | undefined;
        try {
          report = JSON.parse(stdout) as CheckReport;
        } catch {
          report = undefined;
        }
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : null;
        resolve({ code, report, stderr });
      },
    );
  });
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
