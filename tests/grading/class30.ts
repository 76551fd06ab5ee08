import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TeamStatus } from "../../src/protocol/types.js";

// A generated class of 30 teams, for the class test and the benchmark: two copies of each bundled
// example, every broken fixture, and hostile simulators given a manifest of their own.

const root = join(import.meta.dirname, "../..");

/**
 * Hostile simulators in the class. Each breaks: it does not load, or every call crashes, hangs,
 * answers nonsense or is stopped by the sandbox, so every check after the load is an error.
 */
const HOSTILE: Record<string, TeamStatus> = {
  "crash-py": "error",
  "environment-js": "error",
  "loop-py": "error",
  "odd-values-py": "error",
  "write-outside-py": "error",
  "exit-at-import-js": "error",
  "loop-at-import-py": "error",
  "missing-function-py": "error",
  "syntax-error-js": "error",
};

/** Names a spreadsheet or a careless CSV writer would break. */
const AWKWARD_NAMES = ['Lovelace, Ada "Countess"', '=HYPERLINK("http://x")', "Zoë Õunapuu, Jr."];

export interface GeneratedClass {
  /** Each team's expected gradebook status. */
  expected: Record<string, TeamStatus>;
  /** How many gradebook rows each team has (its students, or one row for an invalid manifest). */
  rows: Record<string, number>;
}

/** Gives a valid manifest's students ids and names of their own team, so none is in two teams. */
function renameMembers(dir: string, team: string, index: number): number {
  const path = join(dir, "submission.json");
  const manifest = JSON.parse(readFileSync(path, "utf8"));
  manifest.members = manifest.members.map((_: unknown, i: number) => ({
    id: `s${String(index).padStart(3, "0")}${i}`,
    name:
      i === 0 && index < AWKWARD_NAMES.length ? AWKWARD_NAMES[index] : `Student ${i} of ${team}`,
  }));
  writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest.members.length;
}

/**
 * Writes the class into dir (which must not exist yet) and says what each team should get: 30
 * teams, or, with rounds, that many copies of them (teams of round r > 1 end in -r<r>).
 */
export function generateClass(dir: string, rounds = 1): GeneratedClass {
  const expected: Record<string, TeamStatus> = {};
  const rows: Record<string, number> = {};
  let index = 0;
  for (let round = 1; round <= rounds; round++) {
    index = addRound(dir, round === 1 ? "" : `-r${round}`, index, expected, rows);
  }
  return { expected, rows };
}

function addRound(
  dir: string,
  suffix: string,
  first: number,
  expected: Record<string, TeamStatus>,
  rows: Record<string, number>,
): number {
  let index = first;
  for (const example of readdirSync(join(root, "submissions")).sort()) {
    for (const copy of [1, 2]) {
      const team = `${example}-${copy}${suffix}`;
      cpSync(join(root, "submissions", example), join(dir, team), { recursive: true });
      rows[team] = renameMembers(join(dir, team), team, index++);
      expected[team] = "pass";
    }
  }
  const broken = join(root, "tests/fixtures/broken");
  for (const name of readdirSync(broken).sort()) {
    const team = `broken-${name}${suffix}`;
    cpSync(join(broken, name), join(dir, team), { recursive: true });
    const bug = JSON.parse(readFileSync(join(broken, name, "expected.json"), "utf8"));
    if (name === "manifest-four-members") {
      expected[team] = "error";
      rows[team] = 1;
      continue;
    }
    rows[team] = renameMembers(join(dir, team), team, index++);
    expected[team] = (bug.fails ?? []).length + (bug.errors ?? []).length === 0 ? "pass" : "fail";
  }
  for (const [name, status] of Object.entries(HOSTILE)) {
    const team = `hostile-${name}${suffix}`;
    const from = join(root, "tests/fixtures/hostile", name);
    cpSync(from, join(dir, team), { recursive: true });
    const entry = readdirSync(from).find((f) => f.startsWith("simulator."));
    writeFileSync(
      join(dir, team, "submission.json"),
      JSON.stringify({
        team,
        members: [{ id: `h-${name}${suffix}`, name: `Hostile ${name}` }],
        simulator: { entry },
      }),
    );
    expected[team] = status;
    rows[team] = 1;
  }
  return index;
}
