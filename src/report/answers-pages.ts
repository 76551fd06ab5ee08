import { createHash } from "node:crypto";
import type {
  AnswerQuestion,
  AnswersDocument,
  CheckStatus,
  TeamAnswer,
} from "../protocol/types.js";
import { answerCellsHtml } from "./answers-cells.js";
import { renderMarkdown } from "./answers-markdown.js";
import { ANSWERS_SCRIPT, ANSWERS_SCRIPT_HASH } from "./answers-script.js";
import { escapeHtml as h } from "./escape-html.js";
import { FIGURES, figureOfCheck } from "./figures.js";
import { formatDate, formatPoints } from "./format.js";
import { pageHead } from "./page-head.js";
import { ANSWERS_CSS } from "./stylesheet.js";

/**
 * OUT/answers/: the pages an instructor grades the teams' written answers on. index.html lists the
 * questions with how many teams answered each; one page per question (q01.html, ...) shows the
 * prompt, then every team's answer in a card with its grading box beside it: points (0 to the
 * question's maximum, in halves), a comment, and the team's verdicts on the checks the rubric
 * maps the question to. Notebooks are untrusted: their text goes through answers-markdown.ts and
 * answers-cells.ts, and each page's Content-Security-Policy lets only its own style and script
 * (by hash) and data: images in, nothing from the network. The scores live in the browser and in
 * the manual-scores.json the page saves (answers-script.ts).
 */

export interface AnswersPagesInput {
  document: AnswersDocument;
  /** Each question's maximum points, from the rubric's manual questions, by question id. */
  points: Record<string, number>;
  /** The teams' check verdicts: team -> check id -> status. */
  verdicts?: Record<string, Record<string, CheckStatus>>;
  /** The figures each team's report folder (OUT/<team>/) holds, by file name. */
  figures?: Record<string, readonly string[]>;
  /** When the pages were made; left out by default, so the same answers give the same pages. */
  generatedAt?: Date;
}

export interface AnswersPage {
  /** The file's name in OUT/answers/. */
  fileName: string;
  html: string;
}

type Team = AnswersDocument["teams"][number];

const STYLE_HASH = createHash("sha256").update(ANSWERS_CSS).digest("base64");
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  `script-src 'sha256-${ANSWERS_SCRIPT_HASH}'`,
  // data: for the notebooks' saved images (answers-cells.ts); 'self' for the teams' check figures
  // in OUT/<team>/ (a notebook's markdown images are never loaded: answers-markdown.ts).
  "img-src data: 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

const STATUS_WORDS: Record<CheckStatus, string> = {
  pass: "\u2713 pass",
  fail: "\u2717 fail",
  error: "! error",
  skip: "\u2013 skip",
};

/** A question's page: its id when the id is a plain name, else its place. */
function questionFileName(question: AnswerQuestion, index: number): string {
  return /^[A-Za-z0-9_-]{1,64}$/.test(question.id)
    ? `${question.id}.html`
    : `question-${index + 1}.html`;
}

/**
 * Where the browser keeps the scores: one key per set of questions, so the index and every
 * question page share it, and a team added later does not start the class again.
 */
