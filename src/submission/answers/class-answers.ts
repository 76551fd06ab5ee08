/**
 * The answers document of a class (schema answers), from notebooks already parsed: the questions
 * (the template's prompts, or the class's matched across teams), and each team's answers. Pure:
 * the caller reads the files; a notebook that could not be read or is not one is a warning on
 * the team's line, and its answers are all missing.
 */

import type {
  AnswerQuestion,
  AnswersDocument,
  AnswersTeam,
  TeamMember,
} from "../../protocol/types.js";
import { type QuestionText, questionsFromClass } from "./class-questions.js";
import { type NotebookCell, notebookCells } from "./notebook-cells.js";
import { findPrompts } from "./prompts.js";
import { cellKey, teamAnswers } from "./team-answers.js";

export interface TeamNotebook {
  team: string;
  members: TeamMember[];
  /** The notebook's path in the team's folder; null when the team handed in none. */
  notebook: string | null;
  /** The parsed notebook, or why it could not be read (too large, not JSON). */
  content: { ok: true; value: unknown } | { ok: false; message: string } | null;
}

export interface ClassAnswersInput {
  version: string;
  /** The instructor's template, already read; its prompts are the questions. */
  template?: { name: string; cells: NotebookCell[] };
  teams: TeamNotebook[];
}

interface ReadTeam {
  input: TeamNotebook;
  cells: NotebookCell[];
  warnings: string[];
}

function readTeam(input: TeamNotebook): ReadTeam {
  if (input.content === null) return { input, cells: [], warnings: ["no notebook was handed in"] };
  if (!input.content.ok) return { input, cells: [], warnings: [input.content.message] };
  const read = notebookCells(input.content.value);
  if (!read.ok)
    return { input, cells: [], warnings: [`${input.notebook ?? "the notebook"} ${read.message}`] };
  return { input, cells: read.cells, warnings: read.warnings };
}

/**
 * Cells the teams did not write. With a template: its cells. Without: a text in at least half
 * of the notebooks and in three or more, which the class was given rather than wrote.
 */
function providedCells(template: NotebookCell[] | undefined, teams: ReadTeam[]): Set<string> {
  if (template) return new Set(template.map((cell) => cellKey(cell.source)));
  const counts = new Map<string, number>();
  for (const team of teams) {
    for (const key of new Set(team.cells.map((cell) => cellKey(cell.source)))) {
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const needed = Math.max(3, Math.ceil(teams.length / 2));
  return new Set([...counts].filter(([, count]) => count >= needed).map(([key]) => key));
}

function numbered(texts: QuestionText[]): AnswerQuestion[] {
  const width = Math.max(2, String(texts.length).length);
  return texts.map((text, i) => ({ id: `q${String(i + 1).padStart(width, "0")}`, ...text }));
}

/** Every team's written answers, by question. */
export function classAnswers(input: ClassAnswersInput): AnswersDocument {
  const sorted = [...input.teams].sort((a, b) => (a.team < b.team ? -1 : a.team > b.team ? 1 : 0));
  const read = sorted.map(readTeam);
  const prompts = read.map((team) => findPrompts(team.cells));
  const warnings: string[] = [];
  const texts = input.template
    ? findPrompts(input.template.cells).map(({ text, section }) =>
        section === undefined ? { prompt: text } : { prompt: text, section },
      )
    : questionsFromClass(prompts);
  if (texts.length === 0) {
    warnings.push(
      input.template
        ? `the template ${input.template.name} holds no QUESTION prompt in a markdown cell`
        : "no notebook of the class holds a QUESTION prompt in a markdown cell",
    );
  }
  const questions = numbered(texts);
  const provided = providedCells(input.template?.cells, read);
  const teams = read.map((team, i): AnswersTeam => {
    const found = teamAnswers(team.cells, prompts[i], questions, provided);
    const { team: name, members, notebook } = team.input;
    const noPrompts = team.cells.length > 0 && prompts[i].length === 0;
    const own = noPrompts
      ? ["the notebook holds no QUESTION prompt: were the prompt cells deleted?"]
      : [];
    const matchWarnings = team.cells.length === 0 || noPrompts ? [] : found.warnings;
    return {
      team: name,
      members,
      notebook,
      answers: found.answers,
      warnings: [...team.warnings, ...own, ...matchWarnings],
    };
  });
  return {
    generatedBy: { name: "spikegrade", version: input.version },
    ...(input.template ? { template: input.template.name } : {}),
    questions,
    teams,
    warnings,
  };
}
