// Benchmark of `grade`: the bundled submissions and a generated class of 30 teams, graded in
// worker processes as the command does it. Run alone with
// `node --import ./dev/register.mjs tests/bench/grade.ts`, or from run.ts.
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { gradeClass } from "../../src/grading/grade-class.js";
import { generateClass } from "../grading/class30.js";

const root = join(import.meta.dirname, "../..");

export interface GradeTiming {
  label: string;
  seconds: number;
}

/** Grades the bundled submissions (cold, again, hidden) and a class of 30; tells each timing. */
export async function benchGrade(
  onTiming: (t: GradeTiming) => void = () => {},
): Promise<GradeTiming[]> {
  const scratch = mkdtempSync(join(tmpdir(), "spikegrade-bench-grade-"));
  const timings: GradeTiming[] = [];
  const timed = async (label: string, run: () => Promise<unknown>) => {
    const started = performance.now();
    await run();
    const timing = { label, seconds: (performance.now() - started) / 1000 };
    timings.push(timing);
    onTiming(timing);
  };
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
    return timings;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export function gradeLine(t: GradeTiming): string {
  return `${t.label.padEnd(52)} ${t.seconds.toFixed(1).padStart(9)} s`;
}

if (process.argv[1] === import.meta.filename) {
  await benchGrade((t) => console.log(gradeLine(t)));
}
