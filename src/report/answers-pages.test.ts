import { DomUtils, parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { SAMPLE_POINTS, sampleAnswers, sampleVerdicts } from "../../tests/report/answers-sample.js";
import type { AnswerCell, AnswersDocument } from "../protocol/types.js";
import { ANSWER_CAPS } from "./answers-cells.js";
import { renderAnswersPages } from "./answers-pages.js";
import { ANSWERS_SCRIPT } from "./answers-script.js";

type Element = ReturnType<typeof DomUtils.findAll>[number];

function elements(html: string): Element[] {
  return DomUtils.findAll(() => true, parseDocument(html).children);
}

function page(pages: { fileName: string; html: string }[], fileName: string): string {
  const found = pages.find((p) => p.fileName === fileName);
  if (found === undefined) throw new Error(`no ${fileName}`);
  return found.html;
}

const PNG_1PX =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

/** What a hostile team could write in a notebook. */
const HOSTILE: AnswerCell[] = [
  { kind: "markdown", source: "<script>alert(1)</script>", outputs: [] },
  { kind: "markdown", source: '<img src=x onerror="alert(2)">', outputs: [] },
  {
    kind: "markdown",
    source: "[click](javascript:alert(3)) [data](data:text/html,<b>x</b>)",
    outputs: [],
  },
  {
    kind: "markdown",
    source: "[vb](vbscript:msgbox) [rel](../../etc/passwd) <a href=x>raw</a>",
    outputs: [],
  },
  {
    kind: "markdown",
    source: '<svg onload="alert(4)"><script>alert(5)</script></svg>',
    outputs: [],
  },
  {
    kind: "markdown",
    source: '<iframe src="https://evil.example"></iframe><style>body{display:none}</style>',
    outputs: [],
  },
  {
    kind: "markdown",
    source: "![x](https://evil.example/track.png) ![y](data:image/png;base64,AAAA)",
    outputs: [],
  },
  {
    kind: "markdown",
    source: "```python\n</code></pre><script>alert(6)</script>\n```",
    outputs: [],
  },
  {
    kind: "code",
    source: "print('</pre><script>alert(7)</script>')",
    outputs: [
      { kind: "text", text: "</pre><script>alert(8)</script>" },
      { kind: "error", ename: "<img src=x onerror=alert(9)>", evalue: "\u001b[31m<b>boom</b>" },
      { kind: "image", mime: "image/png", base64: "PHN2ZyBvbmxvYWQ9YWxlcnQoMTApPjwvc3ZnPg==" },
      { kind: "image", mime: "image/svg+xml" as "image/png", base64: PNG_1PX },
      { kind: "image", mime: "image/png", base64: `${PNG_1PX}"><script>alert(11)</script>` },
      { kind: "omitted", reason: "<b>text/html</b>" },
    ],
  },
  { kind: "markdown", source: "x".repeat(300_000), outputs: [] },
  {
    kind: "code",
    source: "y = 1\n".repeat(50_000),
    outputs: [{ kind: "text", text: "z".repeat(500_000) }],
  },
];

function hostileDocument(): AnswersDocument {
  const document = sampleAnswers();
  document.questions[0].prompt =
    "QUESTION: <script>alert('prompt')</script> [x](javascript:alert(0))";
  document.teams[0].team = '"><script>alert("team")</script>';
  document.teams[0].members = [{ id: "s1", name: "<img src=x onerror=alert(12)>" }];
  document.teams[0].answers[0].cells = HOSTILE;
  document.teams[0].warnings = ["<script>alert(13)</script>"];
  return document;
}

describe("the answer pages, with hostile answers", () => {
  const pages = renderAnswersPages({ document: hostileDocument(), points: SAMPLE_POINTS });

  it.each(["index.html", "q01.html"])(
    "%s: no script but the page's own, no active content",
    (file) => {
      const html = page(pages, file);
      const all = elements(html);
      const scripts = all.filter((e) => e.name === "script");
      expect(scripts.map((s) => DomUtils.textContent(s))).toEqual([ANSWERS_SCRIPT]);
      const forbidden = all.filter((e) =>
        ["iframe", "svg", "object", "embed", "frame", "base", "form", "link", "math"].includes(
          e.name,
        ),
      );
      expect(forbidden.map((e) => e.name)).toEqual([]);
      // One <style>, the page's own, and no style attribute anywhere.
      expect(all.filter((e) => e.name === "style")).toHaveLength(1);
      const attributes = all.flatMap((e) =>
        Object.entries(e.attribs).map(([name, value]) => ({ tag: e.name, name, value })),
      );
      expect(attributes.filter((a) => a.name.startsWith("on") || a.name === "style")).toEqual([]);
      const urls = attributes.filter((a) =>
        ["href", "src", "action", "formaction", "xlink:href"].includes(a.name),
      );
      const unsafe = urls.filter(({ tag, name, value }) => {
        if (tag === "img" && name === "src")
          return !/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]*={0,2}$/.test(value);
        return !/^(https?:\/\/|mailto:|#|q\d\d\.html$|index\.html$)/.test(value);
      });
      expect(unsafe).toEqual([]);
      expect(all.filter((e) => e.name === "img" && e.attribs.src?.includes("evil"))).toEqual([]);
    },
  );

  it("q01.html shows the hostile text as text, and no image whose bytes are not the PNG it claims", () => {
    const html = page(pages, "q01.html");
    const text = DomUtils.textContent(parseDocument(html));
    expect(text).toContain("<script>alert(1)</script>");
    expect(text).toContain('<img src=x onerror="alert(2)">');
    expect(text).toContain('"><script>alert("team")</script>');
    const images = elements(html).filter((e) => e.name === "img");
    expect(images).toHaveLength(0);
    expect(text).toContain("image is not the image/png it claims to be");
    expect(text).toContain("image is not the image/svg+xml it claims to be");
    expect(text).toContain("image data is not base64");
    expect(text).toContain("[cut: 300,000 characters, the first 20,000 shown]");
    expect(text).toContain("[output cut]");
    // The terminal's colour codes are gone; the words stay.
    expect(text).not.toContain("\u001b");
    expect(text).toContain("<b>boom</b>");
  });

  it("caps the size of one answer", () => {
    const html = page(pages, "q01.html");
    expect(html.length).toBeLessThan(ANSWER_CAPS.answerChars + 500_000);
    const huge: AnswerCell[] = Array.from({ length: 80 }, () => ({
      kind: "markdown",
      source: "word",
      outputs: [],
    }));
    const document = sampleAnswers();
    document.teams[1].answers[0].cells = huge;
    const text = DomUtils.textContent(
      parseDocument(page(renderAnswersPages({ document, points: SAMPLE_POINTS }), "q01.html")),
    );
    expect(text).toContain("[output not shown: 20 more cells]");
  });

  it("a CSP that allows only the page's own style and script by hash, data: images and the teams' figures", () => {
    const csp = elements(page(pages, "q01.html")).find(
      (e) => e.name === "meta" && e.attribs["http-equiv"] === "Content-Security-Policy",
    )?.attribs.content;
    expect(csp).toMatch(
      /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; script-src 'sha256-[A-Za-z0-9+/=]+'; img-src data: 'self'; base-uri 'none'; form-action 'none'$/,
    );
  });
});

describe("the answer pages of the sample class", () => {
  const pages = renderAnswersPages({
    document: sampleAnswers(),
    points: SAMPLE_POINTS,
    verdicts: sampleVerdicts(),
  });

  it("writes index.html and one page per question", () => {
    expect(pages.map((p) => p.fileName)).toEqual([
      "index.html",
      "q01.html",
      "q02.html",
      "q03.html",
      "q04.html",
    ]);
  });

  it("index.html counts the teams that answered each question, missing ones included", () => {
    const rows = elements(page(pages, "index.html"))
      .filter((e) => e.name === "tr")
      .slice(1);
    const answered = rows.map((row) => DomUtils.textContent(row.children[2]));
    // team-hotel has no notebook; team-foxtrot did not answer q02; team-golf not q04.
    expect(answered).toEqual([
      "7 of 81 missing",
      "6 of 82 missing",
      "7 of 81 missing",
      "6 of 82 missing",
    ]);
  });

  it("a question page has one grading box per team, empty points of the rubric's maximum, and the verdicts", () => {
    const all = elements(page(pages, "q02.html"));
    const boxes = all.filter((e) => e.attribs.class === "grade");
    expect(boxes.map((b) => b.attribs["data-team"])).toEqual(
      sampleAnswers()
        .teams.map((t) => t.team)
        .sort(),
    );
    const points = all.filter((e) => e.name === "input" && e.attribs.class === "points");
    expect(points).toHaveLength(8);
    expect(
      points.every(
        (p) => p.attribs.max === "2" && p.attribs.step === "0.5" && p.attribs.value === undefined,
      ),
    ).toBe(true);
    const alpha = DomUtils.textContent(boxes[0]);
    expect(alpha).toContain("\u2713 pass stimulus.ou");
    expect(DomUtils.textContent(boxes[7])).toContain("not run stimulus.ou");
    expect(all.filter((e) => e.name === "img")).toHaveLength(4);
  });

  it("teams without a notebook are folded into one block at the end, each with its grading box", () => {
    const all = elements(page(pages, "q02.html"));
    const cards = all.filter(
      (e) => e.name === "section" && ["team", "team missing"].includes(e.attribs.class),
    );
    // Seven teams with a notebook, team-foxtrot among them though it did not answer q02.
    expect(cards).toHaveLength(7);
    const folded = all.filter((e) => e.attribs.class === "team missing no-notebook");
    expect(folded).toHaveLength(1);
    expect(DomUtils.textContent(folded[0])).toContain(
      "No notebook was found for this team: team-hotel",
    );
    const inFold = DomUtils.findAll((e) => e.attribs.class === "grade", folded[0].children);
    expect(inFold.map((b) => b.attribs["data-team"])).toEqual(["team-hotel"]);
  });

  it("shows a team's figures of the question's checks, from its report folder, where they are", () => {
    const withFigures = renderAnswersPages({
      document: sampleAnswers(),
      points: SAMPLE_POINTS,
      verdicts: sampleVerdicts(),
      figures: {
        "team-alpha": ["autocorrelation.png", "figure1.png"],
        "team-bravo": ["figure1.png"],
      },
    });
    const images = (file: string, team: string) =>
      elements(page(withFigures, file))
        .filter((e) => e.attribs.class === "grade" && e.attribs["data-team"] === team)
        .flatMap((box) => DomUtils.findAll((e) => e.name === "img", box.children))
        .map((img) => img.attribs.src);
    // q02 maps to stimulus.ou (the autocorrelation figure) and stimulus.frozen (none).
    expect(images("q02.html", "team-alpha")).toEqual(["../team-alpha/autocorrelation.png"]);
    expect(images("q02.html", "team-bravo")).toEqual([]);
    // q03 maps to figure1.A and figure1.B: one Figure 1, not two.
    expect(images("q03.html", "team-bravo")).toEqual(["../team-bravo/figure1.png"]);
    // q01 maps to no check.
    expect(images("q01.html", "team-alpha")).toEqual([]);
  });

  it("the same answers give the same pages", () => {
    const again = renderAnswersPages({
      document: sampleAnswers(),
      points: SAMPLE_POINTS,
      verdicts: sampleVerdicts(),
    });
    expect(again).toEqual(pages);
  });
});

describe("markdown in answers", () => {
  it("keeps TeX as written, backslashes included, and never as markup", () => {
    const document = sampleAnswers();
    document.teams[0].answers[0].cells = [
      {
        kind: "markdown",
        source: "With $R = 40\\,M\\Omega$ and $$<script>x</script>$$ done",
        outputs: [],
      },
    ];
    const html = renderAnswersPages({ document, points: SAMPLE_POINTS })[1].html;
    const card = elements(html).find((e) => e.attribs.id === "team-1");
    const math = DomUtils.findAll((e) => e.attribs.class === "math", card?.children ?? []);
    expect(math.map((e) => DomUtils.textContent(e))).toEqual([
      "$R = 40\\,M\\Omega$",
      "$$<script>x</script>$$",
    ]);
  });
});
