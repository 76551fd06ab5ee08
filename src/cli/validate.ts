import { basename, dirname } from "node:path";
import type { Command } from "commander";
import { readJsonFile } from "../protocol/read-json.js";
import { validateManifest } from "../protocol/validate-manifest.js";
import { validateResults } from "../protocol/validate-results.js";
import type { ValidationError } from "../protocol/validation.js";
import { readSubmission } from "../submission/read-submission.js";
import { EXIT } from "./errors.js";
import { existingFile } from "./options.js";

type FileKind = "manifest" | "results";

/** A file is a manifest when it is called submission.json or looks like one, else a results file. */
function kindOf(path: string, value: unknown): FileKind {
  if (basename(path) === "submission.json") return "manifest";
  const looksLikeManifest =
    value !== null && typeof value === "object" && ("members" in value || "team" in value);
  return looksLikeManifest ? "manifest" : "results";
}

/**
 * What is wrong with a file: a submission.json is judged as check judges it (its folder's contents
 * and the file it names included), another manifest by its schema alone, a results file by its own.
 */
async function problemsOf(
  file: string,
  kind: FileKind,
  value: unknown,
): Promise<ValidationError[]> {
  if (kind === "results") {
    const checked = validateResults(value);
    return checked.ok ? [] : checked.errors;
  }
  if (basename(file) === "submission.json") {
    const read = await readSubmission(dirname(file), { teamFrom: "manifest" });
    return read.ok ? [] : read.errors;
  }
  const checked = validateManifest(value);
  return checked.ok ? [] : checked.errors;
}

export function validateCommand(program: Command): void {
  program
    .command("validate")
    .description("check a manifest (submission.json) or a results file against its schema")
    // A file that is not there, or is a folder, is misuse (exit 2); anything else wrong with it
    // is the finding (exit 1).
    .argument("<file>", "submission.json or a Figure 1 results file", existingFile)
    .option("--json", "print one JSON object on stdout, nothing else")
    .action(async (file: string, options: { json?: boolean }) => {
      const read = await readJsonFile(file);
      let kind: FileKind = basename(file) === "submission.json" ? "manifest" : "results";
      let errors: ValidationError[];
      if (!read.ok) {
        errors = read.errors;
      } else {
        kind = kindOf(file, read.value);
        errors = await problemsOf(file, kind, read.value);
      }
      const valid = errors.length === 0;
      const what = kind === "manifest" ? "manifest" : "results file";
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ file, kind, valid, errors })}\n`);
      } else if (valid) {
        process.stdout.write(`✓ ${file} is a valid ${what}\n`);
      } else {
        process.stdout.write(`✗ ${file} is not a valid ${what}:\n`);
        for (const error of errors) process.stdout.write(`  - ${error.message}\n`);
      }
      process.exitCode = valid ? EXIT.ok : EXIT.failed;
    });
}
