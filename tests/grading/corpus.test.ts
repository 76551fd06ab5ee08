import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GradingReference, loadGradingReference } from "../../src/checks/load-reference.js";
import { checkSubmission } from "../../src/grading/check-submission.js";
import { validate } from "../../src/protocol/schemas.js";

// Every bundled example and every broken fixture, checked end to end as `grade` checks them:
// manifest, the simulator in its sandbox (bubblewrap where it works), every public check.

const examples = join(import.meta.dirname, "../../submissions");
const broken = join(import.meta.dirname, "../fixtures/broken");
let reference: GradingReference;
let scratch: string;

beforeAll(async () => {
  const loaded = await loadGradingReference();
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join("; "));
  reference = loaded.value;
  scratch = mkdtempSync(join(tmpdir(), "spikegrade-corpus-"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the folder: nothing a check does may touch the repository's own files. */
function copyOf(from: string, name: string): string {
  const to = join(scratch, name);
  cpSync(from, to, { recursive: true });
  return to;
}

async function check(dir: string) {
  const checked = await checkSubmission({ dir, teamFrom: "folder", reference, timeoutMs: 60_000 });
  const schema = validate("check-report", checked.report);
  expect(schema.ok ? [] : schema.errors).toEqual([]);
  return checked.report;
}

describe("the bundled examples", () => {
  for (const name of readdirSync(examples).sort()) {
    it(`${name} passes every public check`, async () => {
      const report = await check(copyOf(join(examples, name), name));
      // A results-only submission skips the checks that do not apply to it, worth nothing.
      const notPassed = report.checks.filter(
        (c) => c.status !== "pass" && !(c.status === "skip" && c.maxPoints === 0),
      );
      expect(notPassed.map((c) => `${c.id}: ${c.status}: ${c.message}`)).toEqual([]);
      expect(report.score).toBe(report.maxScore);
      expect(report.passed).toBe(true);
    });
  }
});

describe("the broken corpus", () => {
  for (const name of readdirSync(broken).sort()) {
    it(`${name} gets the verdicts its bug calls for`, async () => {
      const expected = JSON.parse(readFileSync(join(broken, name, "expected.json"), "utf8"));
      const report = await check(copyOf(join(broken, name), name));
      const status = (id: string) => report.checks.find((c) => c.id === id)?.status;
      for (const id of expected.fails ?? []) expect(`${id}: ${status(id)}`).toBe(`${id}: fail`);
      for (const id of expected.errors ?? []) expect(`${id}: ${status(id)}`).toBe(`${id}: error`);
      if (expected.team) expect(report.team).toBe(expected.team);
      if (expected.manifestTeam) expect(report.manifestTeam).toBe(expected.manifestTeam);
      if ((expected.fails ?? []).length + (expected.errors ?? []).length > 0) {
        expect(report.passed).toBe(false);
      }
    });
  }
});
