import { describe, expect, it } from "vitest";
import type { CheckReport, CheckResult } from "../protocol/types.js";
import {
  checklistMarkdown,
  codeBlock,
  MESSAGE_CHARACTERS,
  markdownText,
  SUMMARY_BYTES,
} from "./checklist-markdown.js";

function result(
  id: string,
  status: CheckResult["status"],
  message: string,
  maxPoints = 1,
): CheckResult {
  const points = status === "pass" ? maxPoints : 0;
  return { id, title: `${id}'s title`, status, points, maxPoints, visibility: "public", message };
}

function report(checks: CheckResult[]): CheckReport {
  const score = checks.reduce((sum, c) => sum + c.points, 0);
  const maxScore = checks.reduce((sum, c) => sum + c.maxPoints, 0);
  return { team: "my-team", members: [], passed: score === maxScore, score, maxScore, checks };
}

describe("markdownText", () => {
  it("escapes what Markdown and HTML act on, and keeps it on one line", () => {
    expect(markdownText("a|b <img src=x> **c**\n  d & e")).toBe(
      "a\\|b \\<img src=x\\> \\*\\*c\\*\\* d &amp; e",
    );
    expect(markdownText("[link](http://x)")).toBe("\\[link\\]\\(http://x\\)");
  });

  it("writes out control characters", () => {
    expect(markdownText("a\u001b[2Jb")).toBe("a\\\\u\\{1b\\}\\[2Jb");
  });
});

describe("codeBlock", () => {
  it("uses a fence longer than any run of backticks inside", () => {
    expect(codeBlock("plain")).toBe("```text\nplain\n```");
    expect(codeBlock("a ``` b")).toBe("````text\na ``` b\n````");
  });
});

describe("checklistMarkdown", () => {
  const checks = [
    result("manifest", "pass", "submission.json is valid"),
    result("load", "pass", "simulator.py loaded in 0.3 s and provides both functions"),
    result("neuron.fi", "fail", "the rate at 150 pA is 20 Hz\n<b>not</b> 13.2 Hz | **fix it**", 2),
    result("neuron.trace", "error", "Python raised ValueError at simulator.py line 12"),
    result("figure1.A", "skip", "not run: neuron.fi failed"),
  ];

  it("gives the score, a row per check, each problem's message in a code block, the rest folded", () => {
    const md = checklistMarkdown(
      { ...report(checks), hiddenChecks: 4, hiddenPoints: 4 },
      ".spikegrade/report.html",
    );
    expect(md).toContain("## spikegrade check: my\\-team");
    expect(md).toContain(
      "**Score 2/6 — 1 failed, 1 error**\\\n4 hidden checks \\(4 points\\) run only at grading, on inputs you have not seen: the grade is out of 10\\.",
    );
    expect(md).toContain("| ✅ pass | manifest | manifest's title | 1/1 |");
    expect(md).toContain("| ❌ FAIL | neuron\\.fi | neuron\\.fi's title | 0/2 |");
    expect(md).toContain("| ⚠️ ERROR | neuron\\.trace |");
    expect(md).toContain("| ➖ skip | figure1\\.A |");
    // The failure's message, markup and all, inside a fence: shown as text, never rendered.
    expect(md).toContain(
      "### ❌ FAIL: neuron\\.fi (0/2)\n\nneuron\\.fi's title\n\n```text\nthe rate at 150 pA is 20 Hz\n<b>not</b> 13.2 Hz | **fix it**\n```",
    );
    expect(md).toContain("### ⚠️ ERROR: neuron\\.trace (0/1)");
    expect(md).toContain(
      "<details><summary>✅ pass: 2 checks passed: what they measured</summary>",
    );
    expect(md).toContain("- **load**: simulator\\.py loaded in 0\\.3 s");
    expect(md).toContain("<details><summary>➖ skip: 1 check skipped: why</summary>");
    expect(
      md
        .trimEnd()
        .endsWith("The report, with the figures and the log: \\.spikegrade/report\\.html"),
    ).toBe(true);
  });

  it("says every check passed, with no problem section, when they did", () => {
    const md = checklistMarkdown(report(checks.slice(0, 2)), "r.html");
    expect(md).toContain("**Score 2/2 — every check passed**");
    expect(md).not.toContain("###");
  });

  it("cuts a long message and keeps the whole summary under its budget", () => {
    const long = "x".repeat(MESSAGE_CHARACTERS + 10);
    const one = checklistMarkdown(report([result("neuron.fi", "fail", long)]), "r.html");
    expect(one).toContain(
      `${"x".repeat(MESSAGE_CHARACTERS)}\n… (cut here: the report has the whole message)`,
    );
    expect(one).not.toContain("x".repeat(MESSAGE_CHARACTERS + 1));

    const many = Array.from({ length: 400 }, (_, i) => result(`c${i}`, "fail", long));
    const md = checklistMarkdown(report(many), "r.html");
    expect(Buffer.byteLength(md, "utf8")).toBeLessThanOrEqual(SUMMARY_BYTES);
    expect(md).toMatch(/… \d+ more sections are in the report\./);
    expect(md).toContain("| ❌ FAIL | c399 |");
  });
});
