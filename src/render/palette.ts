/**
 * Colours of every figure. Okabe & Ito's palette (2008, "Color Universal Design") stays
 * distinguishable under the common colour-vision deficiencies.
 */
export const OKABE_ITO = {
  black: "#000000",
  orange: "#E69F00",
  skyBlue: "#56B4E9",
  bluishGreen: "#009E73",
  yellow: "#F0E442",
  blue: "#0072B2",
  vermillion: "#D55E00",
  reddishPurple: "#CC79A7",
} as const;

/** Neutral inks for axes, text and backgrounds. */
export const INK = {
  background: "#FFFFFF",
  text: "#1A1A1A",
  axis: "#262626",
  muted: "#6B6B6B",
  faint: "#D9D9D9",
} as const;

/** A CSS rgba() colour from a "#RRGGBB" hex colour and an opacity in [0, 1]. */
export function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const a = Math.min(1, Math.max(0, alpha));
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
}

/**
 * The i-th of n colours on a straight line in RGB between two hex colours: a sequential ramp for
 * superimposed traces (trial 1 at `from`, trial n at `to`).
 */
export function rampColor(from: string, to: string, i: number, n: number): string {
  const t = n <= 1 ? 0 : Math.min(1, Math.max(0, i / (n - 1)));
  const a = Number.parseInt(from.slice(1), 16);
  const b = Number.parseInt(to.slice(1), 16);
  const channel = (shift: number) =>
    Math.round(((a >> shift) & 255) * (1 - t) + ((b >> shift) & 255) * t);
  const hex = (channel(16) << 16) | (channel(8) << 8) | channel(0);
  return `#${hex.toString(16).padStart(6, "0").toUpperCase()}`;
}
