import { mkdir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Skipped } from "../protocol/types.js";
import { makePrivateFolder, removePrivateFolder } from "../submission/private-folder.js";
import { byName, discoverTeams, type TeamFolder } from "./discover.js";
import { GradeSetupError } from "./grade-options.js";
import { intakeMoodle, moodleEntries } from "./moodle-intake.js";
import { unzipSafely } from "./safe-unzip.js";

/** The teams of a class as grade takes it in, and the scratch space to remove when done. */
export interface ClassIntake {
  teams: TeamFolder[];
  skipped: Skipped[];
  /** Removes what the intake unpacked and staged. */
  close(): Promise<void>;
}

/**
 * The teams of DIR as it comes: a class folder (one folder per team, discoverTeams' rules), a
 * Moodle "Download all submissions" folder (intakeMoodle), a mix of both, or the download's zip
 * (unpacked with unzipSafely's limits into a private folder first). Moodle's submissions are
 * staged in a private folder, which close() removes (as does the process's exit).
 *
 * Throws GradeSetupError when DIR is neither a folder nor a zip spikegrade can unpack.
 */
export async function openClass(dir: string, out: string): Promise<ClassIntake> {
  let scratch: string | undefined;
  const space = async () => {
    scratch ??= await makePrivateFolder();
    return scratch;
  };
  const close = async () => {
    if (scratch !== undefined) await removePrivateFolder(scratch);
  };
  try {
    const fromZip = await isFile(dir);
    const classDir = fromZip
      ? await unpackClass(dir, join(await space(), "download"))
      : resolve(dir);
    const entries = await moodleEntries(classDir);
    const ordinary = await discoverTeams(classDir, out, { ignore: new Set(entries.keys()) });
    const moodle =
      entries.size === 0
        ? { teams: [], skipped: [] }
        : await intakeMoodle({
            classDir,
            entries,
            scratch: join(await space(), "moodle"),
            taken: ordinary.teams.map((t) => t.team),
            move: fromZip,
          });
    return {
      teams: [...ordinary.teams, ...moodle.teams].sort((a, b) => byName(a.team, b.team)),
      skipped: [...ordinary.skipped, ...moodle.skipped].sort((a, b) => byName(a.name, b.name)),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** The class zip unpacked into dest, or GradeSetupError saying why it cannot be. */
async function unpackClass(zip: string, dest: string): Promise<string> {
  if (!/\.zip$/i.test(zip)) {
    throw new GradeSetupError(
      `${zip} is a file; name the class folder, or the .zip Moodle's "Download all submissions" gives`,
    );
  }
  await mkdir(dest, { recursive: true });
  const unzipped = await unzipSafely(zip, dest);
  if (!unzipped.ok) {
    throw new GradeSetupError(
      `${zip} was not unpacked: ${unzipped.message}. Nothing was graded; download the submissions again, or unpack the zip yourself if you trust it and grade the folder`,
    );
  }
  return dest;
}
