import type { CheckStatus } from "../protocol/types.js";

/**
 * The symbol and word of each status, on both pages: every status has both, so no verdict is
 * told by colour alone.
 */
export const STATUS_MARKS: Record<CheckStatus, { symbol: string; word: string }> = {
  pass: { symbol: "\u2713", word: "pass" },
  fail: { symbol: "\u2717", word: "fail" },
  error: { symbol: "!", word: "error" },
  skip: { symbol: "\u2013", word: "skipped" },
};

/** A status as a badge: "✓ PASS", the symbol hidden from screen readers, which read the word. */
export function statusBadge(status: CheckStatus): string {
  const { symbol, word } = STATUS_MARKS[status];
  return `<span class="badge ${status}"><span aria-hidden="true">${symbol}</span> ${word.toUpperCase()}</span>`;
}
