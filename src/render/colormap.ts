/**
 * viridis, the sequential colour map of matplotlib (van der Walt & Smith, 2015): lightness rises
 * steadily from dark purple to yellow, so a value reads the same in grey, and it stays readable
 * under the common colour-vision deficiencies. Nine stops of it, joined by straight lines in RGB,
 * are within a few levels of the full table.
 */
const VIRIDIS_STOPS: readonly (readonly [number, number, number])[] = [
  [0x44, 0x01, 0x54],
  [0x47, 0x2d, 0x7b],
  [0x3b, 0x52, 0x8b],
  [0x2c, 0x72, 0x8e],
  [0x21, 0x91, 0x8c],
  [0x28, 0xae, 0x80],
  [0x5e, 0xc9, 0x62],
  [0xad, 0xdc, 0x30],
  [0xfd, 0xe7, 0x25],
];

/** The viridis colour of t in [0, 1] (clamped) as "#RRGGBB". */
export function viridis(t: number): string {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  const position = clamped * (VIRIDIS_STOPS.length - 1);
  const i = Math.min(VIRIDIS_STOPS.length - 2, Math.floor(position));
  const f = position - i;
  const [a, b] = [VIRIDIS_STOPS[i], VIRIDIS_STOPS[i + 1]];
  const channel = (c: number) => Math.round(a[c] * (1 - f) + b[c] * f);
  const hex = (channel(0) << 16) | (channel(1) << 8) | channel(2);
  return `#${hex.toString(16).padStart(6, "0").toUpperCase()}`;
}
