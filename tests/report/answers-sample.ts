import { createCanvas } from "@napi-rs/canvas";
import type {
  AnswerCell,
  AnswersDocument,
  CheckStatus,
  TeamAnswer,
} from "../../src/protocol/types.js";

/**
 * A class's written answers as the extraction would give them, written by hand: eight teams
 * answering four of the course's questions in the ways teams do (prose, a formula, code with its
 * printed output, a raster plot, an error left in, an answer inside the prompt's cell, an edited
 * prompt, a missing answer), for the answer pages' tests and for looking at the pages.
 */

/** A small raster plot as a team's notebook would save it (PNG, base64). */
function rasterPng(seed: number): string {
  const canvas = createCanvas(480, 200);
  const context = canvas.getContext("2d");
  context.fillStyle = "#fff";
  context.fillRect(0, 0, 480, 200);
  context.fillStyle = "#222";
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  for (let trial = 0; trial < 20; trial++) {
    for (let t = 20; t < 460; t += 8) {
      if (next() < 0.08 + (Math.sin(t / 17) > 0.7 ? 0.6 : 0))
        context.fillRect(t, 10 + trial * 9, 1.5, 6);
    }
  }
  return canvas.toBuffer("image/png").toString("base64");
}

const md = (source: string): AnswerCell => ({ kind: "markdown", source, outputs: [] });
const code = (source: string, outputs: AnswerCell["outputs"] = []): AnswerCell => ({
  kind: "code",
  source,
  outputs,
});
const answer = (questionId: string, cells: AnswerCell[], extra: Partial<TeamAnswer> = {}) =>
  ({ questionId, found: "after-prompt", promptEdited: false, cells, ...extra }) as TeamAnswer;
const missing = (questionId: string): TeamAnswer => ({
  questionId,
  found: "missing",
  promptEdited: false,
  cells: [],
});

const R_ANSWERS = [
  "R is the **membrane resistance**. With $R = 40\\,M\\Omega$ we get about 10 spikes. It sets how strongly the input current moves the voltage: $\\Delta V = R I$, so its unit is the ohm (here megaohms).",
  "R = 100 MOhm gives 11 spikes. R is the resistance of the membrane, it converts the injected current (pA) into a voltage (mV) so the unit is MΩ.",
  "We tried several values:\n\n| R (MΩ) | spikes |\n|---|---|\n| 20 | 3 |\n| 40 | 9 |\n| 50 | 12 |\n\nR is the input resistance (Ohm's law, V = RI), unit: MΩ.",
  "resistance, ohms",
  "R is the leak resistance of the membrane. Larger R means a smaller leak conductance $g_L = 1/R$ and so the neuron charges faster and fires more. Unit: MΩ (10^6 Ω). See [Gerstner's book](https://neuronaldynamics.epfl.ch/online/Ch1.S3.html).",
  "R = 40 (MΩ), it is a resistance.\n\n> Note: we were not sure whether the capacitance should change too.",
];

const NOISE_ANSWERS = [
  "The noise is **Gaussian white noise** filtered by a low-pass filter (an Ornstein-Uhlenbeck process with τ = 3 ms). It is *frozen* because the same realisation (same seed) is injected on every trial, so the variability across trials comes from the neuron, not from the stimulus.",
  "Frozen noise = the same noisy current repeated at each trial. In the article it is filtered Gaussian noise.",
  "The stimulus is a fluctuating current with the same seed each time:",
  "Coloured (OU) noise; frozen because it is generated once and replayed identically 25 times.",
];

