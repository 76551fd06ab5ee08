import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { discoverTeams, parseShard, shardOf } from "./discover.js";

const scratch = mkdtempSync(join(tmpdir(), "spikegrade-pieces-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("finding the teams", () => {
  it("lists folders with a submission.json and says why everything else is skipped", async () => {
    const dir = join(scratch, "class");
    for (const team of ["team-b", "team-a", "no-manifest", ".git"]) {
      mkdirSync(join(dir, team), { recursive: true });
    }
    writeFileSync(join(dir, "team-a", "submission.json"), "{}");
    writeFileSync(join(dir, "team-b", "submission.json"), "{}");
    writeFileSync(join(dir, "notes.txt"), "");
    symlinkSync(join(dir, "team-a"), join(dir, "link"));
    mkdirSync(join(dir, "out"));
    writeFileSync(join(dir, "out", "submission.json"), "{}");
    const found = await discoverTeams(dir, join(dir, "out"));
    expect(found.teams.map((t) => t.team)).toEqual(["team-a", "team-b"]);
    expect(found.skipped).toEqual([
      { name: ".git", reason: "a hidden (dot) entry" },
      { name: "link", reason: "a symbolic link, not a folder of the class" },
      { name: "no-manifest", reason: "no submission.json in it" },
      { name: "notes.txt", reason: "a file, not a folder" },
      { name: "out", reason: "the output folder (--out)" },
    ]);
  });

  it("splits a class into shards counted from 1, every team in exactly one", () => {
    const teams = ["a", "b", "c", "d", "e"];
    expect(shardOf(teams, { index: 1, count: 2 })).toEqual(["a", "c", "e"]);
    expect(shardOf(teams, { index: 2, count: 2 })).toEqual(["b", "d"]);
    expect(shardOf(teams, { index: 3, count: 3 })).toEqual(["c"]);
    expect(parseShard("2/8")).toEqual({ ok: true, shard: { index: 2, count: 8 } });
    for (const bad of ["0/2", "3/2", "1/0", "two", "1/2/3"]) expect(parseShard(bad).ok).toBe(false);
  });
});
