import { parentPort } from "node:worker_threads";
import { type CalibrationTask, runCalibrationTask } from "./calibration-tasks.js";

// A worker thread of the calibration pool (calibration-pool.ts): one task at a time, its result
// sent back with the task's index.
parentPort?.on("message", (message: { index: number; task: CalibrationTask }) => {
  parentPort?.postMessage({ index: message.index, result: runCalibrationTask(message.task) });
});
