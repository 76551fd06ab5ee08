// A worker thread of `spikegrade sweep` (started by ./sweep.ts): it measures the grid points it is
// sent, in the order sent, and answers each batch with four numbers a point; "stop" closes its
// port, and the thread ends by itself.
import { parentPort } from "node:worker_threads";
import type { SweepSettings } from "../protocol/types.js";
import { measurePoint, type SweepPoint } from "./sweep-grid.js";

/** A batch of grid points to measure. */
export interface SweepTask {
  id: number;
  settings: SweepSettings;
  points: SweepPoint[];
}

/** The batch's measures: reliability, precisionMs, rcorr and rateHz of each point in turn. */
export interface SweepTaskDone {
  id: number;
  values: Float64Array;
}

parentPort?.on("message", (task: SweepTask | "stop") => {
  if (task === "stop") {
    parentPort?.close();
    return;
  }
  const values = new Float64Array(4 * task.points.length);
  task.points.forEach((point, i) => {
    const m = measurePoint(task.settings, point);
    values.set([m.reliability, m.precisionMs, m.rcorr, m.rateHz], 4 * i);
  });
  const done: SweepTaskDone = { id: task.id, values };
  parentPort?.postMessage(done, [values.buffer]);
});
