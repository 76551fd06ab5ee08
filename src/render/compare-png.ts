import pixelmatch from "pixelmatch";
import { PNG } from "pngjs";
import { encodeRgbaPng } from "./png.js";

export interface ComparePngOptions {
  /**
   * pixelmatch's colour threshold in [0, 1]: the largest perceptual (OKLab HyAB) distance at which
   * two pixels still count as equal. Default 0.1, pixelmatch's own.
   */
  threshold?: number;
  /** Count anti-aliased pixels as differences (default false: font and edge smoothing is ignored). */
  includeAA?: boolean;
  /** Opacity of the first image, faded to grey, under the diff (default 0.1, pixelmatch's own). */
  alpha?: number;
  /** [r, g, b] of differing pixels that are lighter in the second image (default red). */
  diffColor?: [number, number, number];
  /** [r, g, b] of differing pixels that are darker in the second image (default diffColor). */
  diffColorAlt?: [number, number, number];
  /** [r, g, b] of pixels told apart as anti-aliasing and not counted (default yellow). */
  aaColor?: [number, number, number];
}

export interface CompareRgbaResult {
  width: number;
  height: number;
  mismatchedPixels: number;
  /** mismatchedPixels / (width * height), in [0, 1]. */
  ratio: number;
  /** RGBA pixels of the same size: differing pixels in red over a faded copy of the first image. */
  diff: Uint8ClampedArray;
}

export interface ComparePngResult extends Omit<CompareRgbaResult, "diff"> {
  /** The diff as a PNG. */
  diffPng: Buffer;
}

/** Two images' RGBA pixels (canvas order, not premultiplied) and their size. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

/**
 * Compares two images of equal size pixel by pixel (pixelmatch), from their pixels: a figure
 * compares its own canvases without a PNG between. Throws a RangeError naming both sizes when
 * they differ: a figure whose layout changed is not comparable pixel by pixel.
 */
export function compareRgba(
  a: RgbaImage,
  b: RgbaImage,
  options: ComparePngOptions = {},
): CompareRgbaResult {
  const { width, height } = a;
  if (b.width !== width || b.height !== height) {
    throw new RangeError(
      `cannot compare a ${width}x${height} image with a ${b.width}x${b.height} image`,
    );
  }
  const diff = new Uint8ClampedArray(width * height * 4);
  const mismatchedPixels = pixelmatch(a.data, b.data, diff, width, height, {
    threshold: options.threshold ?? 0.1,
    includeAA: options.includeAA ?? false,
    alpha: options.alpha ?? 0.1,
    diffColor: options.diffColor ?? [255, 0, 0],
    diffColorAlt: options.diffColorAlt,
    aaColor: options.aaColor ?? [255, 255, 0],
  });
  const total = width * height;
  return { width, height, mismatchedPixels, ratio: total > 0 ? mismatchedPixels / total : 0, diff };
}

/** compareRgba of two PNGs, its diff as a PNG. */
export function comparePng(
  a: Buffer,
  b: Buffer,
  options: ComparePngOptions = {},
): ComparePngResult {
  const { diff, ...result } = compareRgba(PNG.sync.read(a), PNG.sync.read(b), options);
  return { ...result, diffPng: encodeRgbaPng(result.width, result.height, diff) };
}
