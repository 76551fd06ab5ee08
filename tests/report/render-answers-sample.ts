/**
 * Renders the answer pages of the sample class (tests/report/answers-sample.ts), to look at them
 * as an instructor grading would:
 *
 *   node --import ./dev/register.mjs tests/report/render-answers-sample.ts OUTDIR
 *
 * writes OUTDIR/answers/index.html and OUTDIR/answers/q01.html ... q04.html.
 */
import { writeAnswersPages } from "../../src/grading/answers-pages-writer.js";
import { SAMPLE_POINTS, sampleAnswers, sampleVerdicts } from "./answers-sample.js";

const out = process.argv[2] ?? "/tmp/spikegrade-answers";
const pages = await writeAnswersPages(out, {
  document: sampleAnswers(),
  points: SAMPLE_POINTS,
  verdicts: sampleVerdicts(),
  generatedAt: new Date("2025-11-28T09:00:00Z"),
});
console.log(pages.join("\n"));
