/** The wasm bytes of a WebAssembly text file (build-wasm.mjs). */
export function assemble(watPath: string): Promise<Buffer>;
