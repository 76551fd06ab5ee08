import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { parseJson, readJsonFile } from "./read-json.js";

const dir = mkdtempSync(join(tmpdir(), "spikegrade-read-json-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function only(result: { ok: true } | { ok: false; errors: { message: string }[] }): string {
  return result.ok ? "ok" : result.errors.map((error) => error.message).join(" | ");
}

describe("readJsonFile", () => {
  test("reads JSON, with or without a byte-order mark", async () => {
    expect(await readJsonFile(file("a.json", '{"team": "t"}'))).toEqual({
      ok: true,
      value: { team: "t" },
    });
    expect(await readJsonFile(file("bom.json", "\ufeff[1, 2]"))).toEqual({
      ok: true,
      value: [1, 2],
    });
  });

  test("names a syntax error by line and column, with the file's name", async () => {
    const path = file("submission.json", '{\n  "team": "t",\n  "members": [],\n  }\n');
    expect(only(await readJsonFile(path))).toBe(
      "submission.json is not valid JSON at line 4 column 3: } follows a comma; remove the comma before it",
    );
  });

  test("a label replaces the file's name", async () => {
    const path = file("whatever.json", "");
    expect(only(await readJsonFile(path, { label: "figure1.json" }))).toBe(
      "figure1.json is empty; expected JSON",
    );
  });

  test("missing, a folder, too large", async () => {
    expect(only(await readJsonFile(join(dir, "nope.json")))).toBe("nope.json is missing");
    mkdirSync(join(dir, "folder.json"));
    expect(only(await readJsonFile(join(dir, "folder.json")))).toBe(
      "folder.json is a folder; expected a JSON file",
    );
    const big = file("big.json", `[${Array(300_000).fill("1").join(",")}]`);
    expect(only(await readJsonFile(big, { maxBytes: 500_000 }))).toBe(
      "big.json is 0.6 MB; at most 0.5 MB is read",
    );
  });

  test("encodings other than UTF-8", async () => {
    const utf16 = file("utf16.json", Buffer.from("\ufeff{}", "utf16le"));
    expect(only(await readJsonFile(utf16))).toBe("utf16.json is saved as UTF-16; save it as UTF-8");
    const latin1 = file("latin1.json", Buffer.from('{"name": "Jos\xe9"}', "latin1"));
    expect(only(await readJsonFile(latin1))).toBe(
      "latin1.json is not UTF-8 text; save it as UTF-8",
    );
  });

  test("whitespace only is empty", async () => {
    expect(only(await readJsonFile(file("blank.json", " \n\t ")))).toBe(
      "blank.json is empty; expected JSON",
    );
  });
});

describe("parseJson", () => {
  test("keeps __proto__ as an own key without touching any prototype", () => {
    const parsed = parseJson('{"__proto__": {"polluted": true}}', "x.json");
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(Object.keys(parsed.value as object)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("Python's json.dump NaN is explained", () => {
    expect(only(parseJson('{"spikeTimesMs": [[1.5, NaN]]}', "figure1.json"))).toBe(
      "figure1.json is not valid JSON at line 1 column 25: NaN is not JSON (JSON has no NaN or Infinity); write null, or leave the value out",
    );
  });
});
