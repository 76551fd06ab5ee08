/**
 * The framing of the channel between the grader and a runner: each message is a 4-byte
 * big-endian byte length, then that many bytes of UTF-8 JSON. Framing by length, not by line,
 * lets a 10^5-number response through in one piece and never confuses content with framing.
 */

export const FRAME_HEADER_BYTES = 4;

/** The largest message either side accepts, in bytes (a V8 string tops out near 512 MiB). */
export const MAX_FRAME_BYTES = 256 * 1024 * 1024;

export function encodeFrame(json: string): Buffer {
  const body = Buffer.from(json, "utf8");
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + body.length);
  frame.writeUInt32BE(body.length, 0);
  body.copy(frame, FRAME_HEADER_BYTES);
  return frame;
}

export class FrameTooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(`a message of ${bytes} bytes is over the ${MAX_FRAME_BYTES} byte limit`);
  }
}

/**
 * Reassembles frames from the chunks a stream delivers. Chunks are kept in a list and joined
 * once per frame, so a large frame costs one copy, not one per chunk.
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;

  constructor(private readonly maxBytes: number = MAX_FRAME_BYTES) {}

  /** The bodies of every frame completed by this chunk, as UTF-8 text. */
  push(chunk: Buffer): string[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const bodies: string[] = [];
    while (this.buffered >= FRAME_HEADER_BYTES) {
      const length = this.peekLength();
      if (length > this.maxBytes) throw new FrameTooLargeError(length);
      if (this.buffered < FRAME_HEADER_BYTES + length) break;
      const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
      bodies.push(all.toString("utf8", FRAME_HEADER_BYTES, FRAME_HEADER_BYTES + length));
      const rest = all.subarray(FRAME_HEADER_BYTES + length);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.buffered = rest.length;
    }
    return bodies;
  }

  private peekLength(): number {
    const first = this.chunks[0];
    if (first.length >= FRAME_HEADER_BYTES) return first.readUInt32BE(0);
    const joined = Buffer.concat(this.chunks);
    this.chunks = [joined];
    return joined.readUInt32BE(0);
  }
}
