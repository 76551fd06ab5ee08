// A Moodle round trip on a generated class, timed: "Download all submissions" as a zip of N
// teams (default 40), taken in (unpacked and staged), graded with `grade --jobs 2`, graded again
// (every team reused), then the grading worksheet filled and the generic CSV written. The times
// of docs/moodle.md. `node --import ./dev/register.mjs tests/bench/moodle.ts [--teams N]
// [--notebooks K]`: K of the N teams hand in a lone notebook (default 8), the others a
// results-only folder, in turns at the top, one folder down, or zipped.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { openClass } from "../../src/grading/class-intake.js";
import { ROOT, runCli } from "../helpers/cli.js";
import { type MoodleUpload, writeMoodleDownload, zipFolder } from "../helpers/moodle-download.js";
import { makeZip } from "../helpers/zip.js";

const argument = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const teams = argument("--teams", 40);
const notebooks = argument("--notebooks", 8);

const figure1 = readFileSync(join(ROOT, "submissions/example-results/figure1.json"));
const notebook = readFileSync(join(ROOT, "submissions/example-notebook/figure1.ipynb"));

async function upload(i: number): Promise<MoodleUpload> {
  const id = 2000 + i;
  const name = `Student${i} Ñandú-Østergård`;
  if (i < notebooks) return { id, name, files: { "figure1.ipynb": notebook } };
  const manifest = JSON.stringify({
    team: `t${i}`,
    members: [{ id: `s${id}`, name }],
    results: "figure1.json",
  });
  const files = { "submission.json": manifest, "figure1.json": figure1 };
  if (i % 3 === 0) return { id, name, files };
  if (i % 3 === 1) {
    return { id, name, files: { "team/submission.json": manifest, "team/figure1.json": figure1 } };
  }
  const zip = await makeZip(
    Object.entries(files).map(([n, data]) => ({ name: `team/${n}`, data })),
  );
  return { id, name, files: { "handin.zip": zip } };
}

function worksheet(count: number): string {
  const header =
    'Identifier,"Full name","Email address",Status,Grade,"Maximum Grade","Grade can be changed","Last modified (submission)","Last modified (grade)","Feedback comments"';
  const rows = Array.from(
    { length: count },
    (_, i) =>
      `"Participant ${2000 + i}","Student${i} Ñandú-Østergård",s${2000 + i}@uni.example,"Submitted for grading",,100.00,Yes,-,-,`,
  );
  return `\uFEFF${[header, ...rows].join("\n")}\n`;
}

const scratch = mkdtempSync(join(tmpdir(), "spikegrade-moodle-bench-"));
const timed = async <T>(label: string, run: () => T | Promise<T>): Promise<T> => {
  const started = performance.now();
  const value = await run();
  console.log(`${label.padEnd(44)} ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return value;
};
try {
  const uploads = await Promise.all(Array.from({ length: teams }, (_, i) => upload(i)));
  writeMoodleDownload(join(scratch, "download"), uploads);
  const zip = join(scratch, "download.zip");
  writeFileSync(zip, await zipFolder(join(scratch, "download")));
  console.log(
    `${teams} teams (${notebooks} lone notebooks), zip of ${readFileSync(zip).length} bytes`,
  );
  const intake = await timed("take in the zip (unpack, stage)", () =>
    openClass(zip, join(scratch, "o")),
  );
  await intake.close();
  const out = join(scratch, "out");
  const cli = (args: string[]) => {
    const run = runCli(args, { cwd: scratch });
    if (run.code !== 0) throw new Error(`${args.join(" ")}: ${run.stderr}`);
    return run;
  };
  await timed("grade the zip, --jobs 2", () => cli(["grade", zip, "--out", out, "--jobs", "2"]));
  await timed("grade it again (every team reused)", () => cli(["grade", zip, "--out", out]));
  writeFileSync(join(scratch, "worksheet.csv"), worksheet(teams));
  await timed("export moodle (fill the worksheet)", () =>
    cli(["export", "moodle", out, "--worksheet", join(scratch, "worksheet.csv")]),
  );
  await timed("export csv --excel", () => cli(["export", "csv", out, "--excel"]));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
