// A worker for the pool's tests: each job names what the worker does with it.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { serveJobs } from "../../src/grading/worker-protocol.js";

export type FakeJob =
  | { action: "echo"; value: number }
  | { action: "pid" }
  | { action: "throw" }
  | { action: "exit" }
  | { action: "hang" }
  | { action: "orphan"; pidFile: string };

serveJobs(async (job: FakeJob): Promise<unknown> => {
  switch (job.action) {
    case "echo":
      return job.value;
    case "pid":
      return process.pid;
    case "throw":
      throw new Error("this job cannot be done");
    case "exit":
      process.stderr.write("about to exit\n");
      process.exit(3);
      break;
    case "hang":
      for (;;) {
        // A grader stuck in a computation: no event loop turn, no message.
      }
    case "orphan": {
      // A process of its own that would outlive the worker if the pool killed only the worker.
      const child = spawn("sleep", ["600"], { detached: true, stdio: "ignore" });
      writeFileSync(job.pidFile, String(child.pid));
      await new Promise(() => {});
    }
  }
  return undefined;
});
