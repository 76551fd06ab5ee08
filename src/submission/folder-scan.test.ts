import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { scanFolder } from "./folder-scan.js";
import { readSubmission } from "./read-submission.js";

const made: string[] = [];
function team(): string {
  const dir = mkdtempSync(join(tmpdir(), "spikegrade-test-scan-"));
  made.push(dir);
  writeFileSync(join(dir, "simulator.py"), "x = 1\n");
  return dir;
}
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("scanFolder", () => {
  it("lists files and links that stay inside, sorted, leaving out spikegrade's own output", async () => {
    const dir = team();
    mkdirSync(join(dir, "lib"));
    writeFileSync(join(dir, "lib", "a.py"), "a\n");
    symlinkSync("lib/a.py", join(dir, "alias.py"));
    mkdirSync(join(dir, ".spikegrade"));
    writeFileSync(join(dir, ".spikegrade", "report.html"), "r");
    expect(await scanFolder(dir)).toEqual({
      ok: true,
      files: [
        { path: "alias.py", kind: "link", bytes: 0, target: "lib/a.py" },
        { path: "lib/a.py", kind: "file", bytes: 2 },
        { path: "simulator.py", kind: "file", bytes: 6 },
      ],
    });
  });

  it("refuses a named pipe, naming it", async () => {
    const dir = team();
    mkdirSync(join(dir, "data"));
    execFileSync("mkfifo", [join(dir, "data", "pipe")]);
    expect(await scanFolder(dir)).toEqual({
      ok: false,
      message: "data/pipe is a named pipe; a submission holds only files and folders",
    });
  });

  it("refuses a symbolic link to / (Node's permission model checks paths as written)", async () => {
    const dir = team();
    symlinkSync("/", join(dir, "root"));
    expect(await scanFolder(dir)).toEqual({
      ok: false,
      message:
        "root is a symbolic link that leads outside the submission folder; copy the file in instead",
    });
  });

  it("refuses a 2 GB sparse file from its size, without reading it", async () => {
    const dir = team();
    execFileSync("truncate", ["-s", "2G", join(dir, "big.npy")]);
    expect(await scanFolder(dir)).toEqual({
      ok: false,
      message: "big.npy is 2 GiB; a file of a submission may be at most 64 MiB",
    });
  });

  it("caps the number of entries and the total size", async () => {
    const dir = team();
    for (let i = 0; i < 5; i++) writeFileSync(join(dir, `f${i}.txt`), "12345");
    expect(await scanFolder(dir, { fileBytes: 100, totalBytes: 1000, entries: 4 })).toEqual({
      ok: false,
      message: "the folder holds more than 4 files and folders",
    });
    expect(await scanFolder(dir, { fileBytes: 100, totalBytes: 12, entries: 100 })).toEqual({
      ok: false,
      message: "the folder's files come to more than 12 bytes",
    });
  });
});

describe("readSubmission on a hostile folder", () => {
  it("a named pipe as submission.json is refused at once", async () => {
    const dir = team();
    execFileSync("mkfifo", [join(dir, "submission.json")]);
    expect(await readSubmission(dir, { teamFrom: "folder" })).toEqual({
      ok: false,
      errors: [
        {
          path: "",
          message: "submission.json is a named pipe; a submission holds only files and folders",
        },
      ],
    });
  });
});
