/**
 * Text made safe to place in HTML, in element content and in double- or single-quoted attribute
 * values alike: the five characters that can end a text run or an attribute are replaced by
 * their character references. Everything a student controls (names, logs, messages that echo
 * their values) goes through this before it reaches the page.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => REFERENCES[ch] ?? ch);
}

const REFERENCES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
