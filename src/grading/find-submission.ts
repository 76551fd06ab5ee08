import { existsSync } from "node:fs";
import { mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { scanFolder } from "../submission/folder-scan.js";
import { unzipSafely } from "./safe-unzip.js";

export type FoundSubmission =
  | {
      ok: true;
      /** The submission folder: the upload, a folder inside it, or the unpacked zip. */
      dir: string;
      /** Set when no submission.json was handed in: the lone notebook or .py to grade. */
      entry?: string;
      /** What was done to find it, one sentence each. */
      notes: string[];
    }
  | { ok: false; reason: string };

const list = (items: readonly string[]) => items.join(", ");

/** Folders that hold what tools leave beside a submission, never the submission itself. */
const NOISE =
  /(^|\/)(__MACOSX|__pycache__|\.ipynb_checkpoints|\.spikegrade)(\/|$)|(^|\/)\.DS_Store$/;

/**
 * The submission in what a student uploaded, looked for in this order: submission.json at the
 * top, or in the one folder that holds one a level down; the same inside the upload's one zip
 * (unpacked into unzipDest, with unzipSafely's limits); then a lone notebook (or, with no
 * notebook, a lone .py), inside the zip first, as the entry of a manifest the caller builds.
 * Anything else is a reason that says what to do.
 */
export async function findSubmission(upload: string, unzipDest: string): Promise<FoundSubmission> {
  const top = await manifestFolder(upload);
  if (top !== undefined) return top;
  const zips = (await readdir(upload)).filter((n) => /\.zip$/i.test(n)).sort();
  let zipProblem: string | undefined;
  if (zips.length === 1) {
    await mkdir(unzipDest, { recursive: true });
    const unzipped = await unzipSafely(join(upload, zips[0]), unzipDest);
    if (unzipped.ok) {
      const note = `unpacked ${zips[0]}`;
      const inZip = (await manifestFolder(unzipDest)) ?? (await loneEntry(unzipDest));
      if (inZip !== undefined) return { ...inZip, notes: [note, ...inZip.notes] };
      zipProblem = `${zips[0]} holds no submission.json and no lone notebook or .py`;
    } else {
      zipProblem = `${zips[0]} was not unpacked: ${unzipped.message}`;
    }
    await rm(unzipDest, { recursive: true, force: true });
  } else if (zips.length > 1) {
    zipProblem = `it holds ${zips.length} zip files (${list(zips)}) and spikegrade cannot tell which one to grade`;
  }
  const lone = await loneEntry(upload);
  if (lone !== undefined) {
    return { ...lone, notes: zipProblem === undefined ? lone.notes : [zipProblem, ...lone.notes] };
  }
  return { ok: false, reason: await nothingToGrade(upload, zipProblem) };
}

/** dir itself, or its one sub-folder, when it holds a submission.json. */
async function manifestFolder(
  dir: string,
): Promise<{ ok: true; dir: string; notes: string[] } | undefined> {
  if (existsSync(join(dir, "submission.json"))) return { ok: true, dir, notes: [] };
  const folders = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory() && !NOISE.test(e.name))
    .map((e) => e.name)
    .filter((name) => existsSync(join(dir, name, "submission.json")));
  if (folders.length !== 1) return undefined;
  return {
    ok: true,
    dir: join(dir, folders[0]),
    notes: [`graded the folder ${folders[0]}/, which holds the submission.json`],
  };
}

/** The files a student wrote, relative to dir, without tools' leftovers. */
async function workFiles(dir: string): Promise<string[]> {
  const scan = await scanFolder(dir);
  if (!scan.ok) return [];
  return scan.files.filter((f) => f.kind === "file" && !NOISE.test(f.path)).map((f) => f.path);
}

/** The one notebook (or, without any notebook, the one .py) of dir, to grade as its entry. */
async function loneEntry(
  dir: string,
): Promise<{ ok: true; dir: string; entry: string; notes: string[] } | undefined> {
  const files = await workFiles(dir);
  const notebooks = files.filter((f) => f.endsWith(".ipynb"));
  const scripts = files.filter((f) => f.endsWith(".py"));
  const candidates = notebooks.length > 0 ? notebooks : scripts;
  if (candidates.length !== 1) return undefined;
  return { ok: true, dir, entry: candidates[0], notes: [] };
}

/** Why nothing in the upload can be graded, and what to do about it. */
async function nothingToGrade(upload: string, zipProblem: string | undefined): Promise<string> {
  const files = await workFiles(upload);
  const notebooks = files.filter((f) => f.endsWith(".ipynb"));
  const scripts = files.filter((f) => f.endsWith(".py"));
  const many = notebooks.length > 1 ? notebooks : scripts.length > 1 ? scripts : [];
  const fix =
    "add a submission.json naming the one to grade (simulator.entry, as spikegrade init writes it) or ask the student to hand in a single notebook";
  if (many.length > 1) {
    return `no submission.json, and ${many.length} ${notebooks.length > 1 ? "notebooks" : ".py files"} (${list(many)}): ${fix}`;
  }
  if (zipProblem !== undefined) {
    return `no submission.json, notebook or .py outside the zip, and ${zipProblem}: unpack it yourself if you trust it, or ask the student for their notebook`;
  }
  return `no submission.json, notebook or .py in the upload (${files.length === 0 ? "it is empty" : list(files.slice(0, 5))}): ask the student for their notebook, or add a submission.json (spikegrade init writes one)`;
}
