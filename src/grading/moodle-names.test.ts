import { describe, expect, it } from "vitest";
import {
  moodleTeamName,
  parseMoodleEntry,
  participantLabel,
  sharedGroupPrefix,
  uniqueNames,
} from "./moodle-names.js";

describe("the names in Moodle's download", () => {
  it("reads a participant's folder, a file of a download not in folders, and nothing else", () => {
    expect(parseMoodleEntry("Ada Lovelace_123456_assignsubmission_file_", true)).toEqual({
      prefix: "Ada Lovelace",
      participantId: "123456",
      plugin: "file",
    });
    expect(parseMoodleEntry("Zoë Õunapuu_7_assignsubmission_onlinetext_", true)).toEqual({
      prefix: "Zoë Õunapuu",
      participantId: "7",
      plugin: "onlinetext",
    });
    // Without "Download submissions in folders": the file's own name follows the prefix.
    expect(
      parseMoodleEntry("Team Red-Ada Lovelace_12_assignsubmission_file_figure1_v2.ipynb", false),
    ).toEqual({
      prefix: "Team Red-Ada Lovelace",
      participantId: "12",
      plugin: "file",
      file: "figure1_v2.ipynb",
    });
    expect(parseMoodleEntry("Participant_99_assignsubmission_file", true)?.participantId).toBe(
      "99",
    );
    for (const [name, folder] of [
      ["team-07", true],
      ["Ada Lovelace_123456_assignsubmission_file_", false],
      ["Ada Lovelace_123456_assignsubmission_file_extra", true],
      ["Ada_x_assignsubmission_file_", true],
    ] as const) {
      expect(parseMoodleEntry(name, folder), name).toBeUndefined();
    }
  });

  it("labels a participant by name, or by number under blind marking", () => {
    expect(participantLabel("Ada Lovelace", "12")).toBe("Ada Lovelace");
    expect(participantLabel("Participant", "12")).toBe("Participant 12");
  });

  it("finds a group's name only where every member's folder starts with it and a dash", () => {
    expect(sharedGroupPrefix(["Team Red-Ada Lovelace", "Team Red-Alan Turing"])).toBe("Team Red-");
    // Names alone cannot tell a dash inside a first name from a group's: intakeMoodle asks only
    // for participants who handed in identical files, so this matters only if two such
    // students hand in the same files.
    expect(sharedGroupPrefix(["Jean-Luc Picard", "Jean-Marie Lehn"])).toBe("Jean-");
    expect(sharedGroupPrefix(["Ada Lovelace", "Alan Turing"])).toBe("");
    expect(sharedGroupPrefix(["Team Red-Ada"])).toBe("");
    expect(sharedGroupPrefix(["Team Red-", "Team Red-Ada"])).toBe("");
  });

  it("makes team names from the name and number, the same in every download", () => {
    expect(moodleTeamName("Zoë Õunapuu", "104")).toBe("zoe-ounapuu-104");
    expect(moodleTeamName('O\'Brien, Jo "JJ"', "5")).toBe("o-brien-jo-jj-5");
    expect(moodleTeamName("Participant", "42")).toBe("participant-42");
    expect(moodleTeamName("Team Red", "3")).toBe("team-red-3");
    expect(moodleTeamName("张伟", "8")).toBe("team-8");
    const long = moodleTeamName("A".repeat(100), "1234567");
    expect(long).toHaveLength(64);
    expect(long.endsWith("-1234567")).toBe(true);
  });

  it("resolves a clash by order, with -2, -3", () => {
    expect(uniqueNames(["ada-1", "ada-1", "bob-2", "ada-1"], ["bob-2"])).toEqual([
      "ada-1",
      "ada-1-2",
      "bob-2-2",
      "ada-1-3",
    ]);
  });
});
