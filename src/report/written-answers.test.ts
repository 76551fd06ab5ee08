import { describe, expect, it } from "vitest";
import type { GradebookManual } from "../protocol/types.js";
import { notScoredNote, withWrittenAnswers, writtenAnswersSection } from "./written-answers.js";

const PAGE = "<main>\n<section>checks</section>\n<footer>Made by spikegrade</footer>\n</main>";
const manual = (points: number | null): GradebookManual => ({
  checksScore: 7,
  checksMaxScore: 10,
  questions: [{ id: "q01", points, maxPoints: 2 }],
  notScored: points === null ? 1 : 0,
});
const columns = [{ id: "q01", title: "Frozen noise", points: 2 }];

describe("the written answers' section of a report", () => {
  it("goes above the footer, and a later merge replaces it rather than adding a second", () => {
    const once = withWrittenAnswers(PAGE, writtenAnswersSection(manual(null), columns));
    expect(once).toContain("0 of 2 points (1 question not scored yet)");
    const twice = withWrittenAnswers(once, writtenAnswersSection(manual(1.5), columns));
    expect(twice.split("Written answers").length).toBe(2);
    expect(twice).toContain("<strong>1.5</strong> of 2 points");
    expect(twice.indexOf("Written answers")).toBeLessThan(twice.indexOf("<footer>"));
  });

  it("is taken out whole when the gradebook has no manual scores, giving the page back", () => {
    const withSection = withWrittenAnswers(PAGE, writtenAnswersSection(manual(2), columns));
    expect(withWrittenAnswers(withSection, undefined)).toBe(PAGE);
  });

  it("counts what is left: 1 question, 3 questions", () => {
    expect([notScoredNote(1), notScoredNote(3)]).toEqual([
      "1 question not scored yet",
      "3 questions not scored yet",
    ]);
  });
});
