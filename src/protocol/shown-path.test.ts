import { describe, expect, it } from "vitest";
import { shownPath } from "./shown-path.js";

describe("shownPath", () => {
  it("is relative below the working folder, the folder itself '.', and in full elsewhere", () => {
    expect(shownPath("/home/ana/course/out/a.png", "/home/ana/course")).toBe("out/a.png");
    expect(shownPath("/home/ana/course", "/home/ana/course")).toBe(".");
    expect(shownPath("/tmp/sweep/a.png", "/home/ana/course")).toBe("/tmp/sweep/a.png");
    expect(shownPath("/home/ana/course-old/a", "/home/ana/course")).toBe("/home/ana/course-old/a");
  });
});
