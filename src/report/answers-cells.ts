import type { AnswerCell, AnswerOutput } from "../protocol/types.js";
import { capText, renderCode, renderMarkdown } from "./answers-markdown.js";
import { escapeHtml as h } from "./escape-html.js";
import { printableText } from "./log-excerpt.js";

/**
 * A team's answer cells as HTML: markdown rendered safely, code highlighted, and the outputs the
 * notebook saved (text in <pre>, PNG and JPEG images embedded after checking their bytes, errors,
 * and notes for what the extraction left out). Caps keep one team's answer from swamping the
 * page: text outputs, images, the number of cells and the answer's total size.
 */
export const ANSWER_CAPS = {
  /** Characters of one text output or error shown. */
  textChars: 10_000,
  /** Base64 characters of one image (about 1.5 MB of image). */
  imageBase64Chars: 2_000_000,
  /** Cells of one answer shown. */
  cells: 60,
  /** Characters of HTML one answer may take; cells past it are noted, not shown. */
  answerChars: 4_000_000,
};

const PNG = "89504e470d0a1a0a";
const JPEG = "ffd8ff";

/** A data: URL for an image the notebook saved, or why it is not shown. */
function imageSrc(mime: string, base64: string): { src: string } | { reason: string } {
  const clean = base64.replace(/\s+/g, "");
  if (clean.length > ANSWER_CAPS.imageBase64Chars) {
    return { reason: `image too large to show (${Math.round((clean.length * 3) / 4 / 1e6)} MB)` };
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return { reason: "image data is not base64" };
  const head = Buffer.from(clean.slice(0, 12), "base64").toString("hex");
  const magic = mime === "image/png" ? PNG : mime === "image/jpeg" ? JPEG : undefined;
  if (magic === undefined || !head.startsWith(magic)) {
    return { reason: `image is not the ${mime} it claims to be` };
  }
  return { src: `data:${mime};base64,${clean}` };
}

function omitted(reason: string): string {
  return `<p class="out-omitted">[output not shown: ${h(reason)}]</p>`;
}

function textOutput(text: string, truncated: boolean): string {
  const capped = capText(printableText(text), ANSWER_CAPS.textChars);
  const note = capped.cut || truncated ? '<p class="cut-note">[output cut]</p>' : "";
  return `<pre>${h(capped.text)}</pre>${note}`;
}

/** One saved output. */
function outputHtml(output: AnswerOutput): string {
  switch (output.kind) {
    case "text":
      return textOutput(output.text, output.truncated === true);
    case "image": {
      const image = imageSrc(output.mime, output.base64);
      return "src" in image
        ? `<img src="${h(image.src)}" alt="a figure the notebook saved">`
        : omitted(image.reason);
    }
    case "error": {
      // Tracebacks carry terminal colour codes; the page shows the words.
      const words = printableText(`${output.ename}: ${output.evalue}`);
      const text = capText(words, ANSWER_CAPS.textChars).text;
      return `<pre class="out-error">${h(text)}</pre>`;
    }
    case "omitted":
      return omitted(output.reason);
  }
}

function cellHtml(cell: AnswerCell): string {
  if (cell.kind === "markdown") {
    return `<div class="cell markdown">${renderMarkdown(cell.source)}</div>`;
  }
  const outputs =
    cell.outputs.length === 0
      ? ""
      : `<div class="outputs">${cell.outputs.map(outputHtml).join("\n")}</div>`;
  return `<div class="cell code">${renderCode(cell.source)}${outputs}</div>`;
}

/** Every cell of one answer, within the caps. */
export function answerCellsHtml(cells: AnswerCell[]): string {
  const parts: string[] = [];
  let size = 0;
  for (const [index, cell] of cells.entries()) {
    if (index >= ANSWER_CAPS.cells) {
      parts.push(omitted(`${cells.length - index} more cells`));
      break;
    }
    const html = cellHtml(cell);
    if (size + html.length > ANSWER_CAPS.answerChars) {
      parts.push(omitted(`${cells.length - index} more cells, past the size an answer may take`));
      break;
    }
    size += html.length;
    parts.push(html);
  }
  return parts.join("\n");
}
