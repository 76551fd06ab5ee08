import { progressBar } from "./progress.js";

/** At most this often the bar is redrawn, ms: a fast sweep reports hundreds of batches a second. */
const REDRAW_MS = 100;

/**
 * The sweep's progress on a terminal: one bar redrawn in place, for the reference's grid points
 * and then the submission's. Elsewhere (a log, CI) nothing: the command's first and last lines say
 * what ran.
 */
export class SweepProgress {
  private readonly started = Date.now();
  private stageStarted = Date.now();
  private stage = "";
  private drawnAt = 0;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly tty: boolean,
  ) {}

  update(stage: "reference" | "submission", done: number, total: number): void {
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
      unit: `grid points (${stage})`,
    });
    const columns = (this.stream as { columns?: number }).columns;
    this.stream.write(`\r\u001b[2K${columns ? bar.slice(0, columns - 1) : bar}`);
  }

  /** Clears the bar: the summary follows. */
  finish(): void {
    if (this.tty && this.stage !== "") this.stream.write("\r\u001b[2K");
  }
}
