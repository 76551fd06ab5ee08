/**
 * The messages between the grader and its worker processes, over Node's IPC channel (JSON):
 * the grader sends one job at a time; the worker answers with its value, or with the message of
 * what it threw (a worker that dies says nothing: the pool tells that from its exit).
 */
export type ToWorker<J> = { kind: "job"; id: number; job: J };

export type FromWorker<R> =
  | { kind: "done"; id: number; value: R }
  | { kind: "failed"; id: number; message: string };

/**
 * Makes this process a worker: each job is handed to handler, one at a time, and its value sent
 * back. When the grader goes away (its channel closes, as when it is killed), the worker exits,
 * so that no orphan keeps writing into the output folder.
 */
export function serveJobs<J, R>(handler: (job: J) => Promise<R>): void {
  if (process.send === undefined) {
    throw new Error("a grading worker runs only as a child process of the grader, with IPC");
  }
  const send = (message: FromWorker<R>) => process.send?.(message);
  let queue: Promise<void> = Promise.resolve();
  process.on("message", (message: ToWorker<J>) => {
    if (message?.kind !== "job") return;
    queue = queue.then(async () => {
      try {
        send({ kind: "done", id: message.id, value: await handler(message.job) });
      } catch (error) {
        send({
          kind: "failed",
          id: message.id,
          message: error instanceof Error ? error.message : String(error),
        });
      }
    });
  });
  process.on("disconnect", () => process.exit(0));
  // process.exit runs the simulators' exit hooks, which end their process groups.
  process.on("SIGTERM", () => process.exit(143));
}
