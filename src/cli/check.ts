import { lstatSync, statSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { loadGradingReference } from "../checks/load-reference.js";
import { checkSubmission } from "../grading/check-submission.js";
import { writeSubmissionReport } from "../grading/write-report.js";
import { checkLine, summaryLines, terminalStyle } from "./checklist.js";
import {
  announceIsolation,
  ISOLATION_OPTION_HELP,
  misuse,
  parseIsolation,
  parseTimeout,
} from "./options.js";

interface CheckOptions {
  json?: boolean;
  timeout: string;
  isolation?: string;
}

export function checkCommand(program: Command): void {
  program
    .command("check")
    .description(
      "run the public checks on one submission; a checklist, then a report in DIR/.spikegrade/",
    )
    .argument("[dir]", "the submission folder", ".")
    .option("--json", "print one JSON object on stdout, nothing else")
    .option("--timeout <seconds>", "time limit of each simulator call", "60")
    .option("--isolation <how>", ISOLATION_OPTION_HELP)
    .action(async (dir: string, options: CheckOptions) => {
      const timeoutMs = parseTimeout(options.timeout, "check");
      const isolation = parseIsolation(options.isolation, "check");
      if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
        misuse(
          "check",
          `${dir} is not a folder; give the submission folder (the one with submission.json)`,
        );
      }
      // The report goes into a folder of spikegrade's own: never through a link someone left
      // there (it would write result.json and report.html wherever the link points).
      const reportDir = resolve(dir, ".spikegrade");
      const existing = lstatSync(reportDir, { throwIfNoEntry: false });
      if (existing !== undefined && !existing.isDirectory()) {
        misuse(
          "check",
          `${reportDir} is ${existing.isSymbolicLink() ? "a symbolic link" : "not a folder"}; spikegrade writes its report only into a folder of its own there: remove it and run check again`,
        );
      }
      const reference = await loadGradingReference();
      if (!reference.ok) {
        misuse(
          "check",
          `the rubric or tolerances cannot be used:\n${reference.errors.map((e) => `  - ${e.message}`).join("\n")}`,
        );
      }
      const style = terminalStyle(process.stdout);
      const out = (line: string) => {
        if (!options.json) process.stdout.write(`${line}\n`);
      };
      await announceIsolation(isolation, "check");
      out(`Checking ${resolve(dir)}`);
      const checked = await checkSubmission({
        dir,
        teamFrom: "manifest",
        reference: reference.value,
        timeoutMs,
        isolation,
        onCheck: (result) => out(checkLine(result, style)),
      });
      const written = await writeSubmissionReport(checked, reportDir, {
        audience: "student",
      });
      const { report } = checked;
      if (options.json) {
        process.stdout.write(`${JSON.stringify(report)}\n`);
      } else {
        out("");
        for (const line of summaryLines(
          { ...report, hiddenChecks: report.hiddenChecks ?? 0 },
          style,
        ))
          out(line);
        if (report.isolation) out(`Isolation: ${report.isolation}`);
        out(`Report: ${written.reportHtml}`);
      }
      process.exitCode = report.passed ? 0 : 1;
    });
}
