// Benchmark of `grade`: the bundled submissions and a generated class of 30 teams, graded in
// worker processes as the command does it. Run alone with
// `node --import ./dev/register.mjs tests/bench/grade.ts`, or from run.ts.
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { gradeClass } from "../../src/grading/grade-class.js";
import { generateClass } from "../grading/class30.js";

const root = join(import.meta.dirname, "../..");
const scratch = mkdtempSync(join(tmpdir(), "spikegrade-bench-grade-"));

async function timed(label: string, run: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await run();
  const ms = performance.now() - started;
  console.log(`${label.padEnd(52)} ${(ms / 1000).toFixed(1).padStart(9)} s`);
}

try {
  const bundled = join(scratch, "bundled");
  for (const name of readdirSync(join(root, "submissions"))) {
    cpSync(join(root, "submissions", name), join(bundled, name), { recursive: true });
  }
  const jobs = availableParallelism();
  const base = { dir: bundled, jobs, timeoutMs: 60_000 };
  await timed(`grade: the ${readdirSync(bundled).length} bundled submissions, ${jobs} jobs`, () =>
    gradeClass({ ...base, out: join(scratch, "bundled-out") }),
  );
  await timed("grade again: nothing changed, every result reused", () =>
    gradeClass({ ...base, out: join(scratch, "bundled-out") }),
  );
  await timed("grade --hidden: the bundled submissions", () =>
    gradeClass({
      ...base,
      out: join(scratch, "bundled-hidden"),
      secret: "bench-course-secret-2026",
    }),
  );
  const class30 = join(scratch, "class30");
  generateClass(class30);
  await timed("grade: a class of 30 teams, 2 jobs, --timeout 3", () =>
    gradeClass({ dir: class30, out: join(scratch, "class30-out"), jobs: 2, timeoutMs: 3000 }),
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
