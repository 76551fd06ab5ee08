import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG } from "pngjs";
import { afterAll, describe, expect, it } from "vitest";
import type { FigureData } from "../../src/checks/index.js";
import { drawWhenIdle, renderCheckFigures } from "../../src/grading/check-figures.js";
import { writeSubmissionReport } from "../../src/grading/write-report.js";
import { sampleReport } from "../report/sample-report.js";

// The checks' figure data drawn into the report's PNGs, and written beside report.html.

const scratch = mkdtempSync(join(tmpdir(), "spikegrade-check-figures-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const FIGURES: FigureData = {
  fi: {
    dtMs: 0.5,
    currentsPa: [100, 150, 300],
    rateHz: [0, 13.2, 45],
    band: [
      { low: 0, high: 0 },
      { low: 13, high: 13.4 },
      { low: 37, high: 39 },
    ],
    inBand: [true, true, false],
    referenceHz: [0, 13.15, 38.4],
    rheobasePa: 130.77,
  },
  autocorrelation: {
    dtMs: 0.5,
    autocorrelation: [1, 0.85, 0.72, 0.61, 0.51],
    tauMs: 3,
    tauMsEstimated: 2.98,
    tauBandMs: { low: 2.29, high: 3.3 },
  },
  match: {
    durationMs: 1000,
    dtMs: 0.5,
    stimulusSeeds: [2021, 11],
    referenceSpikesMs: [
      [72, 137, 228],
      [89, 191],
    ],
    submissionSpikesMs: [[72, 137, 231], [89]],
    firstCurrentPa: Array.from({ length: 2000 }, (_, i) => 150 + 100 * Math.sin(i / 7)),
  },
};

const size = (png: Buffer | string | undefined) => {
  const image = PNG.sync.read(png as Buffer);
  return [image.width, image.height];
};

describe("renderCheckFigures", () => {
  it("draws nothing without figure data", () => {
    expect(renderCheckFigures(undefined)).toEqual({});
    expect(renderCheckFigures({})).toEqual({});
  });

  it("draws each figure whose data is there, at twice the layout size", () => {
    const drawn = renderCheckFigures(FIGURES);
    expect(Object.keys(drawn).sort()).toEqual(["autocorrelation", "fi", "match", "matchDiff"]);
    expect(size(drawn.fi)).toEqual([1120, 720]);
    expect(size(drawn.autocorrelation)).toEqual([1120, 680]);
    expect(size(drawn.match)[0]).toBe(1800);
    expect(size(drawn.matchDiff)[0]).toBe(1800);
    expect(Object.keys(renderCheckFigures({ fi: FIGURES.fi }))).toEqual(["fi"]);
  });

  it("draws the f-I curve without the reference's line when a median is missing", () => {
    const fi = FIGURES.fi as NonNullable<FigureData["fi"]>;
    const withLine = renderCheckFigures({ fi }).fi;
    const without = renderCheckFigures({ fi: { ...fi, referenceHz: [0, null, 38.4] } }).fi;
    expect(Buffer.compare(withLine as Buffer, without as Buffer)).not.toBe(0);
  });

  it("takes the figures drawn while the checks ran as they were drawn, and only for that data", async () => {
    const figures: FigureData = { fi: FIGURES.fi };
    drawWhenIdle(figures);
    // Data that arrives before the drawing runs is drawn with the rest.
    figures.autocorrelation = FIGURES.autocorrelation;
    await new Promise((resolve) => setImmediate(resolve));
    const first = renderCheckFigures(figures);
    const again = renderCheckFigures(figures);
    expect(Object.keys(first).sort()).toEqual(["autocorrelation", "fi"]);
    expect(again.fi).toBe(first.fi);
    expect(again.autocorrelation).toBe(first.autocorrelation);
    // The same data in another object was not drawn ahead: drawn now, to the same pixels.
    const fresh = renderCheckFigures(structuredClone(figures));
    expect(fresh.fi).not.toBe(first.fi);
    expect((fresh.fi as Buffer).equals(first.fi as Buffer)).toBe(true);
  });
});

describe("writeSubmissionReport", () => {
  const checked = (figures?: FigureData) => ({
    report: sampleReport(),
    panels: undefined,
    isolationNote: undefined,
    ...(figures ? { figures } : {}),
  });

  it("writes every figure beside report.html, which links each", async () => {
    const out = join(scratch, "all");
    const written = await writeSubmissionReport(checked(FIGURES), out, { audience: "student" });
    const names = ["fi-curve.png", "autocorrelation.png", "match.png", "match-diff.png"];
    expect(written.figures.map((f) => f.slice(out.length + 1)).sort()).toEqual([...names].sort());
    const html = readFileSync(written.reportHtml, "utf8");
    for (const name of names) expect(html).toContain(`src="${name}"`);
  });

  it("removes the figures of an earlier run that this run does not draw", async () => {
    const out = join(scratch, "stale");
    await writeSubmissionReport(checked(FIGURES), out, { audience: "student" });
    writeFileSync(join(out, "notes.txt"), "the instructor's own file");
    const written = await writeSubmissionReport(checked({ fi: FIGURES.fi }), out, {
      audience: "student",
    });
    expect(written.figures.map((f) => f.slice(out.length + 1))).toEqual(["fi-curve.png"]);
    expect(existsSync(join(out, "fi-curve.png"))).toBe(true);
    for (const gone of ["autocorrelation.png", "match.png", "match-diff.png"]) {
      expect(existsSync(join(out, gone))).toBe(false);
    }
    expect(existsSync(join(out, "notes.txt"))).toBe(true);
    const html = readFileSync(written.reportHtml, "utf8");
    expect(html).not.toContain("match.png");
  });
});
