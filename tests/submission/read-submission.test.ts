import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readSubmission } from "../../src/submission/read-submission.js";

const scratch = mkdtempSync(join(tmpdir(), "spikegrade-read-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const members = [{ id: "s1", name: "Ada Lovelace" }];

function folder(name: string, manifest: unknown, files: Record<string, string> = {}): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "submission.json"), JSON.stringify(manifest));
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

const messages = async (dir: string, teamFrom: "folder" | "manifest" = "folder") => {
  const read = await readSubmission(dir, { teamFrom });
  return read.ok ? [] : read.errors.map((e) => e.message);
};

describe("readSubmission", () => {
  it("accepts a valid folder and grades it under the folder's name", async () => {
    const dir = folder(
      "team-a",
      { team: "team-a", members, simulator: { entry: "sim.py" } },
      { "sim.py": "" },
    );
    const read = await readSubmission(dir, { teamFrom: "folder" });
    expect(read.ok && read.submission.team).toBe("team-a");
    expect(read.ok && read.submission.kind).toBe("simulator");
  });

  it("names an entry that is not there", async () => {
    const dir = folder("team-b", { team: "team-b", members, simulator: { entry: "simulator.py" } });
    expect(await messages(dir)).toEqual([
      expect.stringMatching(
        /^simulator\.entry names simulator\.py, which is not in the submission folder/,
      ),
    ]);
  });

  it("refuses an entry that is a symbolic link out of the folder", async () => {
    const outside = join(scratch, "secret.py");
    writeFileSync(outside, "x = 1\n");
    const dir = folder("team-c", { team: "team-c", members, simulator: { entry: "sim.py" } });
    symlinkSync(outside, join(dir, "sim.py"));
    // The folder's own check finds it before the manifest is read.
    expect(await messages(dir)).toEqual([
      "sim.py is a symbolic link that leads outside the submission folder; copy the file in instead",
    ]);
  });

  it("a manifest naming another team: graded as the folder, with a warning; trusted in a self-check", async () => {
    const dir = folder(
      "team-d",
      { team: "team-07", members, results: "figure1.json" },
      { "figure1.json": "{}" },
    );
    const graded = await readSubmission(dir, { teamFrom: "folder" });
    expect(graded.ok && graded.submission.team).toBe("team-d");
    expect(graded.ok && graded.submission.warnings[0]).toContain('names team "team-07"');
    const own = await readSubmission(dir, { teamFrom: "manifest" });
    expect(own.ok && own.submission.team).toBe("team-07");
  });

  it("a missing or broken submission.json is a message, never a throw", async () => {
    const empty = join(scratch, "team-e");
    mkdirSync(empty);
    expect(await messages(empty)).toEqual(["submission.json is missing"]);
    const broken = join(scratch, "team-f");
    mkdirSync(broken);
    writeFileSync(join(broken, "submission.json"), '{"team": "team-f", "__proto__": {"x": 1}}');
    const said = await messages(broken);
    expect(said.length).toBeGreaterThan(0);
    expect(said.join(" ")).toContain("__proto__");
  });
});
