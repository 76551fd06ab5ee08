import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  folderName,
  LANGUAGES,
  type Mutant,
  type MutantLanguage,
  readCatalogue,
  writeMutant,
} from "../fixtures/mutants/materialize.js";
import { type CheckRun, checkJson, mapLimit, notPassing } from "./cli.js";
import { ESCAPES_TODAY } from "./pending.js";
import type { BugKind } from "./simulators.js";

// Mutants of the catalogue through the real `spikegrade check --json`, two at a time: each must
// fail (or err on) at least one of the checks its catalogue entry says should catch it.
//
// One `check` costs 3 to 10 s of CPU, so by default each kind runs in one language, alternating
// along the catalogue (Python for the first kind, JavaScript for the second...), and in both where
// LANGUAGE_EXCEPTIONS says they part ways: about 45 runs, 2-3 minutes on 2 cores.
// SPIKEGRADE_MUTANTS=all runs every kind in both languages (about twice as long).

/**
 * Where a language's mutant fares otherwise than ESCAPES_TODAY says of its kind (pending.ts), and
 * why. Keyed by `<id>-<language>`.
 */
const LANGUAGE_EXCEPTIONS: Record<string, { escapes: boolean; why: string }> = {};

const catalogue = readCatalogue();
const everyLanguage = process.env.SPIKEGRADE_MUTANTS === "all";

/** Whether this run checks the mutant in this language. */
function selected(index: number, mutant: Mutant, language: MutantLanguage): boolean {
  if (everyLanguage) return true;
  if (LANGUAGES.some((l) => folderName(mutant, l) in LANGUAGE_EXCEPTIONS)) return true;
  return LANGUAGES[index % LANGUAGES.length] === language;
}

const scratch = mkdtempSync(join(tmpdir(), "spikegrade-mutants-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function pendingReason(mutant: Mutant, language: MutantLanguage): string | undefined {
  const exception = LANGUAGE_EXCEPTIONS[folderName(mutant, language)];
  if (exception !== undefined) return exception.escapes ? exception.why : undefined;
  return ESCAPES_TODAY[mutant.id as BugKind];
}

const runs = new Map<string, CheckRun>();

beforeAll(async () => {
  const folders = catalogue.flatMap((mutant, i) =>
    LANGUAGES.filter((language) => selected(i, mutant, language)).map((language) =>
      writeMutant(scratch, mutant, language),
    ),
  );
  const results = await mapLimit(folders, 2, checkJson);
  folders.forEach((folder, i) => {
    runs.set(folder, results[i]);
  });
}, 900_000);

describe("spikegrade check catches every mutant of the catalogue", () => {
  it("LANGUAGE_EXCEPTIONS names only mutants of the catalogue", () => {
    const names = new Set(catalogue.flatMap((m) => LANGUAGES.map((l) => folderName(m, l))));
    expect(Object.keys(LANGUAGE_EXCEPTIONS).filter((key) => !names.has(key))).toEqual([]);
  });

  catalogue.forEach((mutant, index) => {
    for (const language of LANGUAGES) {
      const name = folderName(mutant, language);
      const pending = pendingReason(mutant, language);
      it.skipIf(!selected(index, mutant, language))(
        `${name}: ${pending ? "escapes today (pending)" : `fails ${mutant.catchers.join(" or ")}`}`,
        () => {
          const run = runs.get(join(scratch, name));
          expect(
            run?.report,
            `${name}: no report (exit ${run?.code}): ${run?.stderr}`,
          ).toBeDefined();
          const failing = notPassing(run?.report);
          const caughtBy = mutant.catchers.filter((id) => failing.includes(id));
          if (pending) {
            expect(
              caughtBy,
              `${name} is caught now: remove it from ESCAPES_TODAY (pending.ts) or LANGUAGE_EXCEPTIONS`,
            ).toEqual([]);
          } else {
            expect(caughtBy, `${name} escaped; not passing: ${failing.join(", ")}`).not.toEqual([]);
            expect(run?.code).toBe(1);
          }
        },
      );
    }
  });
});
