import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { formatJson } from "../protocol/json-format.js";
import type {
  PanelMetrics,
  SweepCells,
  SweepDocument,
  SweepMapDocument,
  SweepMapId,
  SweepSettings,
} from "../protocol/types.js";
import { sweepReference } from "../reference/sweep.js";
import { columnKey, PAPER_POINT, type SweepAxes } from "../reference/sweep-grid.js";
import type { SweepFigureData, SweepMeasureKey } from "../render/sweep-figure.js";
import type { IsolationRequest } from "../submission/call-result.js";
import { SweepWriteError } from "./refusals.js";
import { SPIKEGRADE_VERSION } from "./version.js";
import { writeAtomic } from "./write-atomic.js";

export interface SweepOptions {
  outDir: string;
  settings: SweepSettings;
  axes: SweepAxes;
  /** Worker threads of the reference's sweep. */
  jobs: number;
  /** `sweep DIR`: the submission to run over the same grid, beside the reference. */
  submission?: { dir: string; timeoutMs: number; isolation?: IsolationRequest };
  /** Told after each grid point or batch of them. */
  onProgress?: (stage: "reference" | "submission", done: number, total: number) => void;
}

export interface SweepOutcome {
  document: SweepDocument;
  /** sweep.json and the two figures, as written. */
  files: string[];
  /** Why the submission's maps stop short, if they do. */
  submissionError?: string;
}

const MAP_IDS: readonly SweepMapId[] = ["sd-tau", "sd-noise"];

/** The file of each map's figure in the output folder. */
const FIGURE_FILES: Record<SweepMapId, string> = {
  "sd-tau": "sweep-sd-tau.png",
  "sd-noise": "sweep-sd-noise.png",
};

/**
 * `spikegrade sweep [DIR]`: the reference's maps over the grid (and, given a submission, its maps
 * over the same grid), written to outDir as sweep.json and one figure per map.
 */
export async function runSweep(options: SweepOptions): Promise<SweepOutcome> {
  const { settings, axes } = options;
  const measuring = sweepReference(settings, axes, MAP_IDS, {
    jobs: options.jobs,
    onProgress: (done, total) => options.onProgress?.("reference", done, total),
  });
  // The drawing library (Skia, fonts) loads while the workers start and measure, not before.
  const renderer = loadRenderer();
  // Awaited below; a failure to load is reported there, not as an unhandled rejection meanwhile.
  renderer.catch(() => undefined);
  const reference = await measuring;
  const maps: SweepMapDocument[] = reference.map(({ id, measures }) => ({
    id,
    source: "reference",
    ...cellsOf(id, axes, measures),
  }));
  let submissionError: string | undefined;
  if (options.submission) {
    // Loaded only here: running a submission takes the checks, the schemas and the sandbox, which
    // the reference's sweep has no use for (a tenth of a second of start-up).
    const { sweepSubmission } = await import("./sweep-submission.js");
    const swept = await sweepSubmission(settings, axes, MAP_IDS, {
      ...options.submission,
      onProgress: (done, total) => options.onProgress?.("submission", done, total),
    });
    for (const map of swept.maps) {
      maps.push({
        id: map.id,
        source: "submission",
        team: swept.team,
        ...cellsOf(map.id, axes, map.measures),
        ...(map.error === undefined ? {} : { error: map.error }),
      });
    }
    submissionError = swept.maps.find((map) => map.error !== undefined)?.error;
  }
  const document: SweepDocument = {
    format: "spikegrade-sweep",
    version: 1,
    spikegradeVersion: SPIKEGRADE_VERSION,
    settings,
    paper: { ...PAPER_POINT },
    axes: { sdPa: [...axes.sdPa], tauMs: [...axes.tauMs], noiseSdMv: [...axes.noiseSdMv] },
    maps,
  };
  const files = await writeSweep(options.outDir, document, await renderer);
  return { document, files, ...(submissionError === undefined ? {} : { submissionError }) };
}

type Render = (data: SweepFigureData) => Buffer;

