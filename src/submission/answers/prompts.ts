/**
 * The QUESTION prompts of a notebook: every occurrence of "QUESTION" (upper case, as the course
 * writes it) in a markdown cell starts one, so a cell may hold several. A prompt's text runs to
 * the end of its paragraph (a blank line) or to an "Answer:" / "Réponse :" marker; what the team
 * wrote after it in the same cell, before the next prompt, is an answer inside the prompt cell.
 */

import type { NotebookCell } from "./notebook-cells.js";

export interface FoundPrompt {
  /** The index of the prompt's cell among the notebook's cells. */
  cell: number;
  /** The prompt's text, trimmed. */
  text: string;
  /** What follows the prompt's text in its cell, before the next prompt, trimmed ("" if none). */
  inside: string;
  /** The nearest markdown heading above the prompt, without its #. */
  section?: string;
}

const MARKER = "QUESTION";
const HEADING = /^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$/gm;
/** Where a prompt's paragraph ends: a blank line, or a line or phrase opening an answer. */
const PROMPT_END = /\n[ \t]*\n|(?:^|\s)[*_>#-]*\s*(?:answer|r[ée]ponse)\s*[*_]*\s*:/i;

/** The last heading's text in a piece of markdown, if it has one. */
function lastHeading(markdown: string): string | undefined {
  let heading: string | undefined;
  for (const match of markdown.matchAll(HEADING)) heading = match[1];
  return heading;
}

/** Splits one segment (from "QUESTION" to the next, or the cell's end) into prompt and answer. */
function splitSegment(segment: string): { text: string; inside: string } {
  // Search past the marker itself, so "QUESTION: answer: ..." keeps its first word.
  const end = PROMPT_END.exec(segment.slice(MARKER.length));
  if (!end) return { text: segment.trim(), inside: "" };
  const cut = MARKER.length + end.index;
  return { text: segment.slice(0, cut).trim(), inside: segment.slice(cut).trim() };
}

function starts(source: string): number[] {
  const found: number[] = [];
  for (let at = source.indexOf(MARKER); at >= 0; at = source.indexOf(MARKER, at + MARKER.length)) {
    found.push(at);
  }
  return found;
}

/** Every prompt of the notebook, in order, with the section it sits in. */
export function findPrompts(cells: NotebookCell[]): FoundPrompt[] {
  const prompts: FoundPrompt[] = [];
  let section: string | undefined;
  cells.forEach((cell, index) => {
    if (cell.kind !== "markdown") return;
    const positions = starts(cell.source);
    if (positions.length === 0) {
      section = lastHeading(cell.source) ?? section;
      return;
    }
    section = lastHeading(cell.source.slice(0, positions[0])) ?? section;
    positions.forEach((start, k) => {
      const segment = cell.source.slice(start, positions[k + 1] ?? cell.source.length);
      const { text, inside } = splitSegment(segment);
      prompts.push({ cell: index, text, inside, ...(section === undefined ? {} : { section }) });
      section = lastHeading(inside) ?? section;
    });
  });
  return prompts;
}
