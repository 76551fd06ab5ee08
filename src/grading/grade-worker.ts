/**
 * The grader's worker process: `grade` runs this module in child processes (one job, one team,
 * at a time each), so that grading is parallel across cores and a crash while grading one team
 * costs only that team. Not a command of its own.
 */
import { gradeTeam } from "./grade-team.js";
import { serveJobs } from "./worker-protocol.js";

serveJobs(gradeTeam);
