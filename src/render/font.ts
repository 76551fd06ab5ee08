import { createRequire } from "node:module";
import { GlobalFonts } from "@napi-rs/canvas";

/**
 * The one typeface of every figure: Inter (latin subset), shipped with the project by
 * @fontsource/inter and registered under a family name of our own. A system font would make the
 * pixels depend on the machine, so no figure names any other family.
 */
export const FONT_FAMILY = "SpikegradeInter";

export type FontWeight = 400 | 600 | 700;

const WEIGHTS: readonly FontWeight[] = [400, 600, 700];

let registered = false;

/** The absolute path of one shipped woff2 file, resolved like an import so it works from src or dist. */
export function fontFilePath(weight: FontWeight): string {
  const require = createRequire(import.meta.url);
  return require.resolve(`@fontsource/inter/files/inter-latin-${weight}-normal.woff2`);
}

/**
 * Registers the shipped faces once per process. Throws when a face cannot be registered: drawing
 * with a silently substituted system font would break the byte-for-byte reproducibility.
 */
export function registerFonts(): string {
  if (registered) return FONT_FAMILY;
  for (const weight of WEIGHTS) {
    const path = fontFilePath(weight);
    if (GlobalFonts.registerFromPath(path, FONT_FAMILY) === null) {
      throw new Error(`could not register the figure font ${path}`);
    }
  }
  registered = true;
  return FONT_FAMILY;
}

/** A CSS font shorthand in our family, e.g. "700 14px SpikegradeInter". Size in layout pixels. */
export function fontSpec(sizePx: number, weight: FontWeight = 400): string {
  return `${weight} ${sizePx}px ${FONT_FAMILY}`;
}

/**
 * The text with every character outside the shipped latin subset replaced by "?": such a
 * character would otherwise be drawn from a system fallback font (ranges from fontsource's
 * unicode.json for the latin subset).
 */
export function safeText(text: string): string {
  let out = "";
  for (const ch of text) {
    out += inLatinSubset(ch.codePointAt(0) ?? 0) ? ch : "?";
  }
  return out;
}

const LATIN_RANGES: readonly [number, number][] = [
  [0x0020, 0x007e],
  [0x00a0, 0x00ff],
  [0x0131, 0x0131],
  [0x0152, 0x0153],
  [0x02bb, 0x02bc],
  [0x02c6, 0x02c6],
  [0x02da, 0x02da],
  [0x02dc, 0x02dc],
  [0x2000, 0x206f],
  [0x20ac, 0x20ac],
  [0x2122, 0x2122],
  [0x2191, 0x2191],
  [0x2193, 0x2193],
  [0x2212, 0x2212],
  [0x2215, 0x2215],
];

function inLatinSubset(code: number): boolean {
  return LATIN_RANGES.some(([lo, hi]) => code >= lo && code <= hi);
}
