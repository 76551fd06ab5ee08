import type { SKRSContext2D } from "@napi-rs/canvas";

/** The 2D context every drawing function takes (the one @napi-rs/canvas gives). */
export type Context = SKRSContext2D;

/** A trace or a spike train: a plain array or a typed array. */
export type Series = ArrayLike<number>;
