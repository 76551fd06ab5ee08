// Every hostile submission of tests/fixtures/hostile (and the ones git cannot hold: a named pipe,
// a link to /, a 2 GB sparse file, planted bytecode), graded as `grade` grades a team, in each
// isolation this machine has: the verdict, the time to it, and whether anything changed outside
// the grader's own temporary folders. `npm run hostile -- [--json]`; the table of issue 8's
// closing note. Exits 1 when something changed that should not have.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { loadGradingReference } from "../../src/checks/load-reference.js";
import { checkSubmission } from "../../src/grading/check-submission.js";
import type { IsolationRequest } from "../../src/submission/call-result.js";
import { ISOLATIONS } from "../submission/helpers.js";

const root = join(import.meta.dirname, "../..");
const HOSTILE = join(root, "tests/fixtures/hostile");

interface Row {
  attack: string;
  isolation: IsolationRequest;
  score: string;
  verdict: string;
  seconds: number;
  changed: string[];
}

/** Every file under folder with its content hash (links by target), to see what changed. */
function snapshot(folder: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, name.name);
      if (name.isDirectory()) walk(path);
      else if (name.isFile()) {
        const size = statSync(path).size;
        // The 2 GB sparse file of an attack is known by its size.
        const hash =
          size > 64 * 1024 * 1024
            ? `size:${size}`
            : createHash("sha256").update(readFileSync(path)).digest("hex");
        files.set(relative(folder, path), hash);
      } else files.set(relative(folder, path), "special");
    }
  };
  walk(folder);
  return files;
}

function changedBetween(before: Map<string, string>, after: Map<string, string>): string[] {
  const changed: string[] = [];
  for (const [path, hash] of after) if (before.get(path) !== hash) changed.push(path);
  for (const path of before.keys()) if (!after.has(path)) changed.push(`${path} (removed)`);
  return changed;
}

/** The attacks git cannot hold, made in a team folder at run time. */
const MADE: Record<string, (dir: string) => void> = {
  "fifo-manifest": (dir) => {
    rmSync(join(dir, "submission.json"));
    execFileSync("mkfifo", [join(dir, "submission.json")]);
  },
  "link-to-root": (dir) => symlinkSync("/", join(dir, "root")),
  "sparse-2gb": (dir) => execFileSync("truncate", ["-s", "2G", join(dir, "big.npy")]),
};

function team(scratch: string, name: string, fixture: string): string {
  const dir = join(scratch, name);
  cpSync(join(HOSTILE, fixture), dir, { recursive: true });
  const entry = readdirSync(dir).find((f) => /^simulator\.|\.ipynb$/.test(f)) ?? "simulator.py";
  writeFileSync(
    join(dir, "submission.json"),
    JSON.stringify({ team: name, members: [{ id: "s1", name: "Eve" }], simulator: { entry } }),
  );
  return dir;
}

export async function runHostile(): Promise<Row[]> {
  const reference = await loadGradingReference();
  if (!reference.ok) throw new Error("the reference cannot be loaded");
  const scratch = mkdtempSync(join(tmpdir(), "spikegrade-hostile-"));
  // A stand-in for the rest of the machine: the class beside the team, and the grader's files.
  const watched = [scratch, HOSTILE, join(root, "reference"), join(root, "src")];
  const rows: Row[] = [];
  try {
    const attacks = [
      ...readdirSync(HOSTILE)
        .sort()
        .map((f) => ({ name: f, fixture: f, make: undefined })),
      ...Object.entries(MADE).map(([name, make]) => ({ name, fixture: "crash-py", make })),
    ];
    for (const isolation of ISOLATIONS) {
      for (const attack of attacks) {
        const dir = team(scratch, `${attack.name}-${isolation}`.toLowerCase(), attack.fixture);
        attack.make?.(dir);
        const before = watched.map((w) => snapshot(w));
        const started = performance.now();
        const checked = await checkSubmission({
          dir,
          teamFrom: "folder",
          reference: reference.value,
          timeoutMs: 3000,
          isolation,
        });
        const seconds = (performance.now() - started) / 1000;
        const changed = watched.flatMap((w, i) =>
          changedBetween(before[i], snapshot(w)).map((p) => join(relative(root, w) || w, p)),
        );
        const { report } = checked;
        const firstProblem = report.checks.find((c) => c.status !== "pass" && c.maxPoints > 0);
        rows.push({
          attack: attack.name,
          isolation,
          score: `${report.score}/${report.maxScore}`,
          verdict: firstProblem
            ? `${firstProblem.id} ${firstProblem.status}: ${firstProblem.message.split("\n")[0].slice(0, 110)}`
            : "passed",
          seconds: Math.round(seconds * 10) / 10,
          changed,
        });
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return rows;
}

if (process.argv[1] === import.meta.filename) {
  const rows = await runHostile();
  if (process.argv.includes("--json")) {
    process.stdout.write(`${JSON.stringify(rows)}\n`);
  } else {
    console.log("| attack | isolation | score | verdict | lost | s |");
    console.log("|---|---|---|---|---|---|");
    for (const r of rows) {
      const lost = r.changed.length === 0 ? "nothing" : r.changed.join(", ");
      console.log(
        `| ${r.attack} | ${r.isolation} | ${r.score} | ${r.verdict.replaceAll("|", "\\|")} | ${lost} | ${r.seconds} |`,
      );
    }
  }
  process.exitCode = rows.some((r) => r.changed.length > 0) ? 1 : 0;
}
