import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeAnswersPages } from "../../src/grading/answers-pages-writer.js";
import { validate } from "../../src/protocol/schemas.js";
import type { ManualScores } from "../../src/protocol/types.js";
import { SAMPLE_POINTS, sampleAnswers, sampleVerdicts } from "../report/answers-sample.js";

// The answer pages as an instructor uses them: opened from disk in headless Chromium, points and
// a comment typed, the page reloaded (they are still there), manual-scores.json saved through the
// browser's download and checked against its schema, then loaded into a fresh profile, where the
// fields fill again. Nothing may be logged as an error: a CSP that blocks the page's own script
// or style says so on the console.

/** A 4 x 4 PNG. */
const PNG_4PX =
  "iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGP4z8AARwzEcQCukw/x0F8jngAAAABJRU5ErkJggg==";

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

let scratch: string;
let pagesDir: string;
let browser: Browser | undefined;

interface Opened {
  page: Page;
  problems: string[];
}

async function open(context: BrowserContext, file: string): Promise<Opened> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`exception: ${error.message}`));
  page.on("requestfailed", (request) => problems.push(`failed: ${request.url()}`));
  await page.goto(pathToFileURL(join(pagesDir, file)).href, { waitUntil: "load" });
  return { page, problems };
}

/** The grading box of one team on a question page. */
function box(page: Page, team: string) {
  return page.locator(`.grade[data-team="${team}"]`);
}

describe.skipIf(missing !== undefined)(
  `the answer pages in headless Chromium${missing ? ` (skipped: ${missing})` : ""}`,
  () => {
    beforeAll(async () => {
      scratch = mkdtempSync(join(tmpdir(), "spikegrade-answers-"));
      pagesDir = join(scratch, "answers");
      const written = await writeAnswersPages(scratch, {
        document: sampleAnswers(),
        points: SAMPLE_POINTS,
        verdicts: sampleVerdicts(),
        figures: { "team-alpha": ["autocorrelation.png"] },
      });
      // The figure a graded team's folder holds beside the answer pages (OUT/<team>/).
      mkdirSync(join(scratch, "team-alpha"));
      writeFileSync(
        join(scratch, "team-alpha", "autocorrelation.png"),
        Buffer.from(PNG_4PX, "base64"),
      );
      expect(written.map((path) => path.slice(pagesDir.length + 1))).toEqual([
        "index.html",
        "q01.html",
        "q02.html",
        "q03.html",
        "q04.html",
      ]);
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

    it("keeps typed points and comments across a reload, saves them, and loads them elsewhere", async () => {
      const context = await (browser as Browser).newContext({ acceptDownloads: true });
      const { page, problems } = await open(context, "q02.html");
      expect(await page.locator("[data-progress]").textContent()).toBe("0 of 8 scored");

      await box(page, "team-alpha").locator("input.points").fill("1.5");
      await box(page, "team-alpha").locator("textarea.comment").fill("Frozen: yes. Say why OU.");
      await box(page, "team-bravo").locator("textarea.comment").fill("Which filter?");
      // Over the maximum, and not a half: flagged, not kept.
      await box(page, "team-charlie").locator("input.points").fill("2.3");
      expect(
        await box(page, "team-charlie").locator("input.points").getAttribute("aria-invalid"),
      ).toBe("true");
      expect(await page.locator("[data-progress]").textContent()).toBe("1 of 8 scored");

      await page.reload({ waitUntil: "load" });
      expect(await box(page, "team-alpha").locator("input.points").inputValue()).toBe("1.5");
      expect(await box(page, "team-alpha").locator("textarea.comment").inputValue()).toBe(
        "Frozen: yes. Say why OU.",
      );
      expect(await box(page, "team-bravo").locator("input.points").inputValue()).toBe("");
      expect(await box(page, "team-charlie").locator("input.points").inputValue()).toBe("");

      // Another question's page shares the scores: points given there are saved too.
      const other = await open(context, "q04.html");
      await box(other.page, "team-delta").locator("input.points").fill("0");
      await other.page.close();

      const downloading = page.waitForEvent("download");
      await page.locator("#save-scores").click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe("manual-scores.json");
      const saved = join(scratch, "manual-scores.json");
      await download.saveAs(saved);
      const json: unknown = JSON.parse(readFileSync(saved, "utf8"));
      const checked = validate("manual-scores", json);
      expect(checked.ok ? [] : checked.errors).toEqual([]);
      const scores = json as ManualScores;
      expect(scores.questions).toEqual(
        Object.entries(SAMPLE_POINTS).map(([id, points]) => ({ id, points })),
      );
      expect(scores.scores["team-alpha"].q02).toEqual({
        points: 1.5,
        comment: "Frozen: yes. Say why OU.",
      });
      expect(scores.scores["team-bravo"].q02).toEqual({ points: null, comment: "Which filter?" });
      expect(scores.scores["team-charlie"].q02).toEqual({ points: null });
      expect(scores.scores["team-delta"].q04).toEqual({ points: 0 });
      // Every team and question is there; what was not scored is null, never 0.
      expect(Object.keys(scores.scores).sort()).toEqual(
        sampleAnswers()
          .teams.map((t) => t.team)
          .sort(),
      );
      expect(scores.scores["team-hotel"].q01).toEqual({ points: null });
      expect(problems).toEqual([]);
      await context.close();

      const fresh = await (browser as Browser).newContext();
      const again = await open(fresh, "q02.html");
      expect(await box(again.page, "team-alpha").locator("input.points").inputValue()).toBe("");
      await again.page.locator("#load-scores").setInputFiles(saved);
      await expect
        .poll(() => box(again.page, "team-alpha").locator("input.points").inputValue())
        .toBe("1.5");
      expect(await box(again.page, "team-alpha").locator("textarea.comment").inputValue()).toBe(
        "Frozen: yes. Say why OU.",
      );
      expect(await box(again.page, "team-bravo").locator("textarea.comment").inputValue()).toBe(
        "Which filter?",
      );
      expect(await again.page.locator("#save-status").textContent()).toContain("Loaded");
      const index = await open(fresh, "index.html");
      expect(await index.page.locator('[data-progress="q04"]').textContent()).toBe("1 of 8 scored");
      expect([...again.problems, ...index.problems]).toEqual([]);
      await fresh.close();
    });

    it("shows a team's figure from its report folder, which the page's CSP lets in from disk", async () => {
      const context = await (browser as Browser).newContext();
      const { page, problems } = await open(context, "q02.html");
      const image = box(page, "team-alpha").locator(".thumb img");
      await image.scrollIntoViewIfNeeded();
      await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(4);
      expect(problems).toEqual([]);
      await context.close();
    });

    it("refuses a file that is not manual-scores.json, and changes nothing", async () => {
      const context = await (browser as Browser).newContext();
      const { page, problems } = await open(context, "q01.html");
      await box(page, "team-echo").locator("input.points").fill("2");
      const wrong = join(scratch, "wrong.json");
      writeFileSync(wrong, JSON.stringify({ scores: { "team-echo": { q01: { points: 0 } } } }));
      await page.locator("#load-scores").setInputFiles(wrong);
      await expect
        .poll(() => page.locator("#save-status").textContent())
        .toContain("Could not load wrong.json");
      expect(await box(page, "team-echo").locator("input.points").inputValue()).toBe("2");
      expect(problems).toEqual([]);
      await context.close();
    });
  },
);
