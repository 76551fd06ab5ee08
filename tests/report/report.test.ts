import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG } from "pngjs";
import { afterAll, describe, expect, it } from "vitest";
import type { CheckReport, CheckResult } from "../../src/protocol/types.js";
import { createFigureCanvas, encodePng } from "../../src/render/canvas.js";
import { checkComparisons, describeKey, describePath } from "../../src/report/check-comparisons.js";
import { escapeHtml } from "../../src/report/escape-html.js";
import { REPORT_IMAGE_FILES } from "../../src/report/figures.js";
import { isSafeImageName } from "../../src/report/image-source.js";
import { logExcerpt } from "../../src/report/log-excerpt.js";
import { type ReportAssets, reportImageFiles } from "../../src/report/report-assets.js";
import { InvalidReportError, renderReportHtml } from "../../src/report/report-html.js";
import { reportView, splitHint } from "../../src/report/report-view.js";
import { gradedReport, HIDDEN_CHECK, PUBLIC_CHECKS, sampleReport } from "./sample-report.js";

const AT = new Date("2025-11-27T23:41:00Z");
const PUBLIC_SCORE = PUBLIC_CHECKS.reduce((s, c) => s + c.points, 0);
const PUBLIC_MAX = PUBLIC_CHECKS.reduce((s, c) => s + c.maxPoints, 0);

/** A small PNG of a given layout size at scale 2, one pixel inked so figures differ. */
function png(width: number, height: number, ink = 0): Buffer {
  const figure = createFigureCanvas(width, height, 2);
  figure.ctx.fillStyle = "#000000";
  figure.ctx.fillRect(ink, 0, 1, 1);
  return encodePng(figure);
}

const ASSETS: ReportAssets = {
  figure1: png(90, 60, 1),
  fi: png(56, 36, 2),
  autocorrelation: png(56, 34, 3),
  match: png(90, 30, 4),
  matchDiff: png(90, 20, 5),
};

/** Every start tag's name, lower-cased. */
function tagNames(html: string): Set<string> {
  return new Set([...html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) => m[1].toLowerCase()));
}

/** The src of every img element. */
function imageSources(html: string): string[] {
  return [...html.matchAll(/<img\s[^>]*?src="([^"]*)"/g)].map((m) => m[1]);
}

/** The text of the page without its tags, entities decoded the way a browser would. */
function visibleText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

/** The tags a report may contain: no script, no iframe, no object, no form, no link. */
const ALLOWED_TAGS = new Set(
  "html head meta title style body main header footer section h1 h2 h3 p ul ol li span a div table thead tbody tr th td details summary pre code strong small figure img figcaption dl dt dd".split(
    " ",
  ),
);

describe("renderReportHtml: input", () => {
  it("renders the same page for the same report, assets and date", () => {
    const a = renderReportHtml(sampleReport(), ASSETS, { generatedAt: AT });
    const b = renderReportHtml(sampleReport(), ASSETS, { generatedAt: AT });
    expect(a).toBe(b);
    expect(a.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(a).toContain("2025-11-27 23:41 UTC");
  });

  it("validates the report against the check-report schema before rendering", () => {
    const missing = { ...sampleReport() } as Partial<CheckReport>;
    delete missing.team;
    expect(() => renderReportHtml(missing as CheckReport)).toThrow(InvalidReportError);
    const badStatus = sampleReport();
    (badStatus.checks[0] as { status: string }).status = "passed";
    try {
      renderReportHtml(badStatus);
      expect.unreachable("an invalid status must be refused");
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidReportError);
      expect((error as InvalidReportError).problems.join(" ")).toMatch(/checks\[0\]\.status/);
    }
    const extra = { ...sampleReport(), grade: "A" } as unknown as CheckReport;
    expect(() => renderReportHtml(extra)).toThrow(/grade/);
  });

  it("renders a report with nothing optional: no members, metrics, log or figures", () => {
    const bare: CheckReport = {
      team: "team-01",
      members: [],
      passed: false,
      score: 0,
      maxScore: 1,
      checks: [
        {
          id: "manifest",
          title: "submission.json is valid",
          status: "fail",
          points: 0,
          maxPoints: 1,
          visibility: "public",
          message: "submission.json is missing",
        },
      ],
    };
    const html = renderReportHtml(bare, {}, { generatedAt: AT });
    expect(html).toContain("No members listed");
    expect(imageSources(html)).toEqual([]);
    expect(html).not.toContain("Figure 1 measures");
    expect(html).toContain("Made by spikegrade unknown");
  });
});

