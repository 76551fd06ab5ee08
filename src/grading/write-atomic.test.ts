import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeAtomic } from "./write-atomic.js";

const scratch = mkdtempSync(join(tmpdir(), "spikegrade-write-atomic-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("writeAtomic", () => {
  it("replaces a file whole and leaves nothing beside it", async () => {
    const dir = join(scratch, "ok");
    mkdirSync(dir);
    await writeAtomic(join(dir, "a.txt"), "one");
    await writeAtomic(join(dir, "a.txt"), "two");
    expect(readFileSync(join(dir, "a.txt"), "utf8")).toBe("two");
    expect(readdirSync(dir)).toEqual(["a.txt"]);
  });

  it("a rename that fails (a folder where the file goes) rejects and takes its temporary file along", async () => {
    const dir = join(scratch, "blocked");
    mkdirSync(join(dir, "report.html"), { recursive: true });
    await expect(writeAtomic(join(dir, "report.html"), "<p>")).rejects.toMatchObject({
      code: "EISDIR",
    });
    expect(readdirSync(dir)).toEqual(["report.html"]);
  });
});
