import { describe, expect, it } from "vitest";
import { languageOf } from "./language.js";

describe("languageOf", () => {
  it("follows the entry's extension", () => {
    expect(
      ["a.ts", "a.mts", "a.js", "a.mjs", "a.py", "a.ipynb", "dir/a.PY"].map(languageOf),
    ).toEqual([
      "typescript",
      "typescript",
      "javascript",
      "javascript",
      "python",
      "notebook",
      "python",
    ]);
    expect(languageOf("a.cjs")).toBeUndefined();
    expect(languageOf("a.d.rb")).toBeUndefined();
    expect(languageOf("Makefile")).toBeUndefined();
  });
});
