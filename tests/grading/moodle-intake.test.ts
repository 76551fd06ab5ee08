import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openClass } from "../../src/grading/class-intake.js";
import { folderFiles } from "../../src/grading/fingerprint.js";
import { GradeSetupError } from "../../src/grading/grade-options.js";
import { ROOT } from "../helpers/cli.js";
import {
  type MoodleUpload,
  readTree,
  writeMoodleDownload,
  zipFolder,
} from "../helpers/moodle-download.js";
import { forge, makeZip } from "../helpers/zip.js";

// Taking in a Moodle download as it comes: which teams it makes, from what, under which names,
// and what it skips with what advice. No grading here (tests/cli/moodle.test.ts grades one).

const scratch = mkdtempSync(join(tmpdir(), "spikegrade-moodle-intake-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const figure1 = readFileSync(join(ROOT, "submissions/example-results/figure1.json"));
const notebook = readFileSync(join(ROOT, "submissions/example-notebook/figure1.ipynb"));

/** A results-only submission folder's files, with its own team and students. */
function resultsFiles(team: string, ids: string[]): Record<string, string | Buffer> {
  const members = ids.map((id) => ({ id, name: `Student ${id}` }));
  return {
    "submission.json": JSON.stringify({ team, members, results: "figure1.json" }),
    "figure1.json": figure1,
  };
}

const UPLOADS: MoodleUpload[] = [];

beforeAll(async () => {
  const inner = await makeZip(
    Object.entries(resultsFiles("zipped", ["s103"])).map(([name, data]) => ({
      name: `our-team/${name}`,
      data,
    })),
  );
  const bomb = await makeZip([{ name: "big.txt", data: Buffer.alloc(4 * 1024 * 1024) }]);
  const group = resultsFiles("red", ["s105", "s106"]);
  UPLOADS.push(
    { id: 101, name: "Ines Moreau", files: resultsFiles("ines", ["s101"]) },
    {
      id: 102,
      name: "Zoë Õunapuu",
      files: Object.fromEntries(
        Object.entries(resultsFiles("zoe", ["s102"])).map(([p, d]) => [`zoe-team/${p}`, d]),
      ),
    },
    { id: 103, name: 'O\'Brien, Jo "JJ"', files: { "upload.zip": inner } },
    { id: 104, name: "Ana Lima", files: { "figure1.ipynb": notebook, "notes.txt": "draft" } },
    { id: 105, name: "Ada Lovelace", group: "Team Red", files: group },
    { id: 106, name: "Alan Turing", group: "Team Red", files: group },
    { id: 107, name: "Bob Stone", onlinetext: "<p>I could not upload my notebook</p>" },
    { id: 108, name: "Cy Twombly", files: { "a.ipynb": notebook, "b.ipynb": notebook } },
    { id: 109, name: "Dee Dee", files: { "work.zip": bomb } },
  );
  writeMoodleDownload(join(scratch, "download"), UPLOADS);
  // An ordinary team folder beside them, whose name a Moodle team would also take.
  const ordinary = join(scratch, "download", "ines-moreau-101");
  mkdirSync(ordinary);
  for (const [p, d] of Object.entries(resultsFiles("ines-moreau-101", ["s900"]))) {
    writeFileSync(join(ordinary, p), d);
  }
  writeFileSync(join(scratch, "download.zip"), await zipFolder(join(scratch, "download")));
});

describe("a Moodle download, in folders", () => {
  it("makes a team of each submission, named after the participant, and says where it came from", async () => {
    const intake = await openClass(join(scratch, "download"), join(scratch, "out"));
    try {
      const teams = Object.fromEntries(intake.teams.map((t) => [t.team, t]));
      expect(Object.keys(teams)).toEqual([
        "ana-lima-104",
        "ines-moreau-101",
        "ines-moreau-101-2",
        "o-brien-jo-jj-103",
        "team-red-105",
        "zoe-ounapuu-102",
      ]);
      // The ordinary folder keeps its name; the Moodle team that wanted it gets -2.
      expect(teams["ines-moreau-101"].moodle).toBeUndefined();
      expect(teams["ines-moreau-101-2"].moodle).toEqual({
        participants: [{ id: "101", name: "Ines Moreau" }],
        entries: ["Ines Moreau_101_assignsubmission_file_"],
        builtManifest: false,
        notes: [],
      });
      expect(teams["zoe-ounapuu-102"].moodle?.notes).toEqual([
        "graded the folder zoe-team/, which holds the submission.json",
      ]);
      expect(readTree(teams["zoe-ounapuu-102"].dir)["figure1.json"]).toEqual(figure1);
      expect(teams["o-brien-jo-jj-103"].moodle?.notes).toEqual([
        "unpacked upload.zip",
        "graded the folder our-team/, which holds the submission.json",
      ]);
      expect(teams["o-brien-jo-jj-103"].moodle?.participants).toEqual([
        { id: "103", name: "O'Brien, Jo JJ" },
      ]);
      expect(teams["team-red-105"].moodle?.participants).toEqual([
        { id: "105", name: "Ada Lovelace" },
        { id: "106", name: "Alan Turing" },
      ]);
    } finally {
      await intake.close();
    }
  });

  it("writes the manifest of a lone notebook from the participant, and says so", async () => {
    const intake = await openClass(join(scratch, "download"), join(scratch, "out"));
    try {
      const ana = intake.teams.find((t) => t.team === "ana-lima-104");
      expect(ana?.moodle?.builtManifest).toBe(true);
      expect(ana?.moodle?.notes).toEqual([
        "no submission.json was handed in: spikegrade wrote one naming figure1.ipynb and the Moodle participant Ana Lima (participant 104)",
      ]);
      expect(JSON.parse(readFileSync(join(ana?.dir as string, "submission.json"), "utf8"))).toEqual(
        {
          team: "ana-lima-104",
          members: [{ id: "participant-104", name: "Ana Lima" }],
          simulator: { entry: "figure1.ipynb" },
        },
      );
    } finally {
      await intake.close();
    }
  });

  it("skips what it cannot grade, saying what to do", async () => {
    const intake = await openClass(join(scratch, "download"), join(scratch, "out"));
    await intake.close();
    const reasons = Object.fromEntries(intake.skipped.map((s) => [s.name, s.reason]));
    expect(Object.keys(reasons)).toEqual([
      "Bob Stone_107_assignsubmission_onlinetext_",
      "Cy Twombly_108_assignsubmission_file_",
      "Dee Dee_109_assignsubmission_file_",
    ]);
    expect(reasons["Bob Stone_107_assignsubmission_onlinetext_"]).toBe(
      "Bob Stone (participant 107) handed in only online text, no files: ask them to upload their notebook (or submission folder) to the assignment and download the submissions again",
    );
    expect(reasons["Cy Twombly_108_assignsubmission_file_"]).toMatch(
      /^Cy Twombly \(participant 108\): no submission.json, and 2 notebooks \(a.ipynb, b.ipynb\): add a submission.json naming the one to grade/,
    );
    expect(reasons["Dee Dee_109_assignsubmission_file_"]).toMatch(
      /^Dee Dee \(participant 109\): .*work.zip was not unpacked: entry "big.txt" expands \d+ times.*unpack it yourself if you trust it/,
    );
  });

  it("removes what it staged when closed", async () => {
    const intake = await openClass(join(scratch, "download"), join(scratch, "out"));
    const dir = intake.teams[0].dir;
    expect(existsSync(dir)).toBe(true);
    await intake.close();
    expect(existsSync(dir)).toBe(false);
  });
});

describe("the same download as Moodle's zip", () => {
  it("gives the same teams, names and files as the folder", async () => {
    const folder = await openClass(join(scratch, "download"), join(scratch, "out"));
    const zipped = await openClass(join(scratch, "download.zip"), join(scratch, "out"));
    try {
      expect(zipped.teams.map((t) => [t.team, t.moodle])).toEqual(
        folder.teams.map((t) => [t.team, t.moodle]),
      );
      expect(zipped.skipped).toEqual(folder.skipped);
      for (const [i, team] of zipped.teams.entries()) {
        expect(await folderFiles(team.dir), team.team).toEqual(
          await folderFiles(folder.teams[i].dir),
        );
      }
    } finally {
      await Promise.all([folder.close(), zipped.close()]);
    }
  });

  it("refuses a hostile class zip whole, with the reason", async () => {
    writeFileSync(
      join(scratch, "slip.zip"),
      forge(
        await makeZip([{ name: "a/xx/xx/evil/submission.json", data: "{}" }]),
        "a/xx/xx/",
        "a/../../",
      ),
    );
    const refused = openClass(join(scratch, "slip.zip"), join(scratch, "out"));
    await expect(refused).rejects.toThrow(GradeSetupError);
    await expect(refused).rejects.toThrow(/climbs out of the folder.*Nothing was graded/);
    expect(existsSync(join(scratch, "evil"))).toBe(false);
    writeFileSync(join(scratch, "notes.txt"), "not a class");
    await expect(openClass(join(scratch, "notes.txt"), join(scratch, "out"))).rejects.toThrow(
      /is a file; name the class folder, or the .zip/,
    );
  });
});

describe("a Moodle download not in folders", () => {
  it("finds each participant's files by their names and grades the same teams", async () => {
    const flat = join(scratch, "flat");
    writeMoodleDownload(flat, UPLOADS.slice(0, 1).concat(UPLOADS[3]), { folders: false });
    const intake = await openClass(flat, join(scratch, "out"));
    try {
      expect(intake.teams.map((t) => t.team)).toEqual(["ana-lima-104", "ines-moreau-101"]);
      expect(Object.keys(readTree(intake.teams[0].dir))).toEqual([
        "figure1.ipynb",
        "notes.txt",
        "submission.json",
      ]);
    } finally {
      await intake.close();
    }
  });
});
