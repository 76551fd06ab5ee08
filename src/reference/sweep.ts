import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { packageRoot } from "../protocol/package-root.js";
import type { PanelMetrics, SweepMapId, SweepSettings } from "../protocol/types.js";
import { mapPoints, type SweepAxes, type SweepPoint } from "./sweep-grid.js";
import type { SweepTask, SweepTaskDone } from "./sweep-worker.js";

/** A map's measures, row by row as mapPoints orders its points. */
export interface MapMeasures {
  id: SweepMapId;
  measures: PanelMetrics<number>[];
}

export interface ReferenceSweepOptions {
  /** Worker threads. */
  jobs: number;
  /** Told after each batch: grid points measured so far, of total. */
  onProgress?: (done: number, total: number) => void;
}

/** Points per batch sent to a worker: small enough for a smooth progress bar and a fair split. */
const MAX_BATCH = 16;

/**
 * The reference neuron's maps over the grid, measured on `jobs` worker threads. A point's
 * measures depend on the point alone (its own current, the common noise seed), and the batches
 * are put back in grid order, so the result is the same for any number of workers.
 */
export async function sweepReference(
  settings: SweepSettings,
  axes: SweepAxes,
  ids: readonly SweepMapId[],
  options: ReferenceSweepOptions,
): Promise<MapMeasures[]> {
  const perMap = ids.map((id) => mapPoints(id, axes, settings));
  const points = perMap.flat();
  const values = await measureOnWorkers(settings, points, options);
  let offset = 0;
  return ids.map((id, m) => {
    const measures = perMap[m].map((_, i) => {
      const k = 4 * (offset + i);
      return {
        reliability: values[k],
        precisionMs: values[k + 1],
        rcorr: values[k + 2],
        rateHz: values[k + 3],
      };
    });
    offset += perMap[m].length;
    return { id, measures };
  });
}

/** The worker module beside this one: the .ts source under the development loader, else the build. */
function workerModule(): { url: URL; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith(".ts"))
    return { url: pathToFileURL(join(here, "..", "sweep-worker.js")), execArgv: [] };
  return {
    url: pathToFileURL(join(here, "..", "sweep-worker.ts")),
    execArgv: ["--import", pathToFileURL(join(packageRoot(), "dev", "register.mjs")).href],
  };
}

/** Four measures a point, in the points' order, from a pool of worker threads fed batch by batch. */
function measureOnWorkers(
  settings: SweepSettings,
  points: readonly SweepPoint[],
  options: ReferenceSweepOptions,
): Promise<Float64Array> {
  const out = new Float64Array(4 * points.length);
  const batch = Math.max(1, Math.min(MAX_BATCH, Math.ceil(points.length / (8 * options.jobs))));
  const starts = Array.from({ length: Math.ceil(points.length / batch) }, (_, i) => i * batch);
  const { url, execArgv } = workerModule();
  const workers: Worker[] = [];
  return new Promise<Float64Array>((resolve, reject) => {
    let next = 0;
    let done = 0;
    let finished = false;
    const finish = (error?: Error) => {
      if (finished) return;
      finished = true;
      // Done, each thread is asked to stop and ends by itself (terminate() while V8 compiles in
      // the background for a thread has crashed a process: calibration-pool.ts); a failed run
      // terminates them.
      for (const worker of workers) {
        if (error) void worker.terminate();
        else worker.postMessage("stop");
      }
      if (error) reject(error);
      else resolve(out);
    };
    const feed = (worker: Worker) => {
      if (next >= starts.length) return;
      const start = starts[next];
      const task: SweepTask = { id: next++, settings, points: points.slice(start, start + batch) };
      worker.postMessage(task);
    };
    if (points.length === 0) return finish();
    for (let w = 0; w < Math.min(options.jobs, starts.length); w++) {
      const worker = new Worker(url, { execArgv });
      workers.push(worker);
      worker.on("message", (message: SweepTaskDone) => {
        out.set(message.values, 4 * starts[message.id]);
        done += message.values.length / 4;
        options.onProgress?.(done, points.length);
        if (done === points.length) finish();
        else feed(worker);
      });
      worker.on("error", (error) => finish(error));
      worker.on("exit", (code) => {
        if (!finished)
          finish(new Error(`a sweep worker stopped (exit code ${code}) before the sweep was done`));
      });
      feed(worker);
    }
  });
}
