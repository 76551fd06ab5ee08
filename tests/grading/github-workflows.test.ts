import { execFileSync, spawnSync } from "node:child_process";
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
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GRADING_WORKFLOW, STUDENT_WORKFLOW, TARBALL } from "../../src/grading/github-classroom.js";
import { teamFromFolder } from "../../src/submission/init.js";
import { ROOT, runCli } from "../helpers/cli.js";
import { checkout, type Machine, readWorkflow, runJob } from "../helpers/workflow-runner.js";
import { HAS_BUBBLEWRAP } from "../submission/helpers.js";

// The two GitHub Classroom workflows that `init --ci github` and `init-classroom` write, run on
// this machine (tests/helpers/workflow-runner.ts): every `run:` step for real, spikegrade
// installed by the workflow's own step from the tarball init packed, the actions replaced by
// their effects. Replaced steps: installing numpy, scipy and bubblewrap (this machine has them)
// and cloning the class (it needs GitHub: its stand-in lays the repositories out as
// `gh classroom clone student-repos` does, <directory>/<assignment slug>-submissions/<repo>/).
const scratch = mkdtempSync(join(tmpdir(), "spikegrade-github-"));
const starter = join(scratch, "starter");
const grading = join(scratch, "grading");
const SECRET = "the course secret of this test, 0123456789abcdef";
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let runs = 0;
/** A fresh runner: its own artifacts and its own npm prefix for `npm install --global`. */
function machine(artifacts: string, extra: Partial<Machine> = {}): Machine {
  runs += 1;
  const prefix = join(scratch, `prefix-${runs}`);
  return {
    artifacts,
    env: { PATH: `${join(prefix, "bin")}:${process.env.PATH}`, npm_config_prefix: prefix },
    secrets: {},
    inputs: {},
    ...extra,
  };
}

const nothing = () => {};

beforeAll(() => {
  expect(existsSync(join(ROOT, "dist/cli/main.js")), "dist/ is missing: run npm run build").toBe(
    true,
  );
  const init = runCli(["init", starter, "--language", "python", "--ci", "github"]);
  expect(init.code, init.stderr).toBe(0);
  const classroom = runCli(["init-classroom", grading, "--shards", "2"]);
  expect(classroom.code, classroom.stderr).toBe(0);
}, 300_000);

