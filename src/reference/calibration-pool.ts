import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { packageRoot } from "../protocol/package-root.js";
import type { CalibrationResult, TaskRunner } from "./calibration-tasks.js";

/**
 * The calibration's tasks over `threads` worker threads: each takes the next task as it finishes
 * one, and every result lands at its task's index, so the results are those of one thread, in
 * the same order, whatever the threads and their speed. onProgress is told after each task.
 */
export function calibrationPool(
  threads: number,
  onProgress?: (done: number, total: number) => void,
): TaskRunner {
  return (tasks) =>
    new Promise<CalibrationResult[]>((resolve, reject) => {
      const results = new Array<CalibrationResult>(tasks.length);
      if (tasks.length === 0) return resolve(results);
      const workers: Worker[] = [];
      let next = 0;
      let done = 0;
      // Asked to stop, each thread ends by itself: terminate() while V8 still compiles on a
      // thread's behalf in the background has crashed the whole process (an assertion in
      // node_platform.cc, seen once in CI). terminate() is kept for a thread that failed.
      const finish = () => Promise.all(workers.map(endWorker));
      const stop = () => Promise.all(workers.map((w) => w.terminate()));
      const give = (worker: Worker) => {
        if (next < tasks.length) {
          worker.postMessage({ index: next, task: tasks[next] });
          next++;
        }
      };
      for (let t = 0; t < Math.max(1, Math.min(threads, tasks.length)); t++) {
        const worker = startWorker();
        workers.push(worker);
        worker.on("message", (message: { index: number; result: CalibrationResult }) => {
          results[message.index] = message.result;
          done++;
          onProgress?.(done, tasks.length);
          if (done === tasks.length) finish().then(() => resolve(results), reject);
          else give(worker);
        });
        worker.on("error", (error) => {
          stop().finally(() => reject(error));
        });
        give(worker);
      }
    });
}

/** Asks a worker to stop and waits until its thread has ended by itself. */
function endWorker(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    worker.once("exit", () => resolve());
    worker.postMessage("stop");
  });
}

/** The worker module: compiled JavaScript, or the TypeScript source through dev/'s loader. */
function startWorker(): Worker {
  const source = import.meta.url.endsWith(".ts");
  const module = new URL(`./calibration-worker.${source ? "ts" : "js"}`, import.meta.url);
  const execArgv = source
    ? ["--import", pathToFileURL(join(packageRoot(), "dev", "register.mjs")).href]
    : [];
  return new Worker(module, { execArgv });
}
