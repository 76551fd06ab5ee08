import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { notebookCells } from "./notebook-cells.js";
import { matchPrompts, normalisePrompt, promptSimilarity, SAME_PROMPT } from "./prompt-match.js";
import { findPrompts } from "./prompts.js";

const templatePath = join(import.meta.dirname, "../../../tests/fixtures/answers/template.ipynb");

function templatePrompts(): string[] {
  const read = notebookCells(JSON.parse(readFileSync(templatePath, "utf8")));
  if (!read.ok) throw new Error(read.message);
  return findPrompts(read.cells).map((prompt) => prompt.text);
}

describe("normalisePrompt", () => {
  test("drops case, accents, markdown, punctuation and the QUESTION label with its number", () => {
    expect(normalisePrompt("**QUESTION 3:** Quelle est la *nature* du bruit ?")).toBe(
      "quelle est la nature du bruit",
    );
  });
});

describe("promptSimilarity and the threshold", () => {
  test("1 for the same text, whatever its markdown; 0 for texts sharing no trigram", () => {
    expect(promptSimilarity("QUESTION: why frozen?", "**QUESTION**: Why *frozen*?")).toBe(1);
    expect(promptSimilarity("aaa", "zzz")).toBe(0);
  });

  test("the template's 17 prompts are far apart: every pair under the threshold by a margin", () => {
    const prompts = templatePrompts();
    expect(prompts).toHaveLength(17);
    let closest = 0;
    for (let i = 0; i < prompts.length; i += 1) {
      for (let j = i + 1; j < prompts.length; j += 1) {
        closest = Math.max(closest, promptSimilarity(prompts[i], prompts[j]));
      }
    }
    expect(closest).toBeLessThan(SAME_PROMPT - 0.1);
  });

  test("reworded prompts stay above it", () => {
    const pairs: [string, string][] = [
      [
        "QUESTION: Set the parameter R to obtain about 10 spikes - what is the interpretation of this parameter and what is the unit of measurement?",
        "QUESTION 2: we set R to get about ten spikes. Interpretation of this parameter, and its unit?",
      ],
      [
        "QUESTION: what is the nature of the noise used in the article? why can it be described as frozen noise?",
        "Question: What is the nature of the noise in the article, and why is it called frozen noise?",
      ],
      [
        "QUESTION: conclude quickly: to what extent has the phenomenon been explained?",
        "QUESTION - Conclude: to what extent is the phenomenon explained?",
      ],
    ];
    for (const [a, b] of pairs)
      expect(promptSimilarity(a, b), b).toBeGreaterThanOrEqual(SAME_PROMPT);
  });
});

describe("matchPrompts", () => {
  test("pairs one to one, the best pair first, and leaves an unrelated prompt alone", () => {
    const questions = ["QUESTION: what is R?", "QUESTION: what is tau?", "QUESTION: conclude"];
    const prompts = [
      "QUESTION: conclude.",
      "QUESTION: what is tau, in ms?",
      "QUESTION: my own remark",
    ];
    expect(matchPrompts(prompts, questions)).toEqual([2, 1, -1]);
  });

  test("two prompts close to one question: only the closer gets it", () => {
    expect(
      matchPrompts(["QUESTION: what is R", "QUESTION: what is R?"], ["QUESTION: what is R?"]),
    ).toEqual([0, -1]);
  });
});
