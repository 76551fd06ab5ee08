import type { CheckResult } from "../protocol/types.js";
import type { ReportView } from "./report-view.js";

/**
 * The id of a check's row, which the to-do list links to: its place and its id, so a hidden
 * repeat's row differs from its base's ("check-7-neuron-fi", "check-14-neuron-match-hidden").
 */
export function anchorOf(view: ReportView, check: CheckResult): string {
  const index = view.checks.indexOf(check);
  const slug = check.id.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return `check-${index + 1}-${slug}`;
}
