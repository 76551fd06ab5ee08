// The real grading worker, except that it dies on the team "crash-me" and hangs on "hang-me":
// what a grader-side crash or an endless computation looks like to the class.
import { gradeTeam, type TeamJob } from "../../src/grading/grade-team.js";
import { serveJobs } from "../../src/grading/worker-protocol.js";

serveJobs(async (job: TeamJob) => {
  if (job.team === "crash-me") {
    process.stderr.write("Segmentation fault in the grader\n");
    process.exit(7);
  }
  if (job.team === "hang-me") {
    for (;;) {
      // Never yields.
    }
  }
  return gradeTeam(job);
});
