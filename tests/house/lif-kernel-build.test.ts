import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assemble } from "../../dev/build-wasm.mjs";

// The reference LIF's WebAssembly kernel is built from its text by `npm run build` (npm ci runs
// it), never committed: the same text must give the same bytes, and the built file must be the
// current text's (an edit of lif-kernel.wat without a build would test a stale kernel).
const root = join(import.meta.dirname, "../..");
const text = join(root, "src/model/lif-kernel.wat");

describe("src/model/lif-kernel.wasm", () => {
  it("is assembled byte for byte the same from lif-kernel.wat, and the built file is the text's", async () => {
    const first = await assemble(text);
    const second = await assemble(text);
    expect(first.equals(second)).toBe(true);
    const built = readFileSync(join(root, "src/model/lif-kernel.wasm"));
    const stale = "src/model/lif-kernel.wasm is stale: run `npm run build`";
    expect(built.equals(first), stale).toBe(true);
  });
});
