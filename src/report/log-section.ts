import type { CheckReport } from "../protocol/types.js";
import { escapeHtml as h } from "./escape-html.js";
import { logExcerpt } from "./log-excerpt.js";
import type { ReportAssets } from "./report-assets.js";
import type { Audience, ReportView } from "./report-view.js";

/** What the simulator printed, capped; withheld from a student when hidden checks ran. */
export function logSection(
  report: CheckReport,
  assets: ReportAssets,
  view: ReportView,
  audience: Audience,
  maxChars: number,
): string {
  const head =
    '<section aria-labelledby="log-title">\n<h2 id="log-title">What your simulator printed</h2>';
  if (audience === "student" && view.withheld > 0) {
    // The log of a run with hidden checks holds whatever the simulator printed of their inputs.
    return `${head}\n<p class="muted">Not shown: this run included hidden checks, whose inputs the log could reveal.</p>\n</section>`;
  }
  const log = assets.log ?? report.log;
  if (log === undefined) return "";
  if (log.trim() === "")
    return `${head}\n<p class="muted">Nothing: the simulator printed no output.</p>\n</section>`;
  const excerpt = logExcerpt(log, maxChars);
  const note =
    excerpt.omittedChars > 0
      ? `<p class="note">The log is long: ${excerpt.omittedChars.toLocaleString("en-US")} characters from its middle are left out; its start and end are shown.</p>\n`
      : "";
  return `${head}
${note}<pre class="log" tabindex="0">${h(excerpt.text)}</pre>
</section>`;
}
