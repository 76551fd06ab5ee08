import hljs from "highlight.js/lib/core";
import python from "highlight.js/lib/languages/python";
import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";
import { escapeHtml as h } from "./escape-html.js";

/**
 * A notebook's markdown and code as HTML an instructor's browser can show safely: the notebook is
 * untrusted, so two walls stand between it and the page. markdown-it writes HTML with raw HTML
 * turned off (a <script> in a cell comes out as text) and with links limited to http(s), mailto
 * and in-page anchors; then sanitize-html keeps only an allow-list of tags, attributes, classes
 * and URL schemes, whatever the first wall let through. Images in markdown are never loaded (they
 * would fetch from the network or point at files the page cannot see): their alt text is shown.
 * Sources longer than a cap are cut, with a note that says so.
 */

/** At most this many characters of one cell's source are rendered. */
const SOURCE_CAP = 20_000;

hljs.registerLanguage("python", python);

/** Only these URLs become links; anything else (javascript:, data:, file:, relative) stays text. */
function isSafeLink(url: string): boolean {
  return /^(https?:\/\/|mailto:|#)/i.test(url.trim());
}

const markdown = new MarkdownIt({
  html: false,
  linkify: false,
  typographer: false,
  highlight: (code, language) =>
    language.toLowerCase() === "python" ? highlightPython(code) : h(code),
});
markdown.validateLink = isSafeLink;
markdown.renderer.rules.image = (tokens, index) => {
  const alt = tokens[index].content;
  return `<span class="img-note">[image not shown${alt ? `: ${h(alt)}` : ""}]</span>`;
};

/**
 * TeX between $ or $$ is kept as the team wrote it (no math is typeset: that would take a script
 * or a font from the network), so markdown's escapes do not eat its backslashes.
 */
markdown.inline.ruler.before("escape", "math", (state, silent) => {
  const { src, pos } = state;
  if (src[pos] !== "$") return false;
  const fence = src.startsWith("$$", pos) ? "$$" : "$";
  const end = src.indexOf(fence, pos + fence.length);
  if (end < 0 || end === pos + fence.length) return false;
  if (!silent) {
    const token = state.push("math", "span", 0);
    token.content = src.slice(pos, end + fence.length);
  }
  state.pos = end + fence.length;
  return true;
});
markdown.renderer.rules.math = (tokens, index) =>
  `<span class="math">${h(tokens[index].content)}</span>`;

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "ul",
    "ol",
    "li",
    "em",
    "strong",
    "code",
    "pre",
    "a",
    "hr",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "s",
    "span",
  ],
  allowedAttributes: { a: ["href", "title", "rel"], ol: ["start"] },
  allowedClasses: { span: ["img-note", "math", "hljs-*"], code: ["language-*"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "escape",
  transformTags: {
    a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer nofollow" }),
  },
};

/** Cuts text to at most `cap` characters; says whether it did. */
export function capText(text: string, cap: number): { text: string; cut: boolean } {
  return text.length <= cap ? { text, cut: false } : { text: text.slice(0, cap), cut: true };
}

function cutNote(source: string): string {
  return `<p class="cut-note">[cut: ${source.length.toLocaleString("en")} characters, the first ${SOURCE_CAP.toLocaleString("en")} shown]</p>`;
}

/** A markdown cell (or a question's prompt) as sanitised HTML. */
export function renderMarkdown(source: string): string {
  const { text, cut } = capText(source, SOURCE_CAP);
  const html = sanitizeHtml(markdown.render(text), ALLOWED);
  return cut ? `${html}${cutNote(source)}` : html;
}

/** Python source as highlighted HTML (class-only spans), sanitised like markdown. */
function highlightPython(source: string): string {
  return sanitizeHtml(hljs.highlight(source, { language: "python" }).value, ALLOWED);
}

/** A code cell's source, highlighted, in its <pre>. */
export function renderCode(source: string): string {
  const { text, cut } = capText(source, SOURCE_CAP);
  const html = `<pre class="code"><code>${highlightPython(text)}</code></pre>`;
  return cut ? `${html}${cutNote(source)}` : html;
}
