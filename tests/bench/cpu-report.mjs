// Loaded into spikegrade's own Node processes by the benchmarks (NODE_OPTIONS=--import this file;
// the pool's workers inherit the environment, the students' simulators never do): at exit, one
// JSON line in $SPIKEGRADE_BENCH_CPU_LOG with the process's own CPU time, every thread of it and
// none of its children, so that the grader's CPU is told apart from the simulators' it waited for.
import { appendFileSync } from "node:fs";

const log = process.env.SPIKEGRADE_BENCH_CPU_LOG;
if (log) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    const line = {
      pid: process.pid,
      script: process.argv[1] ?? "",
      cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
      maxRssKiB: usage.maxRSS,
    };
    appendFileSync(log, `${JSON.stringify(line)}\n`);
  });
}
