/**
 * One team's answers: its prompts paired with the questions, and for each what the team wrote
 * between that prompt and the next. Cells the team did not write are left out: those identical
 * to the template's (its code, its "Your answer here"), and empty ones. Prompts with nothing
 * between them (a cell of several prompts, or prompt cells the team put side by side) share the
 * answer that follows them, so an answer written once for two questions is shown under both.
 */

import type { AnswerCell, AnswerPlace, TeamAnswer } from "../../protocol/types.js";
import type { NotebookCell } from "./notebook-cells.js";
import { matchPrompts, normalisePrompt } from "./prompt-match.js";
import type { FoundPrompt } from "./prompts.js";

/** Texts that mean "not answered yet", as normalised by cellKey. */
const PLACEHOLDERS = new Set([
  "",
  "your answer here",
  "type your answer here",
  "answer here",
  "votre reponse ici",
  "reponse",
  "answer",
  "todo",
]);

/** A cell's text as compared with the template's: whitespace and case do not count. */
export function cellKey(source: string): string {
  return source
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

function isPlaceholder(source: string): boolean {
  return PLACEHOLDERS.has(
    cellKey(source)
      .replace(/[^a-z0-9 ]+/g, "")
      .trim(),
  );
}

/** Whether a cell holds something the team wrote. */
function written(cell: NotebookCell, provided: ReadonlySet<string>): boolean {
  if (cell.outputs.length > 0 && !provided.has(cellKey(cell.source))) return true;
  return !isPlaceholder(cell.source) && !provided.has(cellKey(cell.source));
}

interface Answer {
  found: AnswerPlace;
  cells: AnswerCell[];
}

/** The answer to the k-th prompt of the notebook. */
function answerAt(
  cells: NotebookCell[],
  prompts: FoundPrompt[],
  k: number,
  provided: ReadonlySet<string>,
): Answer {
  const prompt = prompts[k];
  const promptCells = new Set(prompts.map((p) => p.cell));
  const after: AnswerCell[] = [];
  let next = prompt.cell + 1;
  for (; next < cells.length && !promptCells.has(next); next += 1) {
    const cell = cells[next];
    if (written(cell, provided))
      after.push({ kind: cell.kind, source: cell.source, outputs: cell.outputs });
  }
  const inside: AnswerCell[] =
    prompt.inside !== "" && !isPlaceholder(prompt.inside)
      ? [{ kind: "markdown", source: prompt.inside, outputs: [] }]
      : [];
  if (after.length > 0) return { found: "after-prompt", cells: [...inside, ...after] };
  if (inside.length > 0) return { found: "inside-prompt", cells: inside };
  // Nothing here: a prompt cell right after this one shares its answer (merged answers).
  if (next === prompt.cell + 1 && next < cells.length) {
    return answerAt(
      cells,
      prompts,
      prompts.findIndex((p) => p.cell === next),
      provided,
    );
  }
  return { found: "missing", cells: [] };
}

export interface TeamAnswers {
  answers: TeamAnswer[];
  warnings: string[];
}

function shortText(text: string): string {
  const line = text.replace(/\s+/g, " ");
  return line.length > 80 ? `${line.slice(0, 77)}...` : line;
}

/** The team's answer to each question (in the questions' order), and what did not match. */
export function teamAnswers(
  cells: NotebookCell[],
  prompts: FoundPrompt[],
  questions: { id: string; prompt: string }[],
  provided: ReadonlySet<string>,
): TeamAnswers {
  const matched = matchPrompts(
    prompts.map((p) => p.text),
    questions.map((q) => q.prompt),
  );
  const warnings: string[] = [];
  const byQuestion = new Map<number, number>();
  matched.forEach((q, k) => {
    if (q >= 0) byQuestion.set(q, k);
    else
      warnings.push(
        `a prompt matched no question, its answer is not shown: "${shortText(prompts[k].text)}"`,
      );
  });
  const answers = questions.map((question, q): TeamAnswer => {
    const k = byQuestion.get(q);
    if (k === undefined) {
      warnings.push(
        `${question.id}: its prompt is not in the notebook ("${shortText(question.prompt)}")`,
      );
      return { questionId: question.id, found: "missing", promptEdited: false, cells: [] };
    }
    const edited = normalisePrompt(prompts[k].text) !== normalisePrompt(question.prompt);
    return {
      questionId: question.id,
      promptEdited: edited,
      ...answerAt(cells, prompts, k, provided),
    };
  });
  return { answers, warnings };
}