function storeKey(document: AnswersDocument): string {
  const questions = document.questions.map(({ id, prompt }) => [id, prompt]);
  const text = JSON.stringify({ template: document.template ?? null, questions });
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

function own<T>(record: Record<string, T> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

function answerOf(team: Team, question: AnswerQuestion): TeamAnswer | undefined {
  const answer = team.answers.find((a) => a.questionId === question.id);
  return answer?.found === "missing" ? undefined : answer;
}

function sortedTeams(document: AnswersDocument): Team[] {
  return [...document.teams].sort((a, b) => (a.team < b.team ? -1 : a.team > b.team ? 1 : 0));
}

/** Every page: index.html first, then one per question. */
export function renderAnswersPages(input: AnswersPagesInput): AnswersPage[] {
  const teams = sortedTeams(input.document);
  const files = input.document.questions.map(questionFileName);
  const shell = pageShell(input, teams);
  const pages = input.document.questions.map((question, index) => ({
    fileName: files[index],
    html: shell(`${question.id}: answers`, questionBody(input, teams, index, files)),
  }));
  return [
    { fileName: "index.html", html: shell("Written answers", indexBody(input, teams, files)) },
    ...pages,
  ];
}

/** The page around a body: head, CSP, the data the script reads, the toolbar, the footer. */
function pageShell(input: AnswersPagesInput, teams: Team[]) {
  const questions = input.document.questions
    .filter((q) => own(input.points, q.id) !== undefined)
    .map((q) => ({ id: q.id, points: own(input.points, q.id) }));
  const version = input.document.generatedBy.version;
  const made = `Made by spikegrade ${h(version)}${input.generatedAt ? ` on ${h(formatDate(input.generatedAt))}` : ""}.`;
  const key = storeKey(input.document);
  return (title: string, body: { toolbar: string; main: string }) =>
    [
      ...pageHead({
        title,
        css: ANSWERS_CSS,
        contentSecurityPolicy: CONTENT_SECURITY_POLICY,
      }).slice(0, -1),
      `<body data-store="${key}" data-questions="${h(JSON.stringify(questions))}" data-teams="${h(JSON.stringify(teams.map((t) => t.team)))}">`,
      toolbar(body.toolbar),
      "<main>",
      body.main,
      `<footer>${made} The points and comments you type are kept in this browser as you type (key ${key}); save manual-scores.json to keep them in a file, and load it to carry on in another browser.</footer>`,
      "</main>",
      `<script>${ANSWERS_SCRIPT}</script>`,
      "</body>",
      "</html>",
      "",
    ].join("\n");
}

function toolbar(where: string): string {
  return [
    '<div class="toolbar">',
    where,
    '<div class="actions">',
    '<button type="button" id="save-scores">Save manual-scores.json</button>',
    '<label class="file-button">Load a saved file<input type="file" id="load-scores" accept=".json,application/json"></label>',
    "</div>",
    '<p id="save-status" role="status">Scores are kept in this browser as you type.</p>',
    "</div>",
  ].join("\n");
}

function warningsBlock(title: string, warnings: string[]): string {
  if (warnings.length === 0) return "";
  const items = warnings.map((w) => `<li>${h(w)}</li>`).join("");
  return `<div class="warnings"><strong>${h(title)}</strong><ul>${items}</ul></div>`;
}

function indexBody(input: AnswersPagesInput, teams: Team[], files: string[]) {
  const rows = input.document.questions.map((question, index) => {
    const answered = teams.filter((team) => answerOf(team, question) !== undefined).length;
    const missing = teams.length - answered;
    const max = own(input.points, question.id);
    return [
      "<tr>",
      `<td><a href="${files[index]}">${h(question.id)}</a></td>`,
      `<td class="q-prompt">${question.section ? `<p class="eyebrow">${h(question.section)}</p>` : ""}${renderMarkdown(question.prompt)}</td>`,
      `<td class="num">${answered} of ${teams.length}${missing > 0 ? `<br><span class="muted small">${missing} missing</span>` : ""}</td>`,
      `<td class="num">${max === undefined ? '<span class="muted">not in the rubric</span>' : formatPoints(max)}</td>`,
      `<td><span class="progress" data-progress="${h(question.id)}"></span></td>`,
      "</tr>",
    ].join("");
  });
  const teamWarnings = teams.flatMap((t) => t.warnings.map((w) => `${t.team}: ${w}`));
  const main = [
    `<header><p class="eyebrow">spikegrade \u00b7 instructor</p><h1>Written answers</h1><p class="muted">${input.document.questions.length} questions, ${teams.length} teams${input.document.template ? `, questions from ${h(input.document.template)}` : ""}. Open a question to grade every team's answer to it.</p></header>`,
    warningsBlock("To look at", [...input.document.warnings, ...teamWarnings]),
    '<table class="questions"><thead><tr><th>Question</th><th>Prompt</th><th>Answered</th><th>Points</th><th>Graded</th></tr></thead><tbody>',
    ...rows,
    "</tbody></table>",
  ].join("\n");
  return { toolbar: '<span class="where">Written answers</span>', main };
}

function questionNav(input: AnswersPagesInput, index: number, files: string[]): string {
  const questions = input.document.questions;
  const link = (i: number, text: string) =>
    i >= 0 && i < questions.length ? `<a href="${files[i]}">${text}</a>` : "";
  return [
    `<nav><a href="index.html">All questions</a>${link(index - 1, `\u2190 ${h(questions[index - 1]?.id ?? "")}`)}${link(index + 1, `${h(questions[index + 1]?.id ?? "")} \u2192`)}</nav>`,
    `<span class="where">${h(questions[index].id)}</span>`,
    `<span class="progress" data-progress="${h(questions[index].id)}"></span>`,
  ].join("\n");
}

function questionBody(input: AnswersPagesInput, teams: Team[], index: number, files: string[]) {
  const question = input.document.questions[index];
  const nav = teams
    .map((team, i) => {
      const missing = answerOf(team, question) === undefined;
      return `<a href="#team-${i + 1}"${missing ? ' class="missing"' : ""}>${h(team.team)}</a>`;
    })
    .join("");
  const main = [
    `<header><p class="eyebrow">${h(question.section ?? "Question")}</p><h1>${h(question.id)}</h1></header>`,
    `<div class="prompt">${renderMarkdown(question.prompt)}</div>`,
    `<p class="teams-nav">Jump to a team: ${nav}</p>`,
    ...teams.map((team, i) => (team.notebook === null ? "" : teamCard(input, question, team, i))),
    withoutNotebook(input, question, teams),
  ].join("\n");
  return { toolbar: questionNav(input, index, files), main };
}

/**
 * The teams that handed in no notebook, folded into one block at the end of a question's page:
 * nothing to read, but each still has its grade box, since every team's written part is scored.
 */
function withoutNotebook(input: AnswersPagesInput, question: AnswerQuestion, teams: Team[]) {
  const rows = teams.flatMap((team, i) =>
    team.notebook === null
      ? [
          `<div class="folded" id="team-${i + 1}"><h2>${h(team.team)}</h2>${gradeBox(input, question, team.team, `team-${i + 1}`)}</div>`,
        ]
      : [],
  );
  if (rows.length === 0) return "";
  const names = teams.filter((t) => t.notebook === null).map((t) => h(t.team));
  return [
    '<section class="team missing no-notebook">',
    `<p class="none">No notebook was found for ${rows.length === 1 ? "this team" : `these ${rows.length} teams`}: ${names.join(", ")}. There is no answer to read; score or comment here.</p>`,
    `<div class="folded-list">${rows.join("")}</div>`,
    "</section>",
  ].join("\n");
}

function flags(answer: TeamAnswer | undefined): string {
  if (answer === undefined) return '<span class="flag missing">no answer found</span>';
  const words = [
    answer.found === "inside-prompt" ? "answered inside the prompt's cell" : "",
    answer.promptEdited ? "prompt edited by the team" : "",
  ].filter((w) => w !== "");
  return words.map((w) => `<span class="flag">${w}</span>`).join(" ");
}

function verdictList(input: AnswersPagesInput, question: AnswerQuestion, team: string): string {
  const checks = question.checks ?? [];
  if (checks.length === 0) return "";
  const byCheck = own(input.verdicts, team);
  const items = checks.map((check) => {
    const status = own(byCheck, check);
    const mark = status
      ? `<span class="mark ${status}">${STATUS_WORDS[status]}</span>`
      : '<span class="mark none">not run</span>';
    return `<li>${mark} <span class="mono">${h(check)}</span></li>`;
  });
  return `<ul class="verdicts" aria-label="checks for this question">${items.join("")}</ul>${figureThumbs(input, checks, team)}`;
}

/** The team's figures of the question's checks, from its report folder, each a link to itself. */
function figureThumbs(input: AnswersPagesInput, checks: readonly string[], team: string): string {
  const files = own(input.figures, team) ?? [];
  const keys = [...new Set(checks.map(figureOfCheck))].filter((key) => key !== undefined);
  const shown = keys
    .map((key) => FIGURES[key])
    .filter((figure) => files.includes(figure.fileName))
    .map((figure) => {
      const src = `../${encodeURIComponent(team)}/${encodeURIComponent(figure.fileName)}`;
      return `<a class="thumb" href="${h(src)}" title="${h(figure.title)}"><img src="${h(src)}" alt="${h(figure.alt)}" loading="lazy"><span>${h(figure.title)}</span></a>`;
    });
  return shown.length === 0 ? "" : `<div class="thumbs">${shown.join("")}</div>`;
}

function gradeBox(input: AnswersPagesInput, question: AnswerQuestion, team: string, id: string) {
  const max = own(input.points, question.id);
  const points =
    max === undefined
      ? '<p class="muted small">Not among the rubric\'s questions: a comment only.</p>'
      : `<label for="${id}-points">Points</label><input class="points" id="${id}-points" type="number" min="0" max="${formatPoints(max)}" step="0.5" inputmode="decimal" placeholder="\u2013"><span class="of">/ ${formatPoints(max)}</span>`;
  return [
    `<div class="grade" data-team="${h(team)}" data-question="${h(question.id)}"><div class="grade-inner">`,
    points,
    `<label class="sr" for="${id}-comment">Comment</label><textarea class="comment" id="${id}-comment" placeholder="Comment to the team"></textarea>`,
    verdictList(input, question, team),
    "</div></div>",
  ].join("\n");
}

function teamCard(input: AnswersPagesInput, question: AnswerQuestion, team: Team, index: number) {
  const answer = answerOf(team, question);
  const id = `team-${index + 1}`;
  const members = team.members.map((m) => h(m.name || m.id)).join(", ");
  const body =
    answer === undefined
      ? `<p class="none">${team.notebook === null ? "No notebook was found for this team." : "No answer to this question was found in the notebook."}</p>`
      : answer.cells.length === 0
        ? '<p class="none">The team left the space for the answer empty.</p>'
        : answerCellsHtml(answer.cells);
  return [
    `<section class="team${answer === undefined ? " missing" : ""}" id="${id}">`,
    '<div class="answer">',
    `<div class="team-head"><h2>${h(team.team)}</h2><span class="members">${members}</span>${flags(answer)}</div>`,
    body,
    "</div>",
    gradeBox(input, question, team.team, id),
    "</section>",
  ].join("\n");
}