describe("renderReportHtml: escaping", () => {
  const hostile = '<script>alert(1)</script>"quotes" & ampersands';
  const report = sampleReport();
  report.members = [
    { id: '"><img src=x onerror=alert(2)>', name: "<script>alert(1)</script>" },
    { id: "s2", name: '"quotes" & ampersands' },
  ];
  report.checks[6].message = `steady rate is <b>${hostile}</b>; is V held at resetMv?`;
  report.checks[6].title = `<i>${hostile}</i>`;
  report.log = `</pre><script>alert(3)</script>\n${hostile}`;
  report.warnings = [`<a href="javascript:alert(4)">${hostile}</a>`];
  report.entry = "<svg onload=alert(5)>.py";
  report.manifestTeam = "<marquee>team</marquee>";
  const assets = { ...ASSETS, isolationNote: "<iframe src=//evil>" };
  const html = renderReportHtml(report, assets, { generatedAt: AT });

  it("lets no student-provided markup through: only the report's own tags appear", () => {
    const unexpected = [...tagNames(html)].filter((t) => !ALLOWED_TAGS.has(t));
    expect(unexpected).toEqual([]);
    expect(html.toLowerCase()).not.toContain("<script");
    expect(imageSources(html)).toHaveLength(5);
    expect(html).not.toMatch(/(?:href|src)="javascript:/);
  });

  it("escapes names, messages, the log, warnings and notes, and still shows them as text", () => {
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&quot;quotes&quot; &amp; ampersands");
    expect(html).toContain("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;");
    const text = visibleText(html);
    expect(text).toContain("<script>alert(1)</script>");
    expect(text).toContain('"quotes" & ampersands');
    expect(text).toContain("</pre><script>alert(3)</script>");
    expect(text).toContain("<iframe src=//evil>");
    expect(text).toContain("<marquee>team</marquee>");
  });

  it("escapeHtml replaces the five characters that end text or an attribute", () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;",
    );
    expect(escapeHtml("plain text, 150 pA")).toBe("plain text, 150 pA");
  });
});

describe("renderReportHtml: audiences", () => {
  const student = renderReportHtml(gradedReport(), ASSETS, { generatedAt: AT });
  const instructor = renderReportHtml(gradedReport(), ASSETS, {
    generatedAt: AT,
    audience: "instructor",
  });

  it("withholds hidden checks from a student, counting them, and scores the public ones", () => {
    expect(student).not.toContain(HIDDEN_CHECK.id);
    expect(student).not.toContain("unseen inputs");
    expect(student).not.toContain("90001");
    // 3 hidden checks not run and 1 that ran and is withheld.
    expect(student).toContain("<strong>4 hidden checks</strong> (5 points)");
    expect(student).toContain(`The grade is out of ${PUBLIC_MAX + 5}.`);
    expect(student).toContain(`${PUBLIC_SCORE} <small>of ${PUBLIC_MAX} points (public checks)`);
    // The log of a run with hidden checks could show their inputs.
    expect(student).not.toContain("KeyboardInterrupt");
    expect(student).toContain("this run included hidden checks");
  });

  it("shows a student's self-check with its log and the count of hidden checks", () => {
    const html = renderReportHtml(sampleReport(), ASSETS, { generatedAt: AT });
    expect(html).toContain("<strong>4 hidden checks</strong> (5 points)");
    expect(html).toContain(`The grade is out of ${PUBLIC_MAX + 5}.`);
    expect(html).toContain("KeyboardInterrupt");
    expect(html).toContain(`${PUBLIC_SCORE} <small>of ${PUBLIC_MAX} points</small>`);
  });

  it("shows the instructor every check, marked hidden, and the full score", () => {
    expect(instructor).toContain(HIDDEN_CHECK.id);
    expect(instructor).toContain('<span class="tag">hidden</span>');
    expect(instructor).toContain(`${PUBLIC_SCORE} <small>of ${PUBLIC_MAX + 1} points</small>`);
    expect(instructor).toContain("3 hidden checks did not run");
    // The figures are of the public inputs: a hidden check does not point at them.
    expect(instructor).toContain('id="check-14-neuron-match-hidden"');
    const hiddenRow = instructor.slice(instructor.indexOf('id="check-14-neuron-match-hidden"'));
    expect(hiddenRow.slice(0, hiddenRow.indexOf("</li>"))).not.toContain("See the figure");
    expect(instructor).toContain("KeyboardInterrupt");
  });

  it("reportView recomputes score and verdict only when hidden checks are withheld", () => {
    const graded = gradedReport();
    graded.passed = false;
    const view = reportView(graded, "student");
    expect(view).toMatchObject({
      withheld: 1,
      hiddenCount: 4,
      score: PUBLIC_SCORE,
      maxScore: PUBLIC_MAX,
    });
    expect(view.checks).toHaveLength(PUBLIC_CHECKS.length);
    const allPass = gradedReport();
    allPass.checks = allPass.checks.map((c) =>
      c.visibility === "public" ? { ...c, status: "pass", points: c.maxPoints } : c,
    );
    // Every public check passes; the hidden one fails: the student sees a pass.
    expect(reportView(allPass, "student").passed).toBe(true);
    expect(reportView(allPass, "instructor").passed).toBe(false);
  });
});

