import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { referenceFile } from "../protocol/reference-files.js";
import type { Rubric, RubricCheck } from "../protocol/types.js";
import { rubricChangeProblems } from "./rubric-changes.js";

const DEFAULT: Rubric = JSON.parse(readFileSync(referenceFile("rubric.json"), "utf8"));

/** The default rubric with edit applied to a copy. */
function edited(edit: (rubric: Rubric, byId: (id: string) => RubricCheck) => void): Rubric {
  const rubric = structuredClone(DEFAULT);
  edit(rubric, (id) => rubric.checks.find((c) => c.id === id) as RubricCheck);
  return rubric;
}

const messages = (rubric: Rubric) => rubricChangeProblems(rubric, DEFAULT).map((p) => p.message);

describe("what a course's rubric may change", () => {
  it("the default itself changes nothing", () => {
    expect(messages(DEFAULT)).toEqual([]);
  });

  it("points (0 counting nothing), titles, descriptions, the order, and leaving checks out", () => {
    const rubric = edited((r, byId) => {
      byId("figure1.B").points = 5;
      byId("figure1.rate").points = 0;
      byId("neuron.fi").title = "the f-I curve";
      byId("neuron.fi").description = "As in the lecture of week 3.";
      r.description = "Neuro 101, spring term";
      r.checks = r.checks.filter((c) => c.id !== "figure1.contrast" && c.id !== "figure1.B:hidden");
      r.checks.reverse();
    });
    expect(messages(rubric)).toEqual([]);
  });
});

describe("what it may not change, each said at its place with what to do instead", () => {
  it("a check the default does not have", () => {
    const rubric = edited((r, byId) => {
      r.checks.push({ ...byId("figure1.A"), id: "figure1.A:hidden", visibility: "hidden" });
    });
    const [problem] = rubricChangeProblems(rubric, DEFAULT);
    expect(problem.path).toBe("checks[18].id");
    expect(problem.message).toMatch(
      /^checks\[18\]\.id figure1\.A:hidden is not a check of the default rubric \(manifest, load, .*\); a course's rubric may reweight, retitle or leave out those, not add one/,
    );
  });

  it("a public check made hidden, and a hidden one made public", () => {
    const rubric = edited((_, byId) => {
      byId("neuron.rest").visibility = "hidden";
      byId("neuron.fi:hidden").visibility = "public";
    });
    expect(messages(rubric)).toEqual([
      "checks[5].visibility of neuron.rest is hidden; it stays public, since a public check is one students run themselves before they submit: to stop it counting, give it 0 points or leave it out",
      "checks[15].visibility of neuron.fi:hidden is public; it stays hidden, since a hidden repeat runs only with grade --hidden, on inputs from the course secret: to stop it counting, give it 0 points or leave it out",
    ]);
  });

  it("a parameter, named by its path, with the value given and the default's", () => {
    const rubric = edited((_, byId) => {
      (byId("neuron.fi").parameters as { currentsPa: number[] }).currentsPa = [100, 600];
    });
    expect(rubricChangeProblems(rubric, DEFAULT)).toEqual([
      {
        path: "checks[6].parameters.currentsPa",
        message:
          "checks[6].parameters.currentsPa of neuron.fi is [100, 600]; it stays the default's [100, 125, 140, 150, 200, 300, 500]: the check's bands and their false-reject chance were computed for these parameters and no others",
      },
    ]);
  });

  it("the tolerances a check names and its false-reject chance, which spikegrade states", () => {
    const rubric = edited((_, byId) => {
      byId("figure1.A").tolerances = [];
      byId("figure1.A").falseRejectProbability = 0;
    });
    expect(messages(rubric)).toEqual([
      "checks[10].tolerances of figure1.A differs from the default's: it names the bands the check compares with, which spikegrade states and a rubric does not choose; copy it from `spikegrade rubric`",
      "checks[10].falseRejectProbability of figure1.A is 0; it is measured, not chosen, and stays the default's 1.16e-7; copy it from `spikegrade rubric`",
    ]);
  });

  it("a measure's parameter", () => {
    const rubric = edited((r) => {
      r.measures.rcorr = { sigmaMs: 5 };
    });
    expect(messages(rubric)).toEqual([
      "measures.rcorr.sigmaMs differs from the default's: the measures stay as they are, since every band in tolerances.json was computed with them; copy it from `spikegrade rubric`",
    ]);
  });

  it("leaving out manifest or load, a counting hidden repeat without its public check, or every point", () => {
    expect(messages(edited((r) => (r.checks = r.checks.filter((c) => c.id !== "load"))))).toEqual([
      "checks has no load; keep it (with 0 points if it should count nothing): every other check runs only once it passes",
    ]);
    expect(
      messages(edited((r) => (r.checks = r.checks.filter((c) => c.id !== "neuron.match")))),
    ).toEqual([
      "checks[15] (neuron.match:hidden) is worth 1 point but the rubric leaves out neuron.match: keep neuron.match (with 0 points if it should count nothing), so that students can run what its hidden repeat grades",
    ]);
    // With its repeat worth nothing, the public check may go.
    const withoutMatch = edited((r, byId) => {
      byId("neuron.match:hidden").points = 0;
      r.checks = r.checks.filter((c) => c.id !== "neuron.match");
    });
    expect(messages(withoutMatch)).toEqual([]);
    const nothing = edited((r) => {
      for (const check of r.checks) check.points = 0;
    });
    expect(messages(nothing)).toEqual([
      "every check is worth 0 points: give at least one check points, or there is no grade",
    ]);
  });
});
