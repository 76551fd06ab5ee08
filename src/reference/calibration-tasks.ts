import { type Figure1Task, figure1Draw, type OuTask, ouDraw } from "./calibrate-figure1.js";
import { type MatchTask, matchDraw, type RestSdTask, restSdDraw } from "./calibrate-neuron.js";
import { type SingleTask, singleDraw } from "./calibrate-single.js";

/**
 * The calibration's Monte Carlo as independent tasks, each a plain object that crosses to a
 * worker thread and back: one draw of the Figure 1 variants, a batch of single panels, one long OU trace, one frozen current
 * of neuron.match, one scheme's rest SD over its seeds. Each task fixes its own seeds, so its
 * result is the same in any thread and in any order; the spreads fold the results in task order.
 */
export type CalibrationTask = Figure1Task | SingleTask | OuTask | MatchTask | RestSdTask;

/** A task's result: Figure 1's named statistics of each variant, or the numbers of the others. */
export type CalibrationResult = [string, number][][] | number[];

export function runCalibrationTask(task: CalibrationTask): CalibrationResult {
  switch (task.kind) {
    case "figure1":
      return figure1Draw(task);
    case "figure1Single":
      return singleDraw(task);
    case "ou":
      return ouDraw(task);
    case "match":
      return matchDraw(task);
    case "restSd":
      return restSdDraw(task);
  }
}

/** Runs tasks and gives their results in the tasks' order: in this thread, or over workers. */
export type TaskRunner = (tasks: readonly CalibrationTask[]) => Promise<CalibrationResult[]>;

export const IN_THIS_THREAD: TaskRunner = async (tasks) => tasks.map(runCalibrationTask);
