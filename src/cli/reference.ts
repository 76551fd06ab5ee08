import type { Command } from "commander";
import { referenceDir } from "../protocol/reference-files.js";
import { shownPath } from "../protocol/shown-path.js";
import { writeReference } from "../reference/write.js";
import { positiveInteger } from "./options.js";
import { StageProgress } from "./stage-progress.js";

export function referenceCommand(program: Command): void {
  program
    .command("reference")
    .description("regenerate the canonical data, figures and tolerances in reference/")
    .option("--out <dir>", "where to write them", referenceDir())
    .option(
      "--seeds <n>",
      "draws of each faithful variant in the calibration",
      positiveInteger("--seeds"),
      100,
    )
    .option("--json", "print one JSON object listing the files written")
    .action(async (options: { out: string; seeds: number; json?: boolean }) => {
      const started = Date.now();
      const progress = new StageProgress(process.stderr, process.stderr.isTTY === true);
      const files = await writeReference({
        outDir: options.out,
        seeds: options.seeds,
        onFile: (path) => {
          progress.finish();
          if (!options.json) process.stdout.write(`wrote ${shownPath(path)}\n`);
        },
        onProgress: (done, total) => progress.update("calibration tasks", done, total),
      });
      if (options.json)
        process.stdout.write(
          `${JSON.stringify({ files, seconds: (Date.now() - started) / 1000 })}\n`,
        );
      else
        process.stdout.write(
          `reference written in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
        );
    });
}
