import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadGradingReference } from "../../src/checks/load-reference.js";
import { checkSubmission } from "../../src/grading/check-submission.js";
import { writeClassIndex } from "../../src/grading/class-index-writer.js";
import { writeSubmissionReport } from "../../src/grading/write-report.js";
import type { CheckReport } from "../../src/protocol/types.js";
import type { ClassIndexGradebook, ClassIndexTeam } from "../../src/report/class-index.js";

// The pages as an instructor and a student open them: a small class (two bundled examples and a
// broken fixture) checked and written as `grade` writes it, then OUT/index.html and every
// report.html opened from disk in headless Chromium. Every image loads, nothing is logged as an
// error (a Content-Security-Policy that blocks the sorting script or an image says so on the
// console), and the table sorts when a header is clicked.

/** Debian's Chromium, as .ci/run installs it; SPIKEGRADE_CHROMIUM points elsewhere. */
const CHROMIUM = process.env.SPIKEGRADE_CHROMIUM ?? "/usr/bin/chromium";

async function loadPlaywright(): Promise<typeof import("playwright-core") | undefined> {
  try {
    return await import("playwright-core");
  } catch {
    return undefined;
  }
}

const playwright = await loadPlaywright();
const missing = !existsSync(CHROMIUM)
  ? `no Chromium at ${CHROMIUM} (install Debian's chromium, or set SPIKEGRADE_CHROMIUM)`
  : playwright === undefined
    ? "playwright-core is not installed (npm install)"
    : undefined;
if (missing !== undefined) console.warn(`tests/browser skipped: ${missing}`);

const ROOT = join(import.meta.dirname, "../..");
/** Folder name, source, and the team status the class page should show. */
const CLASS = [
  { name: "example-python", from: "submissions/example-python", status: "pass" },
  { name: "example-results", from: "submissions/example-results", status: "pass" },
  { name: "no-refractory", from: "tests/fixtures/broken/no-refractory", status: "fail" },
] as const;
/** The figures of a report whose simulator ran every check, and of a results-only one. */
const SIMULATOR_FIGURES = [
  "figure1.png",
  "fi-curve.png",
  "autocorrelation.png",
  "match.png",
  "match-diff.png",
];

let scratch: string;
let out: string;
let browser: Browser | undefined;
const reports = new Map<string, CheckReport>();
let publicChecks = 0;

/** A team's line of the class page, as the grader builds it from a report. */
function classLine(report: CheckReport): ClassIndexTeam {
  const broke = report.checks.some(
    (c) => (c.id === "manifest" || c.id === "load") && c.status !== "pass",
  );
  return {
    team: report.team,
    members: report.members,
    score: report.score,
    maxScore: report.maxScore,
    status: broke ? "error" : report.passed ? "pass" : "fail",
    checks: report.checks.map(({ id, status, points, maxPoints }) => ({
      id,
      status,
      points,
      maxPoints,
    })),
  };
}

interface Opened {
  page: Page;
  /** Console errors, uncaught exceptions and failed requests while the page loaded. */
  problems: string[];
}

async function open(path: string): Promise<Opened> {
  const page = await (browser as Browser).newPage({ viewport: { width: 1200, height: 900 } });
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`exception: ${error.message}`));
  page.on("requestfailed", (request) =>
    problems.push(`failed: ${request.url()} (${request.failure()?.errorText})`),
  );
  await page.goto(pathToFileURL(path).href, { waitUntil: "load" });
  return { page, problems };
}

/** What the test reads of an <img> (the type checker here knows no DOM). */
interface ImageElement {
  getAttribute(name: string): string | null;
  complete: boolean;
  naturalWidth: number;
  naturalHeight: number;
}

/** Every <img> of the page: its src and whether it decoded to a picture. */
function images(page: Page) {
  return page.locator("img").evaluateAll((elements) =>
    (elements as unknown as ImageElement[]).map((img) => ({
      src: img.getAttribute("src") ?? "",
      loaded: img.complete && img.naturalWidth > 0 && img.naturalHeight > 0,
    })),
  );
}

/** The team names of the table's rows, top to bottom. */
function teamOrder(page: Page) {
  return page.locator("#teams tbody tr th a").allTextContents();
}

function sortBy(page: Page, column: string) {
  return page.locator("#teams thead th button", { hasText: column }).first().click();
}

function sortState(page: Page, column: string) {
  return page
    .locator("#teams thead th", { has: page.locator("button", { hasText: column }) })
    .first()
    .getAttribute("aria-sort");
}

