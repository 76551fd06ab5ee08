import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { validateManifest } from "../protocol/validate-manifest.js";
import {
  locateSubmission,
  manifestFromMetadata,
  readMetadata,
  teamFromUsers,
} from "./gradescope-submission.js";

const scratch = mkdtempSync(join(tmpdir(), "spikegrade-gs-submission-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let made = 0;
/** A submission folder holding files (path -> text); a path ending in / is a folder. */
function upload(files: Record<string, string>): string {
  const dir = join(scratch, `upload-${made++}`);
  mkdirSync(dir);
  for (const [path, text] of Object.entries(files)) {
    if (path.endsWith("/")) mkdirSync(join(dir, path), { recursive: true });
    else {
      mkdirSync(join(dir, path, ".."), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
  }
  return dir;
}

const PYTHON = "def make_stimulus(request):\n    pass\ndef simulate_neuron(request):\n    pass\n";

describe("locateSubmission", () => {
  it("takes a manifest at the top, or one folder down (a zip of the team folder), past macOS's litter", async () => {
    const top = upload({ "submission.json": "{}", "simulator.py": PYTHON });
    expect(await locateSubmission(top)).toEqual({ ok: true, folder: top, manifest: "uploaded" });
    const down = upload({ "team-07/submission.json": "{}", "__MACOSX/x": "", ".DS_Store": "" });
    expect(await locateSubmission(down)).toEqual({
      ok: true,
      folder: join(down, "team-07"),
      manifest: "uploaded",
    });
  });

  it("without a manifest takes the lone simulator, or the one that defines both functions", async () => {
    const notebook = upload({ "figure1.ipynb": "{}", "notes.txt": "" });
    expect(await locateSubmission(notebook)).toEqual({
      ok: true,
      folder: notebook,
      manifest: "made",
      entry: { simulator: "figure1.ipynb" },
    });
    const two = upload({ "helpers.py": "import numpy\n", "lif.py": PYTHON });
    expect(await locateSubmission(two)).toMatchObject({ entry: { simulator: "lif.py" } });
    const results = upload({ "figure1.json": "{}" });
    expect(await locateSubmission(results)).toMatchObject({ entry: { results: "figure1.json" } });
  });

  it("says what to upload when nothing, or too much, could be the simulator", async () => {
    const none = await locateSubmission(upload({ "README.md": "", "plot.png": "" }));
    expect(none).toEqual({
      ok: false,
      message: expect.stringContaining(
        "No simulator was found in the submission (found README.md, plot.png)",
      ),
    });
    const both = await locateSubmission(upload({ "a.py": PYTHON, "b.py": PYTHON }));
    expect(both.ok ? "" : both.message).toContain('"simulator": {"entry": "a.py"}');
    const empty = await locateSubmission(upload({ "empty/": "" }));
    expect(empty.ok ? "" : empty.message).toContain("The submission is empty");
  });
});

describe("a manifest from Gradescope's users", () => {
  const users = [
    { email: "ada@example.edu", id: 1234, name: "Ada Lovelace" },
    { email: "not an email", id: 1235, name: "Zoë\u0007 Ōtake" },
  ];

  it("names the team after the students and passes the manifest check", () => {
    const manifest = manifestFromMetadata({ id: 99, users }, { simulator: "figure1.ipynb" });
    expect(manifest).toEqual({
      team: "ada-lovelace-zoe-otake",
      members: [
        { id: "ada@example.edu", name: "Ada Lovelace" },
        { id: "gradescope-1235", name: "Zoë Ōtake" },
      ],
      simulator: { entry: "figure1.ipynb" },
    });
    const valid = validateManifest(manifest);
    expect(valid.ok ? [] : valid.errors).toEqual([]);
  });

  it("falls back on the submission's id, then on a fixed name", () => {
    expect(teamFromUsers({ id: 4242, users: [{ name: "王小明" }] })).toBe("submission-4242");
    expect(teamFromUsers({})).toBe("gradescope-team");
    const lone = manifestFromMetadata({}, { results: "figure1.json" });
    expect(lone.members).toEqual([{ id: "gradescope-user-1", name: "Gradescope student 1" }]);
  });

  it("reads submission_metadata.json as documented, and says why it cannot", async () => {
    const dir = upload({
      "submission_metadata.json": JSON.stringify({ id: 1, users, assignment: { title: "x" } }),
      "bad.json": JSON.stringify({ users: "Ada" }),
    });
    expect((await readMetadata(join(dir, "submission_metadata.json"))).metadata.users).toEqual(
      users,
    );
    const bad = await readMetadata(join(dir, "bad.json"));
    expect(bad.metadata).toEqual({});
    expect(bad.problem).toMatch(/users/);
    expect((await readMetadata(join(dir, "missing.json"))).problem).toContain("missing");
  });
});
