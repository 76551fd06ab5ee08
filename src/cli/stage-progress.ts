import { progressBar } from "./progress.js";

/** At most this often the bar is redrawn, ms: a fast sweep reports hundreds of batches a second. */
const REDRAW_MS = 100;

/**
 * A long command's progress on a terminal, stage by stage: one bar redrawn in place (the sweep's
 * reference grid points, then the submission's; the reference's calibration draws). Elsewhere (a
 * log, CI) nothing: the command's first and last lines say what ran.
 */
export class StageProgress {
  private readonly started = Date.now();
  private stageStarted = Date.now();
  private stage = "";
  private drawnAt = 0;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly tty: boolean,
  ) {}

  /** stage names what is counted: "grid points (reference)", "calibration tasks". */
  update(stage: string, done: number, total: number): void {
    if (!this.tty) return;
    const now = Date.now();
    if (stage !== this.stage) {
      this.stage = stage;
      this.stageStarted = now;
    } else if (now - this.drawnAt < REDRAW_MS && done < total) return;
    this.drawnAt = now;
    const stageMs = now - this.stageStarted;
    const bar = progressBar({
      done,
      total,
      failed: 0,
      errors: 0,
      elapsedMs: now - this.started,
      leftMs: done > 0 && done < total ? (stageMs / done) * (total - done) : undefined,
      unit: stage,
    });
    const columns = (this.stream as { columns?: number }).columns;
    this.stream.write(`\r\u001b[2K${columns ? bar.slice(0, columns - 1) : bar}`);
  }

  /** Clears the bar, if one is drawn: what follows is written on a clean line. */
  finish(): void {
    if (this.tty && this.stage !== "") this.stream.write("\r\u001b[2K");
    this.stage = "";
  }
}
