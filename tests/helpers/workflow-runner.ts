import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { data, Evaluator, Lexer, Parser } from "@actions/expressions";
import { truthy } from "@actions/expressions/result";
import { parse } from "yaml";

// A GitHub Actions job run on this machine, as far as it can be: every `run:` step runs for real
// in bash as GitHub runs a `shell: bash` step (--noprofile --norc -eo pipefail), with the env a
// step gets (the workflow's, the job's and the step's, expressions evaluated by GitHub's own
// expression library, @actions/expressions) and GITHUB_STEP_SUMMARY pointing at a file of its
// own. The actions are replaced by their effects: a checkout is the workspace the test laid
// out, setup-node and setup-python leave the machine's Node and Python, upload-artifact and
// download-artifact copy folders to and from a folder of artifacts. A step this machine cannot
// run (one that needs GitHub, or root to install packages) is replaced by the test, by name.

export interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string | boolean;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string | number | boolean>;
}

export interface Job {
  name?: string;
  needs?: string | string[];
  if?: string | boolean;
  permissions?: Record<string, string>;
  strategy?: { "fail-fast"?: boolean; matrix?: Record<string, unknown[]> };
  env?: Record<string, string | number | boolean>;
  steps: Step[];
}

export interface Workflow {
  name?: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  env?: Record<string, string | number | boolean>;
  defaults?: { run?: { shell?: string } };
  jobs: Record<string, Job>;
}

export function readWorkflow(text: string): Workflow {
  return parse(text) as Workflow;
}

export interface Machine {
  /** Where artifacts are kept between jobs: one folder per artifact, named as it. */
  artifacts: string;
  /** Added to this process's environment for every step (PATH, npm's prefix). */
  env: Record<string, string>;
  secrets: Record<string, string>;
  inputs: Record<string, string | boolean>;
}

export interface JobRun {
  conclusion: "success" | "failure" | "skipped";
  steps: { name: string; outcome: "success" | "failure" | "skipped"; output: string }[];
  /** Every step's summary, in order, as GitHub joins them into the job's. */
  summary: string;
}

/** What a replaced step does instead; it throws to fail. */
export type StandIn = (context: { workspace: string; env: Record<string, string> }) => void;

export interface JobRequest {
  workspace: string;
  matrix?: Record<string, unknown>;
  /** The matrix's size (strategy.job-total). */
  jobTotal?: number;
  needs?: Record<string, { result: string }>;
  /** Steps replaced by the test, by name: the names must all be steps of the job. */
  standIns?: Record<string, StandIn>;
}

interface Status {
  failed: boolean;
}

const CONTEXTS = [
  "github",
  "env",
  "matrix",
  "secrets",
  "inputs",
  "steps",
  "needs",
  "strategy",
  "runner",
  "job",
];

function statusFunctions(status: Status) {
  const fn = (name: string, value: () => boolean) => ({
    name,
    minArgs: 0,
    maxArgs: 0,
    call: () => new data.BooleanData(value()),
  });
  return [
    fn("success", () => !status.failed),
    fn("failure", () => status.failed),
    fn("always", () => true),
    fn("cancelled", () => false),
  ];
}

/** One expression, evaluated as GitHub would with these contexts. */
function evaluate(
  expression: string,
  contexts: Record<string, unknown>,
  status: Status,
): data.ExpressionData {
  const functions = statusFunctions(status);
  const tokens = new Lexer(expression).lex().tokens;
  const tree = new Parser(tokens, CONTEXTS, functions).parse();
  const context = JSON.parse(JSON.stringify(contexts), data.reviver) as data.Dictionary;
  return new Evaluator(tree, context, new Map(functions.map((f) => [f.name, f]))).evaluate();
}

/** A value with every ${{ ... }} replaced by its value, as a string. */
function interpolate(value: unknown, contexts: Record<string, unknown>, status: Status): string {
  return String(value).replace(/\$\{\{([^}]*)\}\}/g, (_, inner: string) =>
    evaluate(inner, contexts, status).coerceString(),
  );
}

