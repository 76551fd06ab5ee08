import { describe, expect, it } from "vitest";
import { printable } from "./terminal-text.js";

describe("printable", () => {
  it("writes out escape sequences, carriage returns and bidirectional overrides", () => {
    expect(printable("a\u001b[2Jb\rc\u202ed\u0007")).toBe("a\\u{1b}[2Jb\\u{d}c\\u{202e}d\\u{7}");
  });

  it("keeps tabs, line breaks (unless one line is asked for) and ordinary text", () => {
    expect(printable("Zoë\tnaïve\nnext")).toBe("Zoë\tnaïve\nnext");
    expect(printable("one\ntwo", { oneLine: true })).toBe("one\\u{a}two");
  });

  it("a fake '17/17 passed' line cannot start a line of its own", () => {
    const forged = "boom\r\u001b[2K\u001b[32m✓ Score 17/17 — every check passed";
    const shown = printable(forged, { oneLine: true });
    for (const control of ["\r", "\n", "\u001b"]) expect(shown).not.toContain(control);
  });
});
