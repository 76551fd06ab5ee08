import type { CheckReport } from "../protocol/types.js";
import { escapeHtml as h } from "./escape-html.js";
import { isolationRan } from "./isolation-note.js";
import type { ReportAssets } from "./report-assets.js";

const LANGUAGES: Record<string, string> = {
  python: "Python",
  typescript: "TypeScript",
  javascript: "JavaScript",
  notebook: "Jupyter notebook (Python)",
  results: "results only (no code run)",
};

/** How the code was run: entry and language, the team's name, the isolation, warnings. */
export function runSection(report: CheckReport, assets: ReportAssets): string {
  const rows: string[] = [];
  if (report.entry !== undefined || report.language !== undefined) {
    const language = report.language ? (LANGUAGES[report.language] ?? report.language) : undefined;
    const entry = report.entry ? `<code>${h(report.entry)}</code>` : "";
    rows.push(
      `<dt>Entry</dt><dd>${entry}${language ? ` ${entry ? "\u00b7 " : ""}${h(language)}` : ""}</dd>`,
    );
  }
  if (report.manifestTeam !== undefined) {
    rows.push(
      `<dt>Team in submission.json</dt><dd><strong>${h(report.manifestTeam)}</strong>, but the folder is <strong>${h(report.team)}</strong>: the folder's name was used. Fix the "team" in submission.json.</dd>`,
    );
  }
  const { isolation, said } = isolationRan(report, assets.isolationNote);
  const name = isolation === undefined ? "" : `<strong>${h(isolation)}</strong>`;
  const words = said === undefined ? "" : h(said);
  rows.push(`<dt>Isolation</dt><dd>${name}${name && words ? ": " : ""}${words}</dd>`);
  const warnings =
    report.warnings && report.warnings.length > 0
      ? `<p><strong>Worth knowing</strong> (costs no points):</p><ul class="warnings">${report.warnings
          .map((w) => `<li>${h(w)}</li>`)
          .join("")}</ul>`
      : "";
  return `<section aria-labelledby="run-title">
<h2 id="run-title">How your code was run</h2>
<div class="panel">
<dl>
${rows.join("\n")}
</dl>
${warnings}
<p class="note">Your simulator ran in its own process with a time limit per call, a memory limit and a cap on its output; what it printed went to the log below, never into the results.</p>
</div>
</section>`;
}