describe("init --ci github and init-classroom", () => {
  it("write the workflows, and this spikegrade packed beside them", () => {
    for (const file of [
      ".gitignore",
      STUDENT_WORKFLOW,
      TARBALL,
      "submission.json",
      "simulator.py",
    ]) {
      expect(existsSync(join(starter, file)), file).toBe(true);
    }
    expect(readFileSync(join(starter, ".gitignore"), "utf8")).toContain(".spikegrade/");
    for (const file of [GRADING_WORKFLOW, TARBALL])
      expect(existsSync(join(grading, file))).toBe(true);
    const listing = execFileSync("tar", ["-tzf", join(starter, TARBALL)], { encoding: "utf8" });
    expect(listing).toContain("package/dist/cli/main.js");
    expect(listing).toContain("package/reference/rubric.json");
    // An installed spikegrade writes these workflows too: their templates ship in the package.
    expect(listing).toContain("package/src/grading/github/student-workflow.yml");
    expect(listing).toContain("package/src/grading/github/grading-workflow.yml");
  });

  it("refuse what would overwrite a file, and write nothing then (exit 2)", () => {
    const dir = join(scratch, "half");
    mkdirSync(join(dir, ".github/workflows"), { recursive: true });
    writeFileSync(join(dir, STUDENT_WORKFLOW), "mine\n");
    const init = runCli(["init", dir, "--language", "python", "--ci", "github", "--package", "x"]);
    expect(init.code).toBe(2);
    expect(init.stderr).toContain(`${join(dir, STUDENT_WORKFLOW)} already exists`);
    expect(readdirSync(dir)).toEqual([".github"]);
    expect(readFileSync(join(dir, STUDENT_WORKFLOW), "utf8")).toBe("mine\n");
    const again = runCli(["init-classroom", grading, "--package", "x"]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("already exists");
  });

  it("take --package as where the workflow installs from, and then pack nothing", () => {
    const spec = "https://course.example.org/spikegrade-0.1.0.tgz";
    const dir = join(scratch, "served");
    const init = runCli([
      "init",
      dir,
      "--language",
      "notebook",
      "--ci",
      "github",
      "--package",
      spec,
    ]);
    expect(init.code, init.stderr).toBe(0);
    expect(existsSync(join(dir, TARBALL))).toBe(false);
    expect(
      readWorkflow(readFileSync(join(dir, STUDENT_WORKFLOW), "utf8")).env?.SPIKEGRADE_PACKAGE,
    ).toBe(spec);
  });

  it("refuse --package without --ci, and shards out of range (exit 2)", () => {
    const init = runCli(["init", join(scratch, "x"), "--language", "python", "--package", "y"]);
    expect(init.code).toBe(2);
    expect(init.stderr).toContain("it goes with --ci github");
    expect(existsSync(join(scratch, "x"))).toBe(false);
    expect(runCli(["init-classroom", join(scratch, "y"), "--shards", "0"]).code).toBe(2);
    const many = runCli(["init-classroom", join(scratch, "y"), "--shards", "65"]);
    expect(many.code).toBe(2);
    expect(many.stderr).toContain("--shards must be a whole number from 1 to 64");
  });
});

describe("the student workflow, run on a push", () => {
  const workflow = () => readWorkflow(readFileSync(join(starter, STUDENT_WORKFLOW), "utf8"));
  const standIns = { "Install numpy and scipy": nothing };

  it("fails on the starter, with the checklist in the summary and the report kept", {
    timeout: 600_000,
  }, () => {
    const artifacts = join(scratch, "artifacts-starter");
    const workspace = checkout(starter, join(scratch, "push-starter"));
    const run = runJob(workflow(), "check", machine(artifacts), { workspace, standIns });
    const outcome = Object.fromEntries(run.steps.map((s) => [s.name, s.outcome]));
    expect(outcome).toEqual({
      "Check out the submission": "success",
      "Set up Node.js 20": "success",
      "Set up Python 3": "success",
      "Install numpy and scipy": "success",
      "Install spikegrade": "success",
      "Run the public checks": "failure",
      "Keep the report": "success",
      "Link the report from the summary": "success",
    });
    expect(run.conclusion).toBe("failure");
    expect(run.summary).toContain("## spikegrade check: starter");
    expect(run.summary).toContain("| ❌ FAIL | manifest |");
    expect(run.summary).toContain("TODO: write make_stimulus");
    expect(run.summary).toMatch(/\[Download the report\]\(file:\/\/.*spikegrade-report\)/);
    expect(existsSync(join(artifacts, "spikegrade-report", "report.html"))).toBe(true);
  });

  it("passes on a faithful simulator, with every check passed in the summary", {
    timeout: 600_000,
  }, () => {
    const artifacts = join(scratch, "artifacts-faithful");
    const workspace = checkout(starter, join(scratch, "push-faithful"));
    cpSync(join(ROOT, "submissions/example-python"), workspace, { recursive: true });
    const run = runJob(workflow(), "check", machine(artifacts), { workspace, standIns });
    const checks = run.steps.find((s) => s.name === "Run the public checks");
    expect(checks?.outcome, checks?.output).toBe("success");
    expect(run.conclusion).toBe("success");
    expect(run.summary).toMatch(/\*\*Score (\d+)\/\1 — every check passed\*\*/);
    expect(run.summary).not.toContain("❌");
    const report = readdirSync(join(artifacts, "spikegrade-report"));
    expect(report).toContain("report.html");
    expect(report.filter((name) => name.endsWith(".png")).length).toBeGreaterThan(0);
  });
});

describe("the grading workflow, run by hand on the bundled examples", () => {
  const workflow = () => readWorkflow(readFileSync(join(grading, GRADING_WORKFLOW), "utf8"));
  const artifacts = join(scratch, "artifacts-class");
  const repositories = {
    "figure-1-Example_Python": "example-python",
    "figure-1-example.notebook": "example-notebook",
    "Figure-1--EXAMPLE-results": "example-results",
    "figure-1-example-typescript": "example-typescript",
  };
  const inputs = { assignment: "652011", hidden: true };
  const secrets = {
    CLASSROOM_TOKEN: "a token of the organisation's owner",
    SPIKEGRADE_SECRET: SECRET,
  };

  /** `gh classroom clone student-repos --directory cloned`: one git clone per repository. */
  function cloneClass({ workspace, env }: { workspace: string; env: Record<string, string> }) {
    expect(env.GH_TOKEN).toBe(secrets.CLASSROOM_TOKEN);
    expect(env.ASSIGNMENT).toBe(inputs.assignment);
    for (const [repo, example] of Object.entries(repositories)) {
      const clone = join(workspace, "cloned", "figure-1-submissions", repo);
      cpSync(join(ROOT, "submissions", example), clone, { recursive: true });
      const git = (...args: string[]) => execFileSync("git", args, { cwd: clone, stdio: "pipe" });
      git("init", "-q");
      git("add", ".");
      git(
        "-c",
        "user.name=Student",
        "-c",
        "user.email=s@example.org",
        "commit",
        "-q",
        "-m",
        "work",
      );
    }
  }

  // The shards grade under --isolation bubblewrap, whose install step is replaced here: on a
  // machine without it (a newcomer's `npm test` before .ci/run installed it) this is skipped, as
  // the sandbox's own tests are, instead of failing on what the machine lacks.
  it.skipIf(!HAS_BUBBLEWRAP)(
    "clones, grades in 2 shards with the hidden checks, and merges the gradebook",
    () => {
      const collect = runJob(workflow(), "collect", machine(artifacts, { secrets, inputs }), {
        workspace: mkdtempSync(join(scratch, "collect-")),
        standIns: { "Clone the assignment's repositories": cloneClass },
      });
      expect(collect.conclusion, JSON.stringify(collect.steps)).toBe("success");
      const teams = Object.keys(repositories).map(teamFromFolder).sort();
      expect(readdirSync(join(artifacts, "class")).sort()).toEqual(teams);
      expect(existsSync(join(artifacts, "class", teams[0], ".git"))).toBe(false);
      expect(collect.summary.match(/\| [0-9a-f]{40} \|/g)).toHaveLength(4);

      for (const shard of [1, 2]) {
        const grade = runJob(workflow(), "grade", machine(artifacts, { secrets, inputs }), {
          workspace: checkout(grading, join(scratch, `grade-${shard}`)),
          matrix: { shard },
          jobTotal: 2,
          standIns: { "Install bubblewrap, numpy and scipy": nothing },
        });
        expect(grade.conclusion, JSON.stringify(grade.steps)).toBe("success");
        expect(readdirSync(join(artifacts, `graded-part-${shard}-of-2`))).toContain(
          `gradebook.part-${shard}-of-2.json`,
        );
      }

      const merge = runJob(workflow(), "merge", machine(artifacts, { secrets, inputs }), {
        workspace: checkout(grading, join(scratch, "merge")),
        needs: { collect: { result: "success" }, grade: { result: "success" } },
      });
      expect(merge.conclusion, JSON.stringify(merge.steps)).toBe("success");
      expect(merge.summary).toContain("### spikegrade merge");
      expect(merge.summary).toContain("Merged 2 files: 4 teams");
      const gradebook = JSON.parse(
        readFileSync(join(artifacts, "gradebook", "gradebook.json"), "utf8"),
      );
      expect(gradebook.teams.map((t: { team: string }) => t.team)).toEqual(teams);
      expect(gradebook.checks.some((c: { visibility: string }) => c.visibility === "hidden")).toBe(
        true,
      );
      // The instructor's side of each team (OUT/.instructor, a dot-folder) reached the gradebook.
      for (const team of teams) {
        expect(existsSync(join(artifacts, "gradebook", ".instructor", team, "result.json"))).toBe(
          true,
        );
      }
      // Every simulator ran the hidden checks, and the course secret is in no artifact.
      const grep = spawnSync("grep", ["-rlF", SECRET, artifacts], { encoding: "utf8" });
      expect(grep.status, grep.stdout).toBe(1);

      // A grading job that failed leaves its part out: merge joins the rest, and fails saying so.
      const partial = join(scratch, "artifacts-partial");
      cpSync(join(artifacts, "graded-part-1-of-2"), join(partial, "graded-part-1-of-2"), {
        recursive: true,
      });
      const incomplete = runJob(workflow(), "merge", machine(partial, { secrets, inputs }), {
        workspace: checkout(grading, join(scratch, "merge-partial")),
        needs: { collect: { result: "success" }, grade: { result: "failure" } },
      });
      expect(incomplete.conclusion).toBe("failure");
      expect(incomplete.summary).toContain("Incomplete: no part for shard 2/2");
      expect(existsSync(join(partial, "gradebook", "gradebook.json"))).toBe(true);
    },
    1_800_000,
  );

  /** The collect job on repositories of these names, each a bare submission; its run. */
  function collectRepositories(label: string, names: string[]) {
    const lay = ({ workspace }: { workspace: string }) => {
      for (const name of names) {
        const clone = join(workspace, "cloned", "figure-1-submissions", name);
        mkdirSync(clone, { recursive: true });
        writeFileSync(join(clone, "submission.json"), "{}\n");
        const git = (...args: string[]) => execFileSync("git", args, { cwd: clone, stdio: "pipe" });
        git("init", "-q");
        git("add", ".");
        git("-c", "user.name=S", "-c", "user.email=s@example.org", "commit", "-q", "-m", "w");
      }
    };
    const at = join(scratch, `artifacts-${label}`);
    const run = runJob(workflow(), "collect", machine(at, { secrets, inputs }), {
      workspace: mkdtempSync(join(scratch, `collect-${label}-`)),
      standIns: { "Clone the assignment's repositories": lay },
    });
    return { run, artifacts: at };
  }

  it("names each repository's folder as spikegrade names a team, and stops where two collide", () => {
    const names = [
      "Figure-1-Ada_Lovelace",
      "figure-1-ALAN.turing",
      `_Fig.1--${"a".repeat(54)}-.-results`, // a leading _, cut at 64, then a trailing - dropped
    ];
    const { run, artifacts: laid } = collectRepositories("names", names);
    expect(run.conclusion, JSON.stringify(run.steps)).toBe("success");
    expect(readdirSync(join(laid, "class")).sort()).toEqual(names.map(teamFromFolder).sort());

    const clash = collectRepositories("clash", ["Figure-1-Ada", "figure-1-ada"]);
    expect(clash.run.conclusion).toBe("failure");
    // Which of the two comes second is the shell's sort order, which the locale decides.
    expect(clash.run.steps[1].output).toContain(
      "::error::Two repositories make the team figure-1-ada",
    );
    const none = collectRepositories("none", []);
    expect(none.run.steps[1].output).toContain("::error::No repository was cloned");
  });

  it("says which repository secret to add when one is missing", () => {
    const noToken = runJob(
      workflow(),
      "collect",
      machine(join(scratch, "artifacts-no-token"), { inputs }),
      {
        workspace: mkdtempSync(join(scratch, "collect-no-token-")),
      },
    );
    expect(noToken.conclusion).toBe("failure");
    expect(noToken.steps[0].output).toContain("::error::Add the repository secret CLASSROOM_TOKEN");
    expect(noToken.steps.map((s) => s.outcome)).toEqual(["failure", "skipped", "skipped"]);

    const noSecretArtifacts = join(scratch, "artifacts-no-secret");
    mkdirSync(join(noSecretArtifacts, "class"), { recursive: true });
    const noSecret = runJob(workflow(), "grade", machine(noSecretArtifacts, { inputs }), {
      workspace: checkout(grading, join(scratch, "grade-no-secret")),
      matrix: { shard: 1 },
      jobTotal: 2,
      standIns: { "Install bubblewrap, numpy and scipy": nothing },
    });
    const gradeStep = noSecret.steps.find((s) => s.name.startsWith("Grade part"));
    expect(gradeStep?.outcome).toBe("failure");
    expect(gradeStep?.output).toContain("::error::Add the repository secret SPIKEGRADE_SECRET");
  }, 600_000);
});