/** Eight teams' answers to four questions. */
export function sampleAnswers(): AnswersDocument {
  const names = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"];
  const people = [
    "Ada Lovelace",
    "Alan Turing",
    "Grace Hopper",
    "Emmy Noether",
    "Kurt Gödel",
    "Rosalind Franklin",
    "Claude Shannon",
    "Lise Meitner",
    "Niels Bohr",
    "Marie Curie",
    "Paul Dirac",
    "Barbara McClintock",
    "Santiago Ramón y Cajal",
    "Alan Hodgkin",
    "Andrew Huxley",
    "Bernard Katz",
  ];
  const teams = names.map((name, i) => ({
    team: `team-${name}`,
    members: [0, 1].map((k) => ({ id: `s21${i}${k}`, name: people[(2 * i + k) % people.length] })),
    notebook: i === 7 ? null : "brief.ipynb",
    warnings: i === 3 ? ["two cells hold the prompt of q03; the first was used"] : [],
    answers:
      i === 7
        ? []
        : [
            answer(
              "q01",
              [
                md(R_ANSWERS[i % R_ANSWERS.length]),
                ...(i % 3 === 0
                  ? [
                      code("R = 40  # MOhm\nspikes = simulate(R=R)\nprint(len(spikes), 'spikes')", [
                        { kind: "text" as const, text: "10 spikes\n" },
                      ]),
                    ]
                  : []),
              ],
              i === 2 ? { found: "inside-prompt" } : {},
            ),
            i === 5
              ? missing("q02")
              : answer(
                  "q02",
                  [
                    md(NOISE_ANSWERS[i % NOISE_ANSWERS.length]),
                    ...(i % 2 === 0
                      ? [
                          code(
                            "fig, ax = plt.subplots()\nfor k, train in enumerate(trains):\n    ax.plot(train, k * np.ones_like(train), '|k')\nax.set_xlabel('time (ms)')",
                            [
                              {
                                kind: "image" as const,
                                mime: "image/png" as const,
                                base64: rasterPng(i + 1),
                              },
                            ],
                          ),
                        ]
                      : []),
                  ],
                  i === 1 ? { promptEdited: true } : {},
                ),
            answer(
              "q03",
              i === 4
                ? [
                    code("rcorr = reliability(trains)\nprint(rcorr)", [
                      {
                        kind: "error",
                        ename: "NameError",
                        evalue: "name 'reliability' is not defined",
                      },
                    ]),
                  ]
                : [
                    md(
                      `Reliability is ${["high", "about 0.8", "0.92 for frozen noise and 0.2 for the step", "much higher with noise than with a step"][i % 4]}; the spikes line up across trials when the input fluctuates.`,
                    ),
                  ],
            ),
            i === 6
              ? missing("q04")
              : answer("q04", [
                  md(
                    [
                      "Partly: a LIF reproduces the precise timing with fluctuating input, so the mechanism does not need channels' details.",
                      "The phenomenon is explained by the threshold: fast fluctuations cross it at the same time every trial.",
                      "Only qualitatively.",
                    ][i % 3],
                  ),
                ]),
          ],
  }));
  return {
    generatedBy: { name: "spikegrade", version: "0.1.0" },
    template: "brief-template.ipynb",
    questions: [
      {
        id: "q01",
        section: "1. The neuron",
        prompt:
          "**QUESTION:** Set the parameter R to obtain about 10 spikes - what is the interpretation of this parameter and what is the unit of measurement?",
      },
      {
        id: "q02",
        section: "2. The stimulus",
        prompt:
          "**QUESTION:** what is the nature of the noise used in the article? why can it be described as *frozen noise*?",
        checks: ["stimulus.ou", "stimulus.frozen"],
      },
      {
        id: "q03",
        section: "3. Reliability",
        prompt:
          "**QUESTION:** how reliable are the spike times with the step and with the noisy current? Give the measure you used.",
        checks: ["figure1.A", "figure1.B"],
      },
      {
        id: "q04",
        section: "4. Conclusion",
        prompt: "**QUESTION:** conclude quickly: to what extent has the phenomenon been explained?",
      },
    ],
    teams,
    warnings: ["team-hotel: no notebook (.ipynb) in the submission"],
  };
}

/** The points of the sample's questions, as a rubric's manual questions would give them. */
export const SAMPLE_POINTS: Record<string, number> = { q01: 2, q02: 2, q03: 3, q04: 1 };

/** The sample teams' check verdicts (team -> check id -> status). */
export function sampleVerdicts(): Record<string, Record<string, CheckStatus>> {
  const statuses: CheckStatus[] = ["pass", "pass", "fail", "pass", "error", "pass", "skip"];
  return Object.fromEntries(
    sampleAnswers()
      .teams.slice(0, 7)
      .map((team, i) => [
        team.team,
        {
          "stimulus.ou": statuses[i],
          "stimulus.frozen": statuses[(i + 1) % 7],
          "figure1.A": statuses[(i + 2) % 7],
          "figure1.B": statuses[(i + 3) % 7],
        },
      ]),
  );
}
