import { describe, expect, it } from "vitest";
import { isPlaceholder, PLACEHOLDER_MEMBER, placeholderProblem } from "./validate-manifest.js";

describe("init's placeholder student", () => {
  it("is told apart by its id (any case) or its name", () => {
    expect(isPlaceholder(PLACEHOLDER_MEMBER)).toBe(true);
    expect(isPlaceholder({ id: " Your-Student-ID ", name: "Ada Lovelace" })).toBe(true);
    expect(isPlaceholder({ id: "s2190001", name: "Your Name" })).toBe(true);
    expect(isPlaceholder({ id: "s2190001", name: "Ada Lovelace" })).toBe(false);
  });

  it("is named with its place and what to do; a real team has no problem", () => {
    expect(
      placeholderProblem([{ id: "s1", name: "Ada Lovelace" }, { ...PLACEHOLDER_MEMBER }]),
    ).toBe(
      'members[1] still holds the placeholder of spikegrade init (id "your-student-id", name "Your Name"): put each student\'s own id and name in submission.json',
    );
    expect(placeholderProblem([{ id: "s1", name: "Ada Lovelace" }])).toBeUndefined();
  });
});
