import { describe, expect, it } from "vitest";
import { readCsv } from "../../tests/helpers/csv-reader.js";
import { check, report } from "../../tests/helpers/reports.js";
import { csvField, csvRecord, inertText } from "./csv.js";
import { buildGradebook, gradebookColumns, gradebookCsv, gradebookTeam } from "./gradebook.js";

describe("CSV", () => {
  it("quotes what RFC 4180 requires, doubles quotes, ends records with CRLF", () => {
    expect(csvRecord(["a", "b,c", 'say "hi"', "two\nlines", 3.5])).toBe(
      'a,"b,c","say ""hi""","two\nlines",3.5\r\n',
    );
  });

  it("makes formula-looking text inert, but not numbers", () => {
    expect(inertText("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    for (const lead of ["+", "-", "@", "\t", "\r"]) expect(inertText(`${lead}x`)).toBe(`'${lead}x`);
    expect(inertText("Ada")).toBe("Ada");
    expect(csvField(-1)).toBe("-1");
  });

  it("round-trips names with commas, quotes, line breaks and accents through a strict reader", () => {
    const names = [
      'Lovelace, Ada "Countess"',
      "Zoë Ō'Brien",
      "two\r\nlines",
      "trailing space ",
      "=cmd|' /C calc'!A0",
      "",
    ];
    const line = gradebookTeam(
      report([check("manifest", "pass", 1), check("load", "pass", 1)], {
        members: names.map((name, i) => ({ id: `s${i}`, name })),
      }),
      { hidden: false },
    );
    const columns = gradebookColumns(
      [
        { id: "manifest", title: "m", points: 1, visibility: "public" },
        { id: "load", title: "l", points: 1, visibility: "public" },
      ],
      [line],
    );
    const gradebook = buildGradebook({ version: "0", columns, teams: [line], skipped: [] });
    const rows = readCsv(gradebookCsv(gradebook));
    expect(rows[0]).toEqual([
      "student_id",
      "student_name",
      "team",
      "score",
      "max_score",
      "status",
      "manifest",
      "load",
      "message",
      "percent",
    ]);
    expect(rows.slice(1).map((r) => r[1])).toEqual(
      names.map((n) => (n.startsWith("=") ? `'${n}` : n)),
    );
    expect(rows.slice(1).every((r) => r.length === rows[0].length)).toBe(true);
  });
});