describe.skipIf(missing !== undefined)(
  `the reports in headless Chromium${missing ? ` (skipped: ${missing})` : ""}`,
  () => {
    beforeAll(async () => {
      const reference = await loadGradingReference();
      if (!reference.ok) throw new Error(reference.errors.map((e) => e.message).join("; "));
      scratch = mkdtempSync(join(tmpdir(), "spikegrade-browser-"));
      out = join(scratch, "out");
      const lines = await Promise.all(
        CLASS.map(async ({ name, from }) => {
          const dir = join(scratch, "class", name);
          cpSync(join(ROOT, from), dir, { recursive: true });
          const checked = await checkSubmission({
            dir,
            teamFrom: "folder",
            reference: reference.value,
            timeoutMs: 60_000,
          });
          reports.set(name, checked.report);
          await writeSubmissionReport(checked, join(out, name), { audience: "student" });
          return classLine(checked.report);
        }),
      );
      const rubric = reference.value.rubric.checks.filter((c) => c.visibility === "public");
      publicChecks = rubric.length;
      const gradebook: ClassIndexGradebook = {
        checks: rubric.map(({ id, title, visibility }) => ({ id, title, visibility })),
        teams: lines,
      };
      await writeClassIndex(out, gradebook);
      browser = await playwright?.chromium.launch({
        executablePath: CHROMIUM,
        args: [
          "--no-sandbox",
          "--disable-gpu",
          "--no-first-run",
          "--disable-background-networking",
        ],
      });
    });

    afterAll(async () => {
      await browser?.close();
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    });

    it("grades the class as expected", () => {
      for (const { name, status } of CLASS) {
        const report = reports.get(name) as CheckReport;
        expect(`${name}: ${classLine(report).status}`).toBe(`${name}: ${status}`);
      }
    });

    for (const { name } of CLASS) {
      it(`${name}/report.html loads every figure, with no console error`, async () => {
        const { page, problems } = await open(join(out, name, "report.html"));
        const shown = await images(page);
        const expected = name === "example-results" ? ["figure1.png"] : SIMULATOR_FIGURES;
        expect(shown.map((i) => i.src).sort()).toEqual([...expected].sort());
        expect(shown.filter((i) => !i.loaded).map((i) => i.src)).toEqual([]);
        // Each "See the figure" link lands on a figure of the page.
        const targets = await page
          .locator(".figure-link a")
          .evaluateAll((links) =>
            (links as unknown as ImageElement[]).map((a) => a.getAttribute("href") ?? ""),
          );
        expect(targets.length).toBeGreaterThan(0);
        for (const target of new Set(targets)) {
          expect(`${target}: ${await page.locator(`figure${target}`).count()}`).toBe(
            `${target}: 1`,
          );
        }
        expect(problems).toEqual([]);
        await page.close();
      });
    }

    it("index.html shows the histogram and the pass rates, with no console error", async () => {
      const { page, problems } = await open(join(out, "index.html"));
      expect(await images(page)).toEqual([]);
      const histogram = await page.locator("svg.histogram").boundingBox();
      expect(histogram?.width).toBeGreaterThan(200);
      // Three teams: three bars at most, one count label per bar.
      const bars = await page.locator("svg.histogram rect.bar").count();
      expect(bars).toBeGreaterThan(0);
      expect(await page.locator("svg.histogram text.count").count()).toBe(bars);
      expect(await page.locator("table.rates tbody tr").count()).toBe(publicChecks);
      const rates = await page.locator("table.rates").textContent();
      expect(rates).toContain("3 of 3 pass (100%)"); // manifest
      // neuron.fi does not apply to the results-only team, and no-refractory fails it.
      expect(rates).toContain("1 of 2 pass (50%); 1 fail");
      expect(problems).toEqual([]);
      await page.close();
    });

    it("index.html's table sorts by the header clicked, and back", async () => {
      const { page, problems } = await open(join(out, "index.html"));
      const byName = ["example-python", "example-results", "no-refractory"];
      expect(await teamOrder(page)).toEqual(byName);
      expect(await sortState(page, "Team")).toBe("ascending");

      await sortBy(page, "Team");
      expect(await teamOrder(page)).toEqual([...byName].reverse());
      expect(await sortState(page, "Team")).toBe("descending");

      // Score, as a fraction of each team's maximum: no-refractory lost points; the two full
      // scores tie and keep the names' order.
      await sortBy(page, "Score");
      expect(await teamOrder(page)).toEqual(["no-refractory", "example-python", "example-results"]);
      expect(await sortState(page, "Score")).toBe("ascending");
      expect(await sortState(page, "Team")).toBeNull();
      await sortBy(page, "Score");
      expect((await teamOrder(page))[2]).toBe("no-refractory");
      expect(await sortState(page, "Score")).toBe("descending");

      // A check's column: failures first; the results-only team's "not applicable" after them.
      await sortBy(page, "neuron.fi");
      expect(await teamOrder(page)).toEqual(["no-refractory", "example-results", "example-python"]);
      expect(problems).toEqual([]);
      await page.close();
    });

    it("index.html links each team to its report, which opens", async () => {
      const { page, problems } = await open(join(out, "index.html"));
      await page.locator("#teams a", { hasText: "no-refractory" }).click();
      await page.waitForLoadState("load");
      expect(page.url()).toBe(pathToFileURL(join(out, "no-refractory", "report.html")).href);
      expect(await page.locator("h1").textContent()).toBe("no-refractory");
      const shown = await images(page);
      expect(shown.length).toBe(SIMULATOR_FIGURES.length);
      expect(shown.every((i) => i.loaded)).toBe(true);
      expect(problems).toEqual([]);
      await page.close();
    });
  },
);
