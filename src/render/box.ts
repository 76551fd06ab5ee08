/**
 * Layout boxes in layout pixels (CSS pixels: the canvas context is scaled by the device scale, so
 * a figure is laid out once and rendered at any resolution).
 */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Insets {
  top?: number;
  right?: number;
  bottom?: number;
  left?: number;
}

/** The box shrunk by the given margins on each side (never to a negative size). */
export function insetBox(box: Box, insets: Insets): Box {
  const top = insets.top ?? 0;
  const right = insets.right ?? 0;
  const bottom = insets.bottom ?? 0;
  const left = insets.left ?? 0;
  return {
    x: box.x + left,
    y: box.y + top,
    width: Math.max(0, box.width - left - right),
    height: Math.max(0, box.height - top - bottom),
  };
}

/**
 * Splits a box into rows, top to bottom. Each size is either a fixed height in layout pixels
 * ({ px }) or a share of what the fixed rows and the gaps leave ({ weight }).
 */
export function splitRows(box: Box, sizes: readonly TrackSize[], gap = 0): Box[] {
  return splitTrack(box.height, sizes, gap).map(([offset, size]) => ({
    x: box.x,
    y: box.y + offset,
    width: box.width,
    height: size,
  }));
}

/** Splits a box into columns, left to right, like splitRows. */
export function splitColumns(box: Box, sizes: readonly TrackSize[], gap = 0): Box[] {
  return splitTrack(box.width, sizes, gap).map(([offset, size]) => ({
    x: box.x + offset,
    y: box.y,
    width: size,
    height: box.height,
  }));
}

export type TrackSize = { px: number } | { weight: number };

/** [offset, size] of each track along a length. */
function splitTrack(length: number, sizes: readonly TrackSize[], gap: number): [number, number][] {
  const fixed = sizes.reduce((sum, s) => sum + ("px" in s ? s.px : 0), 0);
  const weights = sizes.reduce((sum, s) => sum + ("weight" in s ? s.weight : 0), 0);
  const free = Math.max(0, length - fixed - gap * Math.max(0, sizes.length - 1));
  const tracks: [number, number][] = [];
  let offset = 0;
  for (const s of sizes) {
    const size = "px" in s ? s.px : weights > 0 ? (free * s.weight) / weights : 0;
    tracks.push([offset, size]);
    offset += size + gap;
  }
  return tracks;
}
