// Lets plain `node` run spikegrade's TypeScript sources without a build:
// `node --import ./dev/register.mjs file.ts`. esbuild strips the types on load.
// Users: the npm scripts (bench, validity, load, hostile), the tests that spawn the CLI from
// src/cli/main.ts, and src/grading/pool.ts, which starts a worker module written in TypeScript
// (grade-worker.ts when gradeClass itself runs from source, as under vitest) through it.
// Development only: the published package runs the compiled dist/ and never needs it.
import { register } from "node:module";

register("./ts-loader.mjs", import.meta.url);
