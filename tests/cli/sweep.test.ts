import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG } from "pngjs";
import { afterAll, describe, expect, test } from "vitest";
import { validate } from "../../src/protocol/schemas.js";
import type { SweepDocument } from "../../src/protocol/types.js";
import { ROOT, runCliAsync } from "../helpers/cli.js";

// `spikegrade sweep` on tiny grids (3 x 3 and 3 x 3, 10 trials of 600 ms): what it writes, that
// the number of worker threads changes nothing, and the misuse it refuses.

const work = mkdtempSync(join(tmpdir(), "spikegrade-sweep-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const TINY = [
  "--sd",
  "0:200:3",
  "--tau",
  "3:30:3",
  "--noise-range",
  "0:0.4:3",
  "--trials",
  "10",
  "--duration",
  "600",
];

function readSweep(out: string): SweepDocument {
  const checked = validate("sweep", JSON.parse(readFileSync(join(out, "sweep.json"), "utf8")));
  if (!checked.ok) throw new Error(checked.errors.map((e) => e.message).join("; "));
  return checked.value;
}

describe("spikegrade sweep on a tiny grid", async () => {
  const [one, two] = await Promise.all(
    ["1", "2"].map((jobs) =>
      runCliAsync(["sweep", ...TINY, "--jobs", jobs, "--out", join(work, `jobs-${jobs}`)]),
    ),
  );

  test("it ends 0 and says what it wrote and what the paper's point gave", () => {
    for (const run of [one, two]) {
      expect(run.stderr).toContain("Sweeping 18 grid points of 10 trials (3 x 3 and 3 x 3)");
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(
        "At the paper's point (SD 100 pA, correlation time 3 ms, noise 0.2 mV):",
      );
      expect(run.stdout).toMatch(/reference: reliability \d\.\d\d, Rcorr \d\.\d\d/);
      expect(run.stdout).toContain("sweep-sd-tau.png, ");
    }
  });

  test("on a grid without the paper's point, the nearest is named beside it", async () => {
    const run = await runCliAsync([
      "sweep",
      ...["--sd", "0:80:2", "--tau", "1:10:2", "--noise-range", "0.2:0.2:1"],
      ...["--trials", "3", "--duration", "200", "--out", join(work, "coarse")],
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      "Nearest the paper's point (SD 100 pA, 3 ms) on this grid: SD 80 pA, correlation time 1 ms, noise 0.2 mV:",
    );
  });

  test("one worker thread or two: the same sweep.json, byte for byte", () => {
    const a = readFileSync(join(work, "jobs-1", "sweep.json"), "utf8");
    const b = readFileSync(join(work, "jobs-2", "sweep.json"), "utf8");
    expect(a).toBe(b);
  });

  test("sweep.json passes its schema, and shows the trend: reliability rises with the input's SD", () => {
    const sweep = readSweep(join(work, "jobs-2"));
    expect(sweep.axes).toEqual({
      sdPa: [0, 100, 200],
      tauMs: [3, 16.5, 30],
      noiseSdMv: [0, 0.2, 0.4],
    });
    const byTau = sweep.maps.find((m) => m.id === "sd-tau" && m.source === "reference");
    const byNoise = sweep.maps.find((m) => m.id === "sd-noise" && m.source === "reference");
    if (!byTau || !byNoise) throw new Error("a reference map is missing");
    // Column 0: tau 3 ms. Row 0: SD 0 pA, a constant current.
    const column = byTau.reliability.map((row) => row[0] ?? Number.NaN);
    expect(column[0]).toBeLessThan(0.7);
    expect(column[1]).toBeGreaterThan(column[0] + 0.2);
    expect(column[2]).toBeGreaterThan(column[0] + 0.2);
    // Without intrinsic noise (column 0 of the noise map) every trial is the same.
    expect(byNoise.reliability.map((row) => row[0])).toEqual([1, 1, 1]);
  });

  test("each figure is a PNG of the four maps", () => {
    for (const name of ["sweep-sd-tau.png", "sweep-sd-noise.png"]) {
      const image = PNG.sync.read(readFileSync(join(work, "jobs-2", name)));
      expect(image.width).toBeGreaterThan(2000);
      expect(image.height).toBeGreaterThan(500);
    }
  });
});

describe.concurrent("spikegrade sweep refuses misuse with exit 2 and says what to type", () => {
  test.each([
    [["--sd", "0:200"], "--sd is from:to:count (e.g. 0:200:32): give three numbers"],
    [
      ["--sd", "200:0:3"],
      "--sd is from:to:count (e.g. 0:200:32): to (0) must not be below from (200)",
    ],
    [["--tau", "0:30:3"], "--tau is from:to:count (e.g. 0:200:32): from must be above 0 ms"],
    [["--noise-range", "0:1:1000"], "count must be a whole number from 1 to 256"],
    [["--trials", "1"], "--trials must be a whole number from 2 to 1000"],
    [["--duration", "100"], "--duration must be a number of ms from 200 to 100000"],
    [["--dt", "0"], "--dt must be a number of ms above 0 and at most 5"],
    [["--jobs", "0"], "--jobs must be a whole number of at least 1"],
    [["--noise", "-1"], "--noise must be a number of mV, at least 0"],
    [["--duration", "100000", "--dt", "0.001"], "over 10^7 steps a trial"],
  ])("%o", async (args, message) => {
    const run = await runCliAsync(["sweep", ...args, "--out", join(work, "misuse")]);
    expect(run.stderr).toContain(message);
    expect(run.code).toBe(2);
  });

  test("--out must be a folder, or nothing yet", async () => {
    const run = await runCliAsync(["sweep", "--out", join(ROOT, "package.json")]);
    expect(run.stderr).toContain("is a file; give a folder for sweep.json and the figures");
    expect(run.code).toBe(2);
    const under = await runCliAsync(["sweep", "--out", join(ROOT, "package.json", "sweep")]);
    expect(under.stderr).toContain("cannot be made a folder (ENOTDIR)");
    expect(under.code).toBe(2);
  });

  test("DIR must be a submission with a simulator", async () => {
    const missing = await runCliAsync(["sweep", join(work, "nowhere")]);
    expect(missing.stderr).toContain("is not a folder");
    expect(missing.code).toBe(2);
    const results = await runCliAsync([
      "sweep",
      join(ROOT, "submissions", "example-results"),
      "--out",
      join(work, "misuse"),
    ]);
    expect(results.stderr).toContain("hands in results only");
    expect(results.code).toBe(2);
  });
});

describe("spikegrade sweep DIR: a submission's maps beside the reference's", async () => {
  const SMALL = ["--grid", "2", "--trials", "5", "--duration", "600", "--isolation", "none"];
  const [faithful, throwing, noiseless] = await Promise.all([
    runCliAsync([
      "sweep",
      join(ROOT, "submissions", "example-typescript"),
      ...SMALL,
      "--out",
      join(work, "faithful"),
    ]),
    runCliAsync([
      "sweep",
      join(ROOT, "tests", "fixtures", "broken", "simulate-throws-ts"),
      ...SMALL,
      "--out",
      join(work, "throwing"),
    ]),
    runCliAsync([
      "sweep",
      join(ROOT, "tests", "fixtures", "broken", "no-intrinsic-noise"),
      ...SMALL,
      "--trials",
      "10",
      "--out",
      join(work, "noiseless"),
    ]),
  ]);

  test("a faithful simulator: its maps over the same coarse grid, after the reference's", () => {
    expect(faithful.code).toBe(0);
    expect(faithful.stdout).toMatch(/example-typescript: reliability \d\.\d\d/);
    const sweep = readSweep(join(work, "faithful"));
    expect(sweep.axes).toEqual({ sdPa: [0, 200], tauMs: [1, 30], noiseSdMv: [0, 1] });
    expect(sweep.maps.map((m) => [m.id, m.source, m.team])).toEqual([
      ["sd-tau", "reference", undefined],
      ["sd-noise", "reference", undefined],
      ["sd-tau", "submission", "example-typescript"],
      ["sd-noise", "submission", "example-typescript"],
    ]);
    // Without intrinsic noise the submission's trials are all the same too.
    const noise = sweep.maps[3];
    expect(noise.reliability.map((row) => row[0])).toEqual([1, 1]);
  });

  test("a simulator that fails: exit 1, the reference's maps written, the submission's empty with the reason", () => {
    expect(throwing.code).toBe(1);
    expect(throwing.stderr).toContain("the submission's maps stop short");
    const sweep = readSweep(join(work, "throwing"));
    const mine = sweep.maps.filter((m) => m.source === "submission");
    expect(mine[0].error).toContain("simulateNeuron");
    expect(mine[0].reliability.flat()).toEqual([null, null, null, null]);
    expect(mine[1].error).toMatch(/^not run: the simulator failed earlier/);
    expect(sweep.maps[0].reliability.flat().every((v) => typeof v === "number")).toBe(true);
  });

  test("a simulator whose trials never differ: reliability 1 everywhere, and the trends say no", () => {
    expect(noiseless.code).toBe(0);
    // Two SDs (0 and 200 pA): the reference's reliability rises from one to the other.
    expect(noiseless.stdout).toMatch(
      /rises with the input's SD \(at 0 pA, then at 200 pA, every correlation time\): reference 0\.\d\d then (0\.\d\d|1\.00), yes; no-intrinsic-noise 1\.00 then 1\.00, no/,
    );
    expect(noiseless.stdout).toMatch(
      /falls as intrinsic noise grows .*no-intrinsic-noise 1\.00 then 1\.00, no/,
    );
  });
});
