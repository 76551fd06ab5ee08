/**
 * Text from a submission (an exception's message, a folder's name, a student's name) made safe
 * to print on a terminal: control characters (escape sequences that clear the screen or move the
 * cursor back over a line, a carriage return that overwrites one) and the bidirectional overrides
 * that reorder what is shown are written out as \u{..} instead of acting.
 */

/** A character class of code point ranges, [from, to] each. */
function classOf(ranges: [number, number][]): RegExp {
  const hex = (n: number) => `\\u{${n.toString(16)}}`;
  return new RegExp(`[${ranges.map(([a, b]) => `${hex(a)}-${hex(b)}`).join("")}]`, "gu");
}

// C0 but TAB and LF, DEL and C1, the marks and overrides of bidirectional text.
const OTHER: [number, number][] = [
  [0x7f, 0x9f],
  [0x200e, 0x200f],
  [0x202a, 0x202e],
  [0x2066, 0x2069],
];
const CONTROLS = classOf([[0x00, 0x08], [0x0b, 0x1f], ...OTHER]);
const CONTROLS_AND_NEWLINE = classOf([[0x00, 0x08], [0x0a, 0x1f], ...OTHER]);

function shown(character: string): string {
  return `\\u{${(character.codePointAt(0) ?? 0).toString(16)}}`;
}

/** text with its control characters written out; line breaks kept unless oneLine. */
export function printable(text: string, options: { oneLine?: boolean } = {}): string {
  return text.replace(options.oneLine ? CONTROLS_AND_NEWLINE : CONTROLS, shown);
}
