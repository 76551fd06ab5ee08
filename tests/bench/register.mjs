// Lets plain `node` run the TypeScript sources (benchmarks, ad-hoc scripts) without a build:
// `node --import ./tests/bench/register.mjs file.ts`. esbuild strips the types on load.
import { register } from "node:module";

register("./ts-loader.mjs", import.meta.url);
