/**
 * The student process's stdout and stderr, as one log with a cap. Past the cap the output is
 * still read (a child blocked on a full pipe would look like a hang) but no longer kept; past
 * the hard limit the owner is told, once, so it can stop the process.
 */

const TAIL_BYTES = 8 * 1024;

type Entry = { output: Buffer } | { note: string };

export class CappedLog {
  private entries: Entry[] = [];
  private kept = 0;
  private seen = 0;
  private lastBytes: Buffer = Buffer.alloc(0);
  private flooded = false;

  /**
   * @param capBytes output bytes kept for the log
   * @param hardLimitBytes total output bytes after which onFlood is called
   */
  constructor(
    private readonly capBytes: number,
    private readonly hardLimitBytes: number,
    private readonly onFlood: () => void,
  ) {}

  /** Output bytes received so far, kept or not. */
  get totalBytes(): number {
    return this.seen;
  }

  append(chunk: Buffer): void {
    this.seen += chunk.length;
    const room = this.capBytes - this.kept;
    if (room > 0) {
      const part = chunk.length <= room ? Buffer.from(chunk) : Buffer.from(chunk.subarray(0, room));
      this.entries.push({ output: part });
      this.kept += part.length;
    }
    this.lastBytes =
      chunk.length >= TAIL_BYTES
        ? Buffer.from(chunk.subarray(chunk.length - TAIL_BYTES))
        : Buffer.concat([this.lastBytes, chunk]).subarray(-TAIL_BYTES);
    if (!this.flooded && this.seen > this.hardLimitBytes) {
      this.flooded = true;
      this.onFlood();
    }
  }

  /** A line of spikegrade's own (not counted against the cap). */
  note(text: string): void {
    this.entries.push({ note: `[spikegrade] ${text}\n` });
  }

  /** The last few KiB of output, kept even past the cap: how a process died is told there. */
  tail(): string {
    return this.lastBytes.toString("utf8");
  }

  text(): string {
    const parts: string[] = [];
    let output: Buffer[] = [];
    const flush = () => {
      if (output.length > 0) parts.push(Buffer.concat(output).toString("utf8"));
      output = [];
    };
    for (const entry of this.entries) {
      if ("output" in entry) {
        output.push(entry.output);
      } else {
        flush();
        parts.push(entry.note);
      }
    }
    flush();
    const dropped = this.seen - this.kept;
    if (dropped > 0) {
      const text = parts.join("");
      const gap = text.endsWith("\n") ? "" : "\n";
      return `${text}${gap}[spikegrade] the log was cut at ${formatBytes(this.capBytes)}; ${formatBytes(dropped)} more output was not kept\n`;
    }
    return parts.join("");
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${trim(bytes / 1024)} KiB`;
  if (bytes < 1024 ** 3) return `${trim(bytes / 1024 ** 2)} MiB`;
  return `${trim(bytes / 1024 ** 3)} GiB`;
}

function trim(value: number): string {
  return value >= 100 ? value.toFixed(0) : Number(value.toPrecision(3)).toString();
}
