import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { unzipSafely, ZIP_LIMITS } from "../../src/grading/safe-unzip.js";
import { declareSize, forge, makeZip } from "../helpers/zip.js";

// Unpacking what Moodle or a student hands in: every hostile archive is refused whole, with a
// message naming the entry, and nothing lands outside the folder it is unpacked into.

const scratch = mkdtempSync(join(tmpdir(), "spikegrade-unzip-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let count = 0;
/** Writes the zip, unpacks it into a fresh folder inside a fresh parent, and says what came of it. */
async function unpack(zip: Buffer, limits = ZIP_LIMITS) {
  const parent = join(scratch, `case-${count++}`);
  const dest = join(parent, "dest");
  mkdirSync(dest, { recursive: true });
  const path = join(parent, "upload.zip");
  writeFileSync(path, zip);
  const result = await unzipSafely(path, dest, limits);
  return { result, parent, dest };
}

describe("unzipSafely", () => {
  it("unpacks files and folders, names in UTF-8, and leaves macOS's __MACOSX and .DS_Store out", async () => {
    const zip = await makeZip([
      { name: "team-07/submission.json", data: "{}" },
      { name: "team-07/Zoë/é.txt", data: "accents" },
      { name: "team-07/empty/" },
      { name: "__MACOSX/team-07/._submission.json", data: "x" },
      { name: "team-07/.DS_Store", data: "x" },
    ]);
    const { result, dest } = await unpack(zip);
    expect(result).toEqual({
      ok: true,
      files: 2,
      bytes: 9,
      ignored: ["__MACOSX/team-07/._submission.json", "team-07/.DS_Store"],
    });
    expect(readFileSync(join(dest, "team-07/Zoë/é.txt"), "utf8")).toBe("accents");
    expect(existsSync(join(dest, "team-07/empty"))).toBe(true);
    expect(existsSync(join(dest, "__MACOSX"))).toBe(false);
  });

  it("refuses a path out of the folder (zip slip), whichever way it is written", async () => {
    const cases: [string, string, RegExp][] = [
      ["xx/evil.txt", "../evil.txt", /"..\/evil.txt" climbs out of the folder/],
      ["a/xx/xx/evil.txt", "a/../../evil.txt", /climbs out of the folder/],
      ["xevil.txt", "/evil.txt", /is an absolute path/],
      ["xxxevil.txt", "..\\evil.txt", /climbs out of the folder/],
      ["xxevil.txt", "C:evil.txt", /is an absolute path/],
    ];
    for (const [written, forged, message] of cases) {
      const zip = forge(
        await makeZip([
          { name: "ok.txt", data: "fine" },
          { name: written, data: "evil" },
        ]),
        written,
        forged,
      );
      const { result, parent, dest } = await unpack(zip);
      expect(result.ok, forged).toBe(false);
      if (!result.ok) expect(result.message).toMatch(message);
      // Refused before anything was written: not even the harmless file before it.
      expect(readdirSync(parent).sort()).toEqual(["dest", "upload.zip"]);
      expect(readdirSync(dest)).toEqual([]);
    }
  });

  it("refuses symbolic links, and names what is wrong", async () => {
    const zip = await makeZip([
      { name: "team/submission.json", data: "{}" },
      { name: "team/secret", data: "/etc/passwd", mode: 0o120777 },
    ]);
    const { result, dest } = await unpack(zip);
    expect(result).toEqual({
      ok: false,
      message: 'entry "team/secret" is a symbolic link; spikegrade unpacks only files and folders',
    });
    expect(readdirSync(dest)).toEqual([]);
  });

  it("refuses a zip bomb by its compression ratio, before unpacking it", async () => {
    const zeros = Buffer.alloc(4 * 1024 * 1024);
    const { result, dest } = await unpack(await makeZip([{ name: "bomb.txt", data: zeros }]));
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.message).toMatch(
        /^entry "bomb.txt" expands \d+ times, more than the 200 times allowed/,
      );
    expect(readdirSync(dest)).toEqual([]);
  });

  it("stops an entry whose header understates its size, while it is being written", async () => {
    const zeros = Buffer.alloc(4 * 1024 * 1024);
    const lying = declareSize(await makeZip([{ name: "bomb.txt", data: zeros }]), 1000);
    const { result, dest } = await unpack(lying);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/damaged or forged|expands more than/);
    // Whatever was written before the stop is far below what the entry expands to.
    const written = existsSync(join(dest, "bomb.txt"))
      ? readFileSync(join(dest, "bomb.txt")).length
      : 0;
    expect(written).toBeLessThan(zeros.length);
  });

  it("holds the archive to its limits: entries, a file's size, the total", async () => {
    const three = await makeZip([
      { name: "a.txt", data: "aaaa" },
      { name: "b.txt", data: "bbbb" },
      { name: "c.txt", data: "cccc" },
    ]);
    const small = { ...ZIP_LIMITS, maxEntries: 2 };
    expect((await unpack(three, small)).result).toEqual({
      ok: false,
      message: "it holds 3 entries, more than the 2 allowed",
    });
    expect((await unpack(three, { ...ZIP_LIMITS, maxFileBytes: 3 })).result).toEqual({
      ok: false,
      message: 'entry "a.txt" would unpack to 4 bytes, more than the 3 bytes a file may have',
    });
    expect((await unpack(three, { ...ZIP_LIMITS, maxTotalBytes: 10 })).result).toEqual({
      ok: false,
      message: "its files would unpack to more than 10 bytes",
    });
    expect((await unpack(three)).result.ok).toBe(true);
  });

  it("refuses a name given twice and a file that is not a zip", async () => {
    const twice = await makeZip([
      { name: "a.txt", data: "1" },
      { name: "a.txt", data: "2" },
    ]);
    expect((await unpack(twice)).result).toEqual({
      ok: false,
      message: 'entry "a.txt" appears twice',
    });
    const { result } = await unpack(Buffer.from("PK not really a zip"));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/^it is not a zip file spikegrade can read/);
  });
});