async function loadRenderer(): Promise<Render> {
  return (await import("../render/sweep-figure.js")).renderSweepFigure;
}

/** sweep.json and each map's figure, each written whole; SweepWriteError if they cannot be. */
async function writeSweep(
  outDir: string,
  document: SweepDocument,
  render: Render,
): Promise<string[]> {
  try {
    return await writeFiles(outDir, document, render);
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    if (code === undefined) throw error;
    throw new SweepWriteError(
      `${resolve(outDir)} could not be written (${code}); the sweep ran, but nothing of it was kept: give another --out`,
    );
  }
}

async function writeFiles(
  outDir: string,
  document: SweepDocument,
  render: Render,
): Promise<string[]> {
  const dir = resolve(outDir);
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (const id of MAP_IDS) {
    const path = join(dir, FIGURE_FILES[id]);
    await writeAtomic(path, render(sweepFigureData(document, id)));
    files.push(path);
  }
  const json = join(dir, "sweep.json");
  await writeAtomic(json, formatJson(document));
  files.push(json);
  return files;
}

/** A map's measures as rows of cells (row i: axes.sdPa[i]), 6 decimals, null where NaN or not run. */
function cellsOf(
  id: SweepMapId,
  axes: SweepAxes,
  measures: readonly (PanelMetrics<number> | null)[],
): Record<SweepMeasureKey, SweepCells> {
  const columns = axes[columnKey(id)].length;
  const rows = (key: SweepMeasureKey): SweepCells =>
    axes.sdPa.map((_, i) =>
      measures.slice(i * columns, (i + 1) * columns).map((m) => {
        const value = m?.[key];
        return value === undefined || !Number.isFinite(value) ? null : Number(value.toFixed(6));
      }),
    );
  return {
    reliability: rows("reliability"),
    precisionMs: rows("precisionMs"),
    rcorr: rows("rcorr"),
    rateHz: rows("rateHz"),
  };
}

/** What the figure of one map draws: the reference's row, and the submission's under it. */
export function sweepFigureData(document: SweepDocument, id: SweepMapId): SweepFigureData {
  const { settings, paper, axes } = document;
  const rows = document.maps
    .filter((map) => map.id === id)
    .map((map) => ({
      label: map.source === "reference" ? "Reference LIF" : `Submission: ${map.team ?? ""}`,
      cells: {
        reliability: map.reliability,
        precisionMs: map.precisionMs,
        rcorr: map.rcorr,
        rateHz: map.rateHz,
      },
      ...(map.error === undefined ? {} : { note: `stopped: ${map.error}` }),
    }));
  const run = `${settings.trials} trials of ${settings.durationMs} ms at dt ${settings.dtMs} ms; frozen OU current, mean ${settings.meanPa} pA from ${settings.onsetMs} to ${settings.offsetMs} ms (seed ${settings.stimulusSeed}); noise seed ${settings.noiseSeed}`;
  if (id === "sd-tau") {
    return {
      title: "Spike timing over the input current's amplitude and correlation time",
      subtitle: `Intrinsic noise ${settings.noiseSdMv} mV; ${run}`,
      x: { label: "Correlation time of the input (ms)", values: axes.tauMs },
      y: { label: "Input SD (pA)", values: axes.sdPa },
      mark: {
        x: paper.tauMs,
        y: paper.sdPa,
        label: `Mainen & Sejnowski's Figure 1B: SD ${paper.sdPa} pA, correlation time ${paper.tauMs} ms`,
      },
      rows,
    };
  }
  return {
    title: "Spike timing over the input current's amplitude and the neuron's intrinsic noise",
    subtitle: `Correlation time ${settings.tauMs} ms; ${run}`,
    x: { label: "Intrinsic noise SD (mV)", values: axes.noiseSdMv },
    y: { label: "Input SD (pA)", values: axes.sdPa },
    mark: {
      x: paper.noiseSdMv,
      y: paper.sdPa,
      label: `Figure 1B with the reference's noise: SD ${paper.sdPa} pA, noise ${paper.noiseSdMv} mV`,
    },
    rows,
  };
}
