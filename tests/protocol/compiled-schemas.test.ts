import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMPILED_DIR, compiledSchemaModules } from "../../dev/compile-schemas.js";

// spikegrade validates with ajv's code compiled from reference/schema/ at build time: a schema
// changed without `npm run schemas` would be checked by its old version.
describe("the compiled schema validators", () => {
  it("are what npm run schemas writes from reference/schema/ now", { timeout: 60_000 }, () => {
    for (const [file, source] of Object.entries(compiledSchemaModules())) {
      const committed = readFileSync(join(COMPILED_DIR, file), "utf8");
      expect(committed === source, `${file} lags reference/schema/: run npm run schemas`).toBe(
        true,
      );
    }
  });
});
