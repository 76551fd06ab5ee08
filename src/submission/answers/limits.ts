/**
 * How much of a notebook the answers keep. Notebooks are untrusted: a cell of 10^6 lines or an
 * output of 50 MB must cost the pages nothing, so each is cut here, once, with a note saying so.
 */
export const ANSWER_LIMITS = {
  /** Cells read from one notebook; the rest are left out with a warning. */
  cells: 3000,
  /** Characters kept of one cell's source. */
  sourceChars: 50_000,
  /** Characters kept of one text output (a stream or text/plain). */
  textChars: 20_000,
  /** Base64 characters of one image (about 1.5 MB of PNG). */
  imageBase64: 2_000_000,
  /** Base64 characters of all the images one team's answers keep. */
  teamImageBase64: 12_000_000,
  /** Outputs kept under one code cell. */
  outputsPerCell: 50,
} as const;

/** The text cut to `max` characters, and whether it was cut. */
export function capText(text: string, max: number): { text: string; truncated: boolean } {
  return text.length <= max
    ? { text, truncated: false }
    : { text: text.slice(0, max), truncated: true };
}
