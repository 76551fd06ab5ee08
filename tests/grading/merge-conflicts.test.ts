import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildGradebook, gradebookTeam } from "../../src/grading/gradebook.js";
import { mergeGradebooks } from "../../src/grading/merge.js";
import { MergeConflictError } from "../../src/grading/refusals.js";
import { runCliAsync } from "../helpers/cli.js";
import { check, report } from "../helpers/reports.js";

// Parts of a sharded grading that were graded differently cannot be one gradebook: their teams
// would be scored out of different maxima, or on different hidden inputs. Nothing is written.

const scratch = mkdtempSync(join(tmpdir(), "spikegrade-merge-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const COLUMNS = [
  { id: "manifest", title: "manifest", points: 1, visibility: "public" as const },
  { id: "neuron.fi:hidden", title: "hidden", points: 1, visibility: "hidden" as const },
];

/** A folder holding shard index of 2 with one team, graded with or without hidden checks. */
function part(name: string, index: number, hidden: boolean, secretId?: string): string {
  const folder = join(scratch, name);
  mkdirSync(folder, { recursive: true });
  const checks = [check("manifest", "pass", 1)];
  if (hidden) checks.push({ ...check("neuron.fi:hidden", "pass", 1), visibility: "hidden" });
  const gradebook = buildGradebook({
    version: "0.1.0",
    columns: COLUMNS,
    teams: [gradebookTeam(report(checks, { team: `${name}-team` }), { hidden })],
    skipped: [],
    shard: { index, count: 2 },
    ...(secretId !== undefined ? { secretId } : {}),
  });
  writeFileSync(join(folder, `gradebook.part-${index}-of-2.json`), JSON.stringify(gradebook));
  return folder;
}

describe("merge refuses parts graded differently", () => {
  it("a part with the hidden checks beside a part without: exit 1, nothing written", async () => {
    const outs = [part("with", 1, true, "0123456789abcdef"), part("without", 2, false)];
    const dest = join(scratch, "mixed");
    await expect(mergeGradebooks({ outs, dest })).rejects.toThrow(MergeConflictError);
    await expect(mergeGradebooks({ outs, dest })).rejects.toThrow(
      /was graded with the hidden checks \(--hidden\) and .*without them/,
    );
    const cli = await runCliAsync(["merge", ...outs, "--out", dest]);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain("without them");
    expect(existsSync(join(dest, "gradebook.json"))).toBe(false);
  });

  it("parts graded with different course secrets: refused", async () => {
    const outs = [part("s1", 1, true, "0123456789abcdef"), part("s2", 2, true, "fedcba9876543210")];
    await expect(mergeGradebooks({ outs, dest: join(scratch, "secrets") })).rejects.toThrow(
      /were graded with different course secrets, so on different hidden inputs/,
    );
    expect(existsSync(join(scratch, "secrets", "gradebook.json"))).toBe(false);
  });

  it("parts graded alike merge, and keep the secret's name", async () => {
    const outs = [part("a1", 1, true, "0123456789abcdef"), part("a2", 2, true, "0123456789abcdef")];
    const merged = await mergeGradebooks({ outs, dest: join(scratch, "alike") });
    expect(merged.gradebook.secretId).toBe("0123456789abcdef");
    expect(merged.gradebook.teams.map((t) => t.team)).toEqual(["a1-team", "a2-team"]);
  });
});
