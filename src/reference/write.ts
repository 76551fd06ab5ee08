import {
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { formatJson } from "../protocol/json-format.js";
import { referenceDir } from "../protocol/reference-files.js";
import { renderFigure1 } from "../render/figure1.js";
import { calibrationPool } from "./calibration-pool.js";
import { referenceFigure1 } from "./figure1.js";
import { defaultRubric } from "./rubric.js";
import { rubricSchemaText } from "./rubric-schema.js";
import { defaultMonteCarlo, measureTolerances } from "./tolerances.js";

export interface WriteReferenceOptions {
  outDir: string;
  /** Draws of each faithful variant in the calibration (100 for the committed reference). */
  seeds?: number;
  /** Worker threads of the calibration (default: one per core); the files are the same for any. */
  threads?: number;
  /** Told of each file as it is written. */
  onFile?: (path: string) => void;
  /** Told after each task of the calibration (most of the time), on worker threads. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Regenerates the canonical data, figure, tolerances and rubric into outDir, each file written
 * whole (temporary file, then rename). The rubric schema's check ids are set from CHECK_IDS; the
 * other schemas travel along when outDir is elsewhere.
 * The same code and seeds give the same bytes, whatever the number of threads.
 */
export async function writeReference(options: WriteReferenceOptions): Promise<string[]> {
  const outDir = resolve(options.outDir);
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  const write = (name: string, content: string | Buffer) => {
    const path = join(outDir, name);
    const tmp = `${path}.tmp-${process.pid}`;
    writeFileSync(tmp, content);
    renameSync(tmp, path);
    written.push(path);
    options.onFile?.(path);
  };
  const figure = referenceFigure1();
  write("figure1.json", formatJson(figure));
  write("figure1.png", renderFigure1(figure, { measures: figure.metrics }));
  const tolerances = await measureTolerances(
    defaultMonteCarlo(options.seeds ?? 100),
    calibrationPool(options.threads ?? availableParallelism(), options.onProgress),
  );
  write("rubric.json", formatJson(defaultRubric(tolerances)));
  write("tolerances.json", formatJson(tolerances));
  const schemaFrom = join(referenceDir(), "schema");
  const schemaTo = join(outDir, "schema");
  mkdirSync(schemaTo, { recursive: true });
  const rubricSchema = join(schemaFrom, "rubric.schema.json");
  write(join("schema", "rubric.schema.json"), rubricSchemaText(readFileSync(rubricSchema, "utf8")));
  if (resolve(schemaFrom) !== schemaTo) {
    for (const name of readdirSync(schemaFrom).sort()) {
      if (name === "rubric.schema.json") continue;
      copyFileSync(join(schemaFrom, name), join(schemaTo, name));
      written.push(join(schemaTo, name));
    }
  }
  return written;
}
