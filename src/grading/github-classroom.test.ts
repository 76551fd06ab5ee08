import {
  convertWorkflowTemplate,
  NoOperationTraceWriter,
  parseWorkflow,
} from "@actions/workflow-parser";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { InitError } from "../submission/init.js";
import {
  gradingWorkflow,
  packageSpecProblem,
  SHARDS,
  studentWorkflow,
} from "./github-classroom.js";

// The two workflows as YAML (parsed by the `yaml` package) and as GitHub reads them (its own
// parser, @actions/workflow-parser, the one behind GitHub's workflow editor and language
// server): their triggers, permissions, matrix, artifacts and secrets.

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  permissions?: Record<string, string>;
  strategy?: { matrix: { shard: number[] } };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  env: Record<string, string>;
  jobs: Record<string, Job>;
}

/** The errors GitHub's parser finds in a workflow, reading and then converting it. */
async function asGitHubReadsIt(name: string, content: string): Promise<string[]> {
  const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  if (parsed.value !== undefined) await convertWorkflowTemplate(parsed.context, parsed.value);
  return parsed.context.errors.getErrors().map((e) => e.message);
}

const steps = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps);
const PACKAGE = "https://course.example.org/files/spikegrade-0.1.0.tgz?term=2026#v1";

describe("packageSpecProblem", () => {
  it("accepts an npm spec and refuses what cannot be one in a workflow", () => {
    expect(packageSpecProblem("./spikegrade-0.1.0.tgz")).toBeUndefined();
    expect(packageSpecProblem(PACKAGE)).toBeUndefined();
    expect(packageSpecProblem("  ")).toMatch(/empty/);
    expect(packageSpecProblem("a.tgz\nrun: evil")).toMatch(/line break/);
    expect(packageSpecProblem("${{ secrets.SPIKEGRADE_SECRET }}")).toMatch(/GitHub would evaluate/);
  });
});

describe("the student workflow", async () => {
  const text = await studentWorkflow(PACKAGE);
  const workflow = parse(text) as Workflow;

  it("is a workflow GitHub reads without an error", async () => {
    expect(await asGitHubReadsIt("spikegrade.yml", text)).toEqual([]);
    // The same parser does find errors: a step with both uses and run, an unknown key.
    const broken = text.replace(
      "    timeout-minutes: 30",
      "    timeout-minutes: 30\n    stepz: []",
    );
    expect(await asGitHubReadsIt("broken.yml", broken)).toEqual([
      expect.stringMatching(/Unexpected value 'stepz'/),
    ]);
  });

  it("runs on every push, pull request, and by hand, with read access only", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(["pull_request", "push", "workflow_dispatch"]);
    expect(workflow.permissions).toEqual({ contents: "read" });
    expect(workflow.env.SPIKEGRADE_PACKAGE).toBe(PACKAGE);
    expect(text).not.toMatch(/__[A-Z_]+__/);
  });

  it("sets up Node 20 and Python, installs spikegrade, checks, keeps the report whatever the checks said", () => {
    const all = steps(workflow);
    const uses = (name: string) => all.find((s) => s.uses?.startsWith(`${name}@`));
    expect(uses("actions/checkout")).toBeDefined();
    expect(uses("actions/setup-node")?.with).toEqual({ "node-version": "20" });
    expect(uses("actions/setup-python")).toBeDefined();
    const runs = all.flatMap((s) => (s.run ? [s.run] : []));
    expect(runs).toContain("python -m pip install --disable-pip-version-check --quiet numpy scipy");
    expect(runs).toContain('npm install --global --no-audit --no-fund "$SPIKEGRADE_PACKAGE"');
    expect(runs).toContain('spikegrade check . --summary "$GITHUB_STEP_SUMMARY"');
    const report = uses("actions/upload-artifact");
    expect(report?.if).toBe("${{ !cancelled() }}");
    expect(report?.with).toMatchObject({
      name: "spikegrade-report",
      path: ".spikegrade/",
      "include-hidden-files": true,
    });
    expect(all.indexOf(report as Step)).toBeGreaterThan(
      all.findIndex((s) => s.run?.includes("spikegrade check")),
    );
  });
});

