import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { StageProgress } from "./stage-progress.js";

function written(tty: boolean, run: (p: StageProgress) => void): string {
  const stream = new PassThrough();
  let out = "";
  stream.on("data", (chunk) => {
    out += chunk;
  });
  run(new StageProgress(stream, tty));
  return out;
}

describe("a long command's progress bar", () => {
  it("is drawn in place on a terminal, names what it counts, and is cleared once", () => {
    const out = written(true, (p) => {
      p.update("calibration tasks", 0, 4);
      p.update("calibration tasks", 4, 4);
      p.finish();
      p.finish();
    });
    expect(out).toContain("0/4 calibration tasks");
    expect(out).toContain("4/4 calibration tasks");
    expect(out.split("\r\u001b[2K")).toHaveLength(4);
  });

  it("writes nothing where no one watches (a log, CI)", () => {
    expect(
      written(false, (p) => {
        p.update("grid points (reference)", 1, 2);
        p.finish();
      }),
    ).toBe("");
  });
});
