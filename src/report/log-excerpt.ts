/**
 * What a report shows of a simulator's log: terminal colour codes and other control characters
 * removed (they would show as garbage), then at most maxChars characters, the start and the end
 * kept (the end holds the traceback of a crash, the start what the program printed first).
 */
export interface LogExcerpt {
  text: string;
  /** Characters left out of the middle (0: the whole log is shown). */
  omittedChars: number;
}

/** Share of the cap kept from the start of the log; the rest comes from its end. */
const HEAD_SHARE = 0.3;

// ANSI escape sequences (CSI ... final byte, and OSC ... BEL/ST), then C0 controls except tab
// and newline, DEL and C1 controls. Carriage returns become newlines (progress bars).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding escape codes is the purpose
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-_]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the purpose
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** Text a terminal would have coloured or moved, as the words alone (logs, notebooks' outputs). */
export function printableText(text: string): string {
  return text.replace(ANSI, "").replace(/\r\n?/g, "\n").replace(CONTROL, "");
}

export function logExcerpt(log: string, maxChars: number): LogExcerpt {
  const clean = printableText(log);
  const chars = Array.from(clean);
  const cap = Math.max(0, Math.floor(maxChars));
  if (chars.length <= cap) return { text: clean, omittedChars: 0 };
  const head = Math.floor(cap * HEAD_SHARE);
  const tail = cap - head;
  const omittedChars = chars.length - head - tail;
  const text = `${chars.slice(0, head).join("")}\n[... ${omittedChars} characters left out ...]\n${chars.slice(chars.length - tail).join("")}`;
  return { text, omittedChars };
}
