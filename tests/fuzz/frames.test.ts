/**
 * Fuzzing the frame decoder of the runner channel (src/submission/frames.ts): whatever bytes a
 * simulator's process writes, in whatever chunks, FrameDecoder.push returns exactly the frames a
 * byte-by-byte reading of the stream finds, and throws only FrameTooLargeError, as soon as a
 * header announces more than its limit (simulator.ts then stops the process).
 */

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  encodeFrame,
  FRAME_HEADER_BYTES,
  FrameDecoder,
  FrameTooLargeError,
  MAX_FRAME_BYTES,
} from "../../src/submission/frames.js";
import { fuzz } from "./fuzz.js";

/** What a stream holds so far, read naively: its complete frames, and whether a header is too large. */
function readStream(stream: Buffer, maxBytes: number): { bodies: string[]; tooLarge: boolean } {
  const bodies: string[] = [];
  let at = 0;
  while (stream.length - at >= FRAME_HEADER_BYTES) {
    const length = stream.readUInt32BE(at);
    if (length > maxBytes) return { bodies, tooLarge: true };
    if (stream.length - at - FRAME_HEADER_BYTES < length) break;
    bodies.push(stream.toString("utf8", at + FRAME_HEADER_BYTES, at + FRAME_HEADER_BYTES + length));
    at += FRAME_HEADER_BYTES + length;
  }
  return { bodies, tooLarge: false };
}

/** Cuts bytes into chunks at the given fractions of its length. */
function cut(bytes: Buffer, fractions: readonly number[]): Buffer[] {
  const points = [...new Set(fractions.map((f) => Math.floor(f * bytes.length)))].sort(
    (a, b) => a - b,
  );
  const chunks: Buffer[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.subarray(from, point));
    from = point;
  }
  return chunks;
}

const fractions = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 });
const LIMIT = 64;

/** A frame as a runner writes it (a body of at most LIMIT bytes), or bytes as anything else might. */
const piece = fc.oneof(
  { arbitrary: fc.string({ maxLength: 20 }).map((text) => encodeFrame(text)), weight: 6 },
  { arbitrary: fc.constant(encodeFrame("")), weight: 1 },
  {
    arbitrary: fc.uint8Array({ maxLength: 3 }).map((b) => Buffer.from([0, 0, 0, ...b])),
    weight: 1,
  },
  {
    arbitrary: fc.uint8Array({ minLength: 1, maxLength: 12 }).map((b) => Buffer.from(b)),
    weight: 1,
  },
  {
    arbitrary: fc.integer({ min: LIMIT + 1, max: 2 ** 32 - 1 }).map((length) => {
      const header = Buffer.alloc(FRAME_HEADER_BYTES);
      header.writeUInt32BE(length, 0);
      return header;
    }),
    weight: 1,
  },
);

describe("fuzz: the frame decoder", () => {
  it("1000 random byte streams (frames, stray bytes, oversized headers) in random chunks decode exactly as a byte-by-byte reading, or throw FrameTooLargeError when it says so", () => {
    fuzz(fc.tuple(fc.array(piece, { maxLength: 8 }), fractions), 1000, ([pieces, at]) => {
      const stream = Buffer.concat(pieces);
      const decoder = new FrameDecoder(LIMIT);
      const received: string[] = [];
      let seen = 0;
      for (const chunk of cut(stream, at)) {
        const before = readStream(stream.subarray(0, seen), LIMIT);
        seen += chunk.length;
        const after = readStream(stream.subarray(0, seen), LIMIT);
        let bodies: string[];
        try {
          bodies = decoder.push(chunk);
        } catch (error) {
          expect(error).toBeInstanceOf(FrameTooLargeError);
          expect((error as Error).message).toMatch(
            /^a message of \d+ bytes is over the \d+ byte limit$/,
          );
          expect(before.tooLarge).toBe(false);
          expect(after.tooLarge).toBe(true);
          expect(received).toEqual(before.bodies);
          return; // simulator.ts stops the process here
        }
        received.push(...bodies);
        expect(after.tooLarge).toBe(false);
        expect(received).toEqual(after.bodies);
      }
    });
  });

  it("300 random lists of UTF-8 bodies, cut anywhere, come back whole and in order", () => {
    fuzz(
      fc.tuple(
        fc.array(fc.string({ unit: "grapheme", maxLength: 30 }), { maxLength: 10 }),
        fractions,
      ),
      300,
      ([texts, at]) => {
        const decoder = new FrameDecoder();
        const received: string[] = [];
        for (const chunk of cut(Buffer.concat(texts.map((text) => encodeFrame(text))), at)) {
          received.push(...decoder.push(chunk));
        }
        expect(received).toEqual(texts);
      },
    );
  });

  it("200 random headers: one over the 256 MiB limit is refused on its fourth byte, before any body is buffered; one under it waits for its body", () => {
    fuzz(fc.integer({ min: 0, max: 2 ** 32 - 1 }), 200, (length) => {
      const header = Buffer.alloc(FRAME_HEADER_BYTES);
      header.writeUInt32BE(length, 0);
      const decoder = new FrameDecoder();
      expect(decoder.push(header.subarray(0, 3))).toEqual([]);
      if (length > MAX_FRAME_BYTES) {
        expect(() => decoder.push(header.subarray(3))).toThrow(FrameTooLargeError);
      } else {
        expect(decoder.push(header.subarray(3))).toEqual(length === 0 ? [""] : []);
      }
    });
  });
});
