import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { comparePng } from "../../src/render/compare-png.js";

/*
 * Golden images, the one helper every figure test compares with (tests/render/golden/ for
 * Figure 1, tests/report/golden/ for the report's figures). After a deliberate change to the look
 * of a figure, regenerate them with
 *   UPDATE_GOLDEN=1 npx vitest run tests/render tests/report
 * then LOOK at the changed golden/*.png before committing them.
 */
const UPDATE = process.env.UPDATE_GOLDEN === "1";

/**
 * pixelmatch's colour threshold, and how many pixels may differ: fonts and edges rendered by
 * another build of Skia may move a few anti-aliased pixels; the same machine gives 0. A moved
 * point or spike changes far more (each test says how many): pixelmatch ignores anti-aliased
 * pixels, which most of a thin line is, so one raster tick moved 50 ms changes only ~36 counted
 * pixels at scale 2, and the tolerance stays well below that.
 */
const PIXEL_THRESHOLD = 0.1;
export const MAX_MISMATCHED_PIXELS = 5;

/** Pixels that differ between two renderings, as the golden test counts them. */
export function mismatch(a: Buffer, b: Buffer): number {
  return comparePng(a, b, { threshold: PIXEL_THRESHOLD }).mismatchedPixels;
}

/** The golden folder of a test file: golden/ beside it. */
export function goldenDir(testFileUrl: string): string {
  return join(dirname(fileURLToPath(testFileUrl)), "golden");
}

/** Compares a PNG with dir/<name> (writing it first under UPDATE_GOLDEN=1). */
export function checkGolden(dir: string, name: string, png: Buffer) {
  const path = join(dir, name);
  if (UPDATE) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, png);
  }
  expect(existsSync(path), `${path} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
  const result = comparePng(readFileSync(path), png, { threshold: PIXEL_THRESHOLD });
  const diffPath = join(tmpdir(), `spikegrade-report-diff-${name}`);
  if (result.mismatchedPixels > MAX_MISMATCHED_PIXELS) writeFileSync(diffPath, result.diffPng);
  expect(result.mismatchedPixels, `diff in ${diffPath}`).toBeLessThanOrEqual(MAX_MISMATCHED_PIXELS);
}
