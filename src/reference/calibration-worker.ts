import { parentPort } from "node:worker_threads";
import { type CalibrationTask, runCalibrationTask } from "./calibration-tasks.js";

// A worker thread of the calibration pool (calibration-pool.ts): one task at a time, its result
// sent back with the task's index; "stop" closes the port, and the thread ends by itself.
parentPort?.on("message", (message: { index: number; task: CalibrationTask } | "stop") => {
  if (message === "stop") parentPort?.close();
  else parentPort?.postMessage({ index: message.index, result: runCalibrationTask(message.task) });
});
