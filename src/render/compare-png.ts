import pixelmatch from "pixelmatch";
import { PNG } from "pngjs";

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

export interface ComparePngResult {
  width: number;
  height: number;
  mismatchedPixels: number;
  /** mismatchedPixels / (width * height), in [0, 1]. */
  ratio: number;
  /** A PNG of the same size: differing pixels in red over a faded copy of the first image. */
  diffPng: Buffer;
}

/**
 * Compares two PNG images of equal size pixel by pixel (pixelmatch). Throws a RangeError naming
 * both sizes when they differ: a figure whose layout changed is not comparable pixel by pixel.
 */
export function comparePng(
  a: Buffer,
  b: Buffer,
  options: ComparePngOptions = {},
): ComparePngResult {
  const imageA = PNG.sync.read(a);
  const imageB = PNG.sync.read(b);
  const { width, height } = imageA;
  if (imageB.width !== width || imageB.height !== height) {
    throw new RangeError(
      `cannot compare a ${width}x${height} image with a ${imageB.width}x${imageB.height} image`,
    );
  }
  const diff = new PNG({ width, height });
  const mismatchedPixels = pixelmatch(imageA.data, imageB.data, diff.data, width, height, {
    threshold: options.threshold ?? 0.1,
    includeAA: options.includeAA ?? false,
    alpha: options.alpha ?? 0.1,
    diffColor: options.diffColor ?? [255, 0, 0],
    diffColorAlt: options.diffColorAlt,
    aaColor: options.aaColor ?? [255, 255, 0],
  });
  const total = width * height;
  return {
    width,
    height,
    mismatchedPixels,
    ratio: total > 0 ? mismatchedPixels / total : 0,
    diffPng: PNG.sync.write(diff),
  };
}
