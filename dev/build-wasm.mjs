// Assembles src/model/lif-kernel.wat into src/model/lif-kernel.wasm with wabt (a devDependency),
// and copies it into dist/model/ when dist/ exists. `npm run build` runs it, and so `npm ci`.
// The same source gives the same bytes (no debug names, no timestamps); a test holds the built
// file to its source.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import wabt from "wabt";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The wasm bytes of a WebAssembly text file. */
export async function assemble(watPath) {
  const tools = await wabt();
  const module = tools.parseWat(watPath, readFileSync(watPath, "utf8"));
  try {
    module.resolveNames();
    module.validate();
    return Buffer.from(module.toBinary({ log: false, write_debug_names: false }).buffer);
  } finally {
    module.destroy();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const wasm = await assemble(join(root, "src/model/lif-kernel.wat"));
  writeFileSync(join(root, "src/model/lif-kernel.wasm"), wasm);
  if (existsSync(join(root, "dist"))) {
    mkdirSync(join(root, "dist/model"), { recursive: true });
    copyFileSync(join(root, "src/model/lif-kernel.wasm"), join(root, "dist/model/lif-kernel.wasm"));
  }
}
