import { GlobalFonts } from "@napi-rs/canvas";
import { describe, expect, it } from "vitest";
import { FONT_FAMILY, fontFilePath, registerFonts, safeText } from "./font.js";

describe("figure font", () => {
  it("registers the shipped Inter faces under our family", () => {
    expect(fontFilePath(700)).toMatch(
      /@fontsource[\\/]inter[\\/]files[\\/]inter-latin-700-normal\.woff2$/,
    );
    expect(registerFonts()).toBe(FONT_FAMILY);
    expect(GlobalFonts.has(FONT_FAMILY)).toBe(true);
    const family = GlobalFonts.families.find((f) => f.family === FONT_FAMILY);
    expect(family?.styles.map((s) => s.weight).sort()).toEqual([400, 600, 700]);
  });
  it("safeText keeps the latin subset and replaces what would need a system font", () => {
    expect(safeText("\u221260 mV \u00b7 Zoë")).toBe("\u221260 mV \u00b7 Zoë");
    expect(safeText("Łukasz 李")).toBe("?ukasz ?");
  });
});