describe("renderReportHtml: checklist", () => {
  const html = renderReportHtml(sampleReport(), { ...ASSETS }, { generatedAt: AT });

  it("gives every status a word and a symbol, not a colour alone", () => {
    expect(html).toContain(
      '<span class="badge pass"><span aria-hidden="true">\u2713</span> PASS</span>',
    );
    expect(html).toContain(
      '<span class="badge fail"><span aria-hidden="true">\u2717</span> FAIL</span>',
    );
    expect(html).toContain(
      '<span class="badge error"><span aria-hidden="true">!</span> ERROR</span>',
    );
    expect(html).toContain(
      '<span class="badge skip"><span aria-hidden="true">\u2013</span> SKIPPED</span>',
    );
  });

  it("lists the broken and failing checks first, each linking to its row", () => {
    const todo = html.slice(html.indexOf("Fix these first"), html.indexOf("</ol>"));
    const links = [...todo.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(links).toEqual(["check-9-neuron-noise", "check-7-neuron-fi", "check-8-neuron-match"]);
    for (const id of links) expect(html).toContain(`id="${id}"`);
  });

  it("sets a failure's question apart and shows each value beside its band", () => {
    expect(html).toContain(
      '<span class="label">What to check:</span> Is V held at resetMv for refractoryMs after each spike?',
    );
    expect(html).toContain('<strong>74.69 Hz</strong> <span class="out">\u2717 too high</span>');
    // The band printed as every message prints it (fmtBand), never re-derived.
    expect(html).toContain("62.5-65.91 Hz");
    expect(html).toContain("no faithful variant of the calibration falls outside");
    expect(html).toContain("a faithful value falls outside about 1 time in 8.6 million");
  });

  it("adds the reference's median and spread when tolerances are given", () => {
    const tolerances = {
      method: "test",
      seeds: [1],
      measures: {
        "neuron.fi.rateHz.500pA.dt0.5": {
          quantiles: { "0.001": 62.5, "0.5": 64.9532, "0.999": 65.9135 },
          n: 16,
          mean: 64.8,
          sd: 1,
          unit: "Hz",
        },
      },
    };
    const withSpread = renderReportHtml(sampleReport(), { tolerances }, { generatedAt: AT });
    expect(withSpread).toContain("median 64.95 Hz; n = 16; no faithful variant");
  });

  it("links a check to its figure when the figure is given", () => {
    expect(html).toContain('<a href="#figure-fi">See the figure: firing rate against current');
    const none = renderReportHtml(sampleReport(), {}, { generatedAt: AT });
    expect(none).not.toContain("See the figure");
  });
});

describe("renderReportHtml: figures", () => {
  const dir = mkdtempSync(join(tmpdir(), "spikegrade-report-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("embeds every figure as a data: URI that decodes to the PNG it was given", () => {
    const html = renderReportHtml(sampleReport(), ASSETS, { generatedAt: AT });
    const sources = imageSources(html);
    expect(sources).toHaveLength(5);
    const given = Object.keys(REPORT_IMAGE_FILES).map((k) => ASSETS[k as keyof ReportAssets]);
    sources.forEach((src, i) => {
      const prefix = "data:image/png;base64,";
      expect(src.startsWith(prefix)).toBe(true);
      const bytes = Buffer.from(src.slice(prefix.length), "base64");
      expect(bytes.equals(given[i] as Buffer)).toBe(true);
      expect(PNG.sync.read(bytes).width).toBeGreaterThan(0);
    });
    // Drawn at the layout size: half the device pixels of a scale-2 figure.
    expect(html).toMatch(
      /<img src="data:image\/png;base64,[^"]+" alt="[^"]+" width="90" height="60">/,
    );
  });

  it("links figures as files next to the page, and every linked file exists once written", () => {
    const html = renderReportHtml(sampleReport(), ASSETS, { generatedAt: AT, images: "link" });
    writeFileSync(join(dir, "report.html"), html);
    for (const file of reportImageFiles(ASSETS)) writeFileSync(join(dir, file.fileName), file.png);
    const sources = imageSources(html);
    expect(sources).toEqual(Object.values(REPORT_IMAGE_FILES));
    for (const src of sources) expect(existsSync(join(dir, src))).toBe(true);
  });

  it("takes a figure given as a file name as a link, in either mode", () => {
    const html = renderReportHtml(sampleReport(), { figure1: "figure1.png" }, { generatedAt: AT });
    expect(imageSources(html)).toEqual(["figure1.png"]);
  });

  it("refuses a figure that is not a PNG or not a plain relative .png name", () => {
    for (const name of [
      "../figure1.png",
      "/etc/x.png",
      "javascript:alert(1)",
      "https://x.org/a.png",
      "a.svg",
    ]) {
      expect(() => renderReportHtml(sampleReport(), { fi: name })).toThrow(RangeError);
    }
    expect(() => renderReportHtml(sampleReport(), { fi: Buffer.from("GIF89a....") })).toThrow(
      /not a PNG/,
    );
    expect(isSafeImageName("figures/team-07/fi_curve.png")).toBe(true);
    expect(isSafeImageName("figures/../x.png")).toBe(false);
  });
});

describe("renderReportHtml: log", () => {
  it("caps a long log in a scrollable pre, says so, and strips terminal codes", () => {
    const report = sampleReport();
    report.log = `\u001b[31mstart\u001b[0m\n${"x".repeat(50_000)}\nTraceback: the end`;
    const html = renderReportHtml(report, {}, { generatedAt: AT, maxLogChars: 1000 });
    expect(html).toContain('<pre class="log" tabindex="0">start\n');
    expect(html).toContain("Traceback: the end</pre>");
    expect(html).toMatch(/49,\d{3} characters from its middle are left out/);
    expect(html).not.toContain("\u001b");
  });

  it("says when the simulator printed nothing", () => {
    const report = sampleReport();
    report.log = "  \n";
    expect(renderReportHtml(report, {}, { generatedAt: AT })).toContain("printed no output");
  });

  it("logExcerpt keeps 30% of the cap from the start and the rest from the end", () => {
    const excerpt = logExcerpt("abcdefghijklmnopqrstuvwxyz", 10);
    expect(excerpt).toEqual({
      text: "abc\n[... 16 characters left out ...]\ntuvwxyz",
      omittedChars: 16,
    });
    expect(logExcerpt("a\r\nb\u0007c", 100)).toEqual({ text: "a\nbc", omittedChars: 0 });
  });
});

describe("checkComparisons", () => {
  const byId = (id: string) => PUBLIC_CHECKS.find((c) => c.id === id) as (typeof PUBLIC_CHECKS)[0];

  it("returns the check's own comparisons, each value with the check's in-band flag", () => {
    const comparisons = checkComparisons(byId("neuron.fi"));
    expect(comparisons.map((c) => c.measure)).toEqual(
      [100, 125, 140, 150, 200, 300, 500].map((pa) => `rate at ${pa} pA, dt 0.5 ms`),
    );
    expect(comparisons[6].observed).toEqual([{ value: 74.69, inBand: false }]);
    expect(comparisons[0].observed).toEqual([{ value: 0, inBand: true }]);
  });

  it("finds none in a check without bands", () => {
    expect(checkComparisons(byId("stimulus.step"))).toEqual([]);
    expect(checkComparisons({})).toEqual([]);
  });

  it("names measures by their key, without its unit", () => {
    expect(describeKey("rateHz")).toBe("rate");
    expect(describeKey("precisionMs")).toBe("precision");
    expect(describeKey("firstSpikeTimeMs")).toBe("first spike time");
    expect(describeKey("tauMs")).toBe("correlation time");
    expect(describePath(["rateHz", "150pA"])).toBe("rate at 150 pA");
    expect(describePath(["panels", 0, "rcorr"])).toBe("rcorr");
  });

  it("under a failed check, says how often a correct simulator fails it by chance", () => {
    const report = sampleReport();
    const html = renderReportHtml(report, {}, { generatedAt: AT });
    expect(html).toContain(
      "A correct simulator never fails this check by chance: its bands hold every faithful variant of the calibration.",
    );
    const fi = report.checks.find((c) => c.id === "neuron.fi") as CheckResult;
    fi.falseRejectProbability = 3.48e-7;
    expect(renderReportHtml(report, {}, { generatedAt: AT })).toContain(
      "A correct simulator fails this check by chance about 1 time in 2.9 million.",
    );
  });

  it("the page shows the check's flag, not a decision of its own, at the band's edge", () => {
    const report = sampleReport();
    const fi = report.checks.find((c) => c.id === "neuron.fi") as CheckResult;
    const edge = (fi.comparisons ?? [])[3];
    // Above the band's printed top by less than its stored rounding: the check passed it.
    edge.observed = [{ value: 13.37034, inBand: true }];
    const html = renderReportHtml(report, {}, { generatedAt: AT });
    expect(html).toContain('13.37 Hz <span class="in">\u2713 in range</span>');
    edge.observed = [{ value: 13.5, inBand: false }];
    expect(renderReportHtml(report, {}, { generatedAt: AT })).toContain(
      '13.5 Hz</strong> <span class="out">\u2717 too high</span>',
    );
  });
});

describe("splitHint", () => {
  it("splits off the closing question after the last finding", () => {
    expect(
      splitHint(
        "at 300 pA it fires at 41.6 Hz, above 37-39 Hz (short intervals): is V held at resetMv?",
      ),
    ).toEqual({
      finding: "at 300 pA it fires at 41.6 Hz, above 37-39 Hz (short intervals)",
      hint: "is V held at resetMv?",
    });
    expect(splitHint("mean Gamma 0.41 is below 0.63; it fires 122 spikes: is V reset?")).toEqual({
      finding: "mean Gamma 0.41 is below 0.63; it fires 122 spikes",
      hint: "is V reset?",
    });
  });

  it("leaves a message without a closing question whole", () => {
    const advice =
      "seed 2021 gave two different currents: seed a generator of your own with request.seed";
    expect(splitHint(advice)).toEqual({ finding: advice });
    expect(splitHint("is this a question?")).toEqual({ finding: "is this a question?" });
    expect(splitHint("why: because; what?")).toEqual({ finding: "why: because; what?" });
  });
});

describe("the headline counts the checks that apply", () => {
  it("a results-only submission that passes everything it can is not said to pass all checks", () => {
    const applies = (id: string): CheckResult => ({
      id,
      title: id,
      status: "pass",
      points: 1,
      maxPoints: 1,
      visibility: "public",
      message: `${id} passes`,
    });
    const notForResults = (id: string): CheckResult => ({
      ...applies(id),
      status: "skip",
      points: 0,
      maxPoints: 0,
      message: "not applicable: a results-only submission has no simulator",
    });
    const checks = [
      applies("manifest"),
      notForResults("load"),
      notForResults("neuron.fi"),
      applies("figure1.A"),
    ];
    const html = renderReportHtml(
      { team: "res", members: [], passed: true, score: 2, maxScore: 2, checks },
      {},
      { generatedAt: AT },
    );
    expect(html).toContain("All 2 checks that apply pass");
    expect(html).not.toContain("All 4 checks pass");
    const all = renderReportHtml(
      {
        team: "sim",
        members: [],
        passed: true,
        score: 2,
        maxScore: 2,
        checks: [checks[0], checks[3]],
      },
      {},
      { generatedAt: AT },
    );
    expect(all).toContain("All 2 checks pass");
  });
});