describe("the grading workflow", async () => {
  const text = await gradingWorkflow(PACKAGE, 4);
  const workflow = parse(text) as Workflow;
  const { collect, grade, merge } = workflow.jobs;

  it("is a workflow GitHub reads without an error, for any number of shards allowed", async () => {
    expect(await asGitHubReadsIt("spikegrade-grade.yml", text)).toEqual([]);
    for (const shards of [SHARDS.min, 3, SHARDS.max]) {
      const other = parse(await gradingWorkflow(PACKAGE, shards)) as Workflow;
      expect(other.jobs.grade.strategy?.matrix.shard).toEqual(
        Array.from({ length: shards }, (_, i) => i + 1),
      );
    }
    for (const shards of [0, SHARDS.max + 1, 2.5]) {
      await expect(gradingWorkflow(PACKAGE, shards)).rejects.toThrow(InitError);
    }
  });

  it("runs by hand, for an assignment, clone, then grade in shards 1..N, then merge", () => {
    expect(Object.keys(workflow.on)).toEqual(["workflow_dispatch"]);
    expect(workflow.on.workflow_dispatch).toMatchObject({
      inputs: { assignment: { required: true }, hidden: { type: "boolean", default: true } },
    });
    expect(grade.strategy?.matrix.shard).toEqual([1, 2, 3, 4]);
    expect(grade.needs).toBe("collect");
    expect(merge.needs).toEqual(["collect", "grade"]);
    const shardStep = grade.steps.find((s) => s.run?.includes("spikegrade grade"));
    expect(shardStep?.env?.SHARD).toBe("${{ matrix.shard }}/${{ strategy.job-total }}");
    expect(shardStep?.run).toContain('--shard "$SHARD" --isolation bubblewrap');
    expect(
      merge.steps.some((s) => s.run?.includes('spikegrade merge "${folders[@]}" --out gradebook')),
    ).toBe(true);
  });

  it("downloads the artifacts its jobs upload, by the same names", () => {
    const uploads = (job: Job, shard?: number) =>
      job.steps
        .filter((s) => s.uses?.startsWith("actions/upload-artifact@"))
        .map((s) =>
          String(s.with?.name)
            .replace("${{ matrix.shard }}", String(shard))
            .replace("${{ strategy.job-total }}", "4"),
        );
    const gradeParts = [1, 2, 3, 4].flatMap((k) => uploads(grade, k));
    expect(uploads(collect)).toEqual(["class"]);
    expect(gradeParts).toEqual([1, 2, 3, 4].map((k) => `graded-part-${k}-of-4`));
    const downloads = (job: Job) =>
      job.steps.filter((s) => s.uses?.startsWith("actions/download-artifact@"));
    expect(downloads(grade).map((s) => s.with)).toEqual([{ name: "class", path: "class" }]);
    const [parts] = downloads(merge);
    const pattern = new RegExp(`^${String(parts.with?.pattern).replace("*", ".*")}$`);
    expect(
      [...uploads(collect), ...gradeParts, ...uploads(merge)].filter((n) => pattern.test(n)),
    ).toEqual(gradeParts);
  });

  it("gives each secret to the one step that needs it, and the token nothing but reading this repository", () => {
    const users = (secret: string) =>
      Object.entries(workflow.jobs).flatMap(([id, job]) =>
        job.steps.flatMap((s) =>
          Object.entries(s.env ?? {}).flatMap(([name, value]) =>
            value.includes(`secrets.${secret}`) ? [`${id}: ${s.name}: ${name}`] : [],
          ),
        ),
      );
    expect(users("CLASSROOM_TOKEN")).toEqual([
      "collect: Clone the assignment's repositories: GH_TOKEN",
    ]);
    expect(users("SPIKEGRADE_SECRET")).toEqual([
      "grade: Grade part ${{ matrix.shard }} of ${{ strategy.job-total }}: SPIKEGRADE_SECRET",
    ]);
    // Nowhere else: not in a job's or the workflow's env, not in a script, not in an input.
    const withoutStepEnvs = parse(text) as Workflow;
    for (const step of steps(withoutStepEnvs)) delete step.env;
    expect(JSON.stringify(withoutStepEnvs)).not.toContain("secrets.");

    expect(workflow.permissions).toEqual({});
    for (const [id, job] of Object.entries(workflow.jobs)) {
      const checksOut = job.steps.some((s) => s.uses?.startsWith("actions/checkout@"));
      expect(job.permissions, id).toEqual(checksOut ? { contents: "read" } : undefined);
    }
  });

  it("passes values to scripts through env only, never as ${{ }} inside a script", async () => {
    const student = parse(await studentWorkflow(PACKAGE)) as Workflow;
    for (const step of [...steps(workflow), ...steps(student)]) {
      if (step.run !== undefined) expect(step.run, step.name).not.toContain("${{");
    }
  });
});