/** An `if:` (a bare expression or one in ${{ }}), or success() when there is none. */
function condition(test: unknown, contexts: Record<string, unknown>, status: Status): boolean {
  if (test === undefined) return !status.failed;
  if (typeof test === "boolean") return test;
  const inner = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(String(test));
  return truthy(evaluate(inner ? inner[1] : String(test), contexts, status));
}

function evaluated(
  values: Record<string, unknown> | undefined,
  contexts: Record<string, unknown>,
  status: Status,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values ?? {}))
    out[key] = interpolate(value, contexts, status);
  return out;
}

/**
 * Copies from into to, leaving out dot-entries (from itself too, if it is one) unless hidden, as
 * upload-artifact does; the number of files copied.
 */
function copyTree(from: string, to: string, hidden: boolean): number {
  cpSync(from, to, {
    recursive: true,
    filter: (source) => {
      const rel = source === from ? basename(from) : source.slice(from.length + 1);
      return hidden || !rel.split("/").some((part) => part.startsWith("."));
    },
  });
  if (!existsSync(to)) return 0;
  return readdirSync(to, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

function upload(
  machine: Machine,
  workspace: string,
  inputs: Record<string, string>,
): Record<string, string> {
  const name = inputs.name ?? "artifact";
  const target = join(machine.artifacts, name);
  if (existsSync(target)) throw new Error(`an artifact named ${name} exists already in this run`);
  const source = resolve(workspace, inputs.path);
  const files = existsSync(source)
    ? copyTree(source, target, inputs["include-hidden-files"] === "true")
    : 0;
  if (files === 0) {
    rmSync(target, { recursive: true, force: true });
    if ((inputs["if-no-files-found"] ?? "warn") === "error")
      throw new Error(`no files at ${inputs.path}`);
    return {};
  }
  return { "artifact-id": name, "artifact-url": pathToFileURL(target).href };
}

/**
 * download-artifact: by name, into path; by pattern, each match into path/<its name>, except
 * that a pattern matching one artifact only (or merge-multiple) extracts flat into path, as
 * download-artifact's README says it does.
 */
function download(machine: Machine, workspace: string, inputs: Record<string, string>): void {
  const into = resolve(workspace, inputs.path ?? ".");
  if (inputs.name !== undefined) {
    const source = join(machine.artifacts, inputs.name);
    if (!existsSync(source)) throw new Error(`no artifact named ${inputs.name}`);
    cpSync(source, into, { recursive: true });
    return;
  }
  const pattern = new RegExp(
    `^${(inputs.pattern ?? "*").split("*").map(escapeRegExp).join(".*")}$`,
  );
  const names = (existsSync(machine.artifacts) ? readdirSync(machine.artifacts) : []).filter((n) =>
    pattern.test(n),
  );
  const flat = names.length === 1 || inputs["merge-multiple"] === "true";
  for (const name of names) {
    cpSync(join(machine.artifacts, name), flat ? into : join(into, name), { recursive: true });
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The stand-in of an action: what it leaves behind on this machine; its outputs. */
function action(
  uses: string,
  machine: Machine,
  workspace: string,
  inputs: Record<string, string>,
): Record<string, string> {
  const name = uses.split("@")[0];
  if (name === "actions/checkout") return {}; // the workspace is the checkout
  if (name === "actions/setup-node" || name === "actions/setup-python") return {}; // the machine's
  if (name === "actions/upload-artifact") return upload(machine, workspace, inputs);
  if (name === "actions/download-artifact") {
    download(machine, workspace, inputs);
    return {};
  }
  throw new Error(`no stand-in for the action ${uses}`);
}

/** A `run:` step, in bash as GitHub runs `shell: bash`; its exit code and what it printed. */
function runScript(
  script: string,
  workspace: string,
  env: Record<string, string>,
): { code: number; output: string } {
  const scratch = mkdtempSync(join(tmpdir(), "spikegrade-step-"));
  const file = join(scratch, "step.sh");
  writeFileSync(file, script);
  const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", file], {
    cwd: workspace,
    env,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  rmSync(scratch, { recursive: true, force: true });
  return { code: result.status ?? 1, output: `${result.stdout}${result.stderr}` };
}

function baseEnvironment(
  machine: Machine,
  workspace: string,
  temp: string,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    // Nothing of this test's own spikegrade settings reaches the job.
    if (value !== undefined && !key.startsWith("SPIKEGRADE_")) env[key] = value;
  }
  return {
    ...env,
    ...machine.env,
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: temp,
  };
}

/** Runs job jobId of workflow on this machine, step by step. */
export function runJob(
  workflow: Workflow,
  jobId: string,
  machine: Machine,
  request: JobRequest,
): JobRun {
  const job = workflow.jobs[jobId];
  const standIns = request.standIns ?? {};
  const names = job.steps.map(stepName);
  for (const name of Object.keys(standIns)) {
    if (!names.includes(name)) throw new Error(`job ${jobId} has no step named ${name}`);
  }
  const status: Status = { failed: false };
  const steps: Record<string, { outputs: Record<string, string>; outcome: string }> = {};
  const contexts = (env: Record<string, string>) => ({
    github: { ref: "refs/heads/main", workspace: request.workspace },
    env,
    matrix: request.matrix ?? {},
    secrets: machine.secrets,
    inputs: machine.inputs,
    steps,
    needs: request.needs ?? {},
    strategy: { "job-total": request.jobTotal ?? 1, "job-index": 0, "fail-fast": true },
    runner: { os: "Linux", temp: tmpdir() },
  });
  if (!condition(job.if, contexts({}), status))
    return { conclusion: "skipped", steps: [], summary: "" };
  const temp = mkdtempSync(join(tmpdir(), "spikegrade-runner-"));
  const workflowEnv = evaluated(workflow.env, contexts({}), status);
  const jobEnv = { ...workflowEnv, ...evaluated(job.env, contexts(workflowEnv), status) };
  const run: JobRun = { conclusion: "success", steps: [], summary: "" };
  job.steps.forEach((step, index) => {
    const name = names[index];
    const stepEnv = { ...jobEnv, ...evaluated(step.env, contexts(jobEnv), status) };
    if (!condition(step.if, contexts(stepEnv), status)) {
      run.steps.push({ name, outcome: "skipped", output: "" });
      return;
    }
    const summary = join(temp, `summary-${index}.md`);
    const outputFile = join(temp, `output-${index}`);
    writeFileSync(summary, "");
    writeFileSync(outputFile, "");
    const env = {
      ...baseEnvironment(machine, request.workspace, temp),
      ...stepEnv,
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_OUTPUT: outputFile,
    };
    const result = runStep(step, name, {
      machine,
      request,
      env,
      contexts: contexts(stepEnv),
      status,
    });
    run.steps.push({ name, outcome: result.ok ? "success" : "failure", output: result.output });
    if (!result.ok) status.failed = true;
    if (step.id !== undefined)
      steps[step.id] = { outputs: result.outputs, outcome: result.ok ? "success" : "failure" };
    run.summary += readFileSync(summary, "utf8");
  });
  rmSync(temp, { recursive: true, force: true });
  run.conclusion = status.failed ? "failure" : "success";
  return run;
}

function stepName(step: Step): string {
  return step.name ?? step.uses ?? String(step.run).split("\n")[0];
}

function runStep(
  step: Step,
  name: string,
  at: {
    machine: Machine;
    request: JobRequest;
    env: Record<string, string>;
    contexts: Record<string, unknown>;
    status: Status;
  },
): { ok: boolean; output: string; outputs: Record<string, string> } {
  const standIn = at.request.standIns?.[name];
  try {
    if (standIn !== undefined) {
      standIn({ workspace: at.request.workspace, env: at.env });
      return { ok: true, output: "(replaced by the test)", outputs: {} };
    }
    if (step.uses !== undefined) {
      const inputs = evaluated(step.with, at.contexts, at.status);
      return {
        ok: true,
        output: "",
        outputs: action(step.uses, at.machine, at.request.workspace, inputs),
      };
    }
    const { code, output } = runScript(String(step.run), at.request.workspace, at.env);
    return { ok: code === 0, output, outputs: {} };
  } catch (error) {
    return { ok: false, output: String(error), outputs: {} };
  }
}

/** A fresh folder holding a copy of repository: a checkout of it, for one job. */
export function checkout(repository: string, into: string): string {
  mkdirSync(into, { recursive: true });
  cpSync(repository, into, { recursive: true });
  return into;
}
