/**
 * A notebook's cells as the answers read them: markdown or code, the source joined, the saved
 * outputs made safe (./cell-outputs.ts). Reads nbformat 4 ("cells") and 3 ("worksheets"; code
 * in "input", headings as their own cell type), the same shapes the Python runner accepts.
 * Anything else is a message for the team's line, never an exception.
 */

import type { AnswerOutput } from "../../protocol/types.js";
import { joinedText, safeOutputs } from "./cell-outputs.js";
import { ANSWER_LIMITS, capText } from "./limits.js";

export interface NotebookCell {
  kind: "markdown" | "code";
  source: string;
  outputs: AnswerOutput[];
}

export type NotebookRead =
  | { ok: true; cells: NotebookCell[]; warnings: string[] }
  | { ok: false; message: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The raw cells of nbformat 4, or of every worksheet of nbformat 3. */
function rawCells(notebook: Record<string, unknown>): unknown[] | undefined {
  if (Array.isArray(notebook.cells)) return notebook.cells;
  if (Array.isArray(notebook.worksheets)) {
    return notebook.worksheets.flatMap((sheet) =>
      isRecord(sheet) && Array.isArray(sheet.cells) ? sheet.cells : [],
    );
  }
  return undefined;
}

function cappedSource(text: string): string {
  const capped = capText(text, ANSWER_LIMITS.sourceChars);
  return capped.truncated
    ? `${capped.text}\n\n[cut by spikegrade: the cell holds ${text.length} characters]`
    : text;
}

/** One cell, or undefined for a raw cell or one that is not a cell at all. */
function oneCell(raw: unknown, imageBudget: { left: number }): NotebookCell | undefined {
  if (!isRecord(raw)) return undefined;
  const type = raw.cell_type;
  if (type === "markdown" || type === "heading") {
    const text = joinedText(raw.source) ?? "";
    const level = typeof raw.level === "number" ? Math.min(6, Math.max(1, raw.level)) : 0;
    const source = type === "heading" ? `${"#".repeat(level || 1)} ${text}` : text;
    return { kind: "markdown", source: cappedSource(source), outputs: [] };
  }
  if (type === "code") {
    const source = joinedText(raw.source) ?? joinedText(raw.input) ?? "";
    return {
      kind: "code",
      source: cappedSource(source),
      outputs: safeOutputs(raw.outputs, imageBudget),
    };
  }
  return undefined;
}

/** The cells of a parsed notebook (nbformat 4 or 3), capped in number, size and images. */
export function notebookCells(notebook: unknown): NotebookRead {
  if (!isRecord(notebook))
    return { ok: false, message: "is not a Jupyter notebook (a JSON object with cells)" };
  const raw = rawCells(notebook);
  if (raw === undefined)
    return {
      ok: false,
      message:
        'is not a Jupyter notebook: it has no "cells" (nbformat 4) or "worksheets" (nbformat 3)',
    };
  const warnings: string[] = [];
  if (raw.length > ANSWER_LIMITS.cells) {
    warnings.push(
      `the notebook has ${raw.length} cells: only the first ${ANSWER_LIMITS.cells} were read`,
    );
  }
  const imageBudget = { left: ANSWER_LIMITS.teamImageBase64 };
  const cells: NotebookCell[] = [];
  for (const item of raw.slice(0, ANSWER_LIMITS.cells)) {
    const cell = oneCell(item, imageBudget);
    if (cell) cells.push(cell);
  }
  return { ok: true, cells, warnings };
}
