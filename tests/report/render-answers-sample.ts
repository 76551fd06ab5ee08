/**
 * Renders the answer pages of the sample class (tests/report/answers-sample.ts), to look at them
 * as an instructor grading would:
 *
 *   node --import ./dev/register.mjs tests/report/render-answers-sample.ts OUTDIR
 *
 * writes OUTDIR/index.html and OUTDIR/q01.html ... q04.html.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderAnswersPages } from "../../src/report/answers-pages.js";
import { SAMPLE_POINTS, sampleAnswers, sampleVerdicts } from "./answers-sample.js";

const out = process.argv[2] ?? "/tmp/spikegrade-answers";
mkdirSync(out, { recursive: true });
const pages = renderAnswersPages({
  document: sampleAnswers(),
  points: SAMPLE_POINTS,
  verdicts: sampleVerdicts(),
  generatedAt: new Date("2025-11-28T09:00:00Z"),
});
for (const page of pages) writeFileSync(join(out, page.fileName), page.html);
console.log(`${pages.length} pages in ${out}`);
