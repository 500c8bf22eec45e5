/**
 * Our own seeded pseudo-random generator: xoshiro128** (Blackman & Vigna), seeded through
 * SplitMix32. Deterministic across platforms and threads: the same (seed, stream) always gives the
 * same numbers. Used by the digit data (generation, splits), the minibatch shuffles, the task envs.
 *
 * Streams: env i of a vector env seeded with s draws from `new Rng(s, i)`, so its numbers do not
 * depend on how envs are spread over workers; data and training use their own fixed streams.
 */
import { assertInt } from "../errors.js";

/** SplitMix32 step: z = (x + 0x9e3779b9); mix with two xor-shift-multiplies. Returns [state, output]. */
function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [next, z >>> 0];
}

/** Derive one 32-bit seed from (seed, stream) by hashing both (seed may be any safe integer >= 0). */
export function deriveSeed(seed: number, stream: number): number {
  let s = 0x6a09e667;
  for (const part of [seed % 0x100000000, Math.floor(seed / 0x100000000), stream % 0x100000000, Math.floor(stream / 0x100000000)]) {
    let out: number;
    [s, out] = splitmix32(s ^ part);
    s = (s + out) | 0;
  }
  return splitmix32(s)[1];
}

export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;

  /** `seed`: integer >= 0 (up to 2^53); `stream`: integer >= 0 selecting an independent sequence. */
  constructor(seed: number, stream = 0) {
    assertInt(seed, "seed", 0);
    assertInt(stream, "stream", 0);
    let st = deriveSeed(seed, stream);
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      let out: number;
      [st, out] = splitmix32(st);
      words.push(out | 0);
    }
    [this.s0, this.s1, this.s2, this.s3] = words;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // the all-zero state is a fixed point
  }

  /** A generator with the raw xoshiro128** state (four 32-bit words, not all zero); for tests. */
  static fromState(state: readonly [number, number, number, number]): Rng {
    const r = new Rng(0);
    [r.s0, r.s1, r.s2, r.s3] = state.map((x) => x | 0);
    return r;
  }

  /** Next 32-bit unsigned integer: xoshiro128** output rotl(s1 * 5, 7) * 9. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits: (hi * 2^21 + lo >> 11) / 2^53. */
  next(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Standard normal (Box-Muller, one value per call). */
  normal(): number {
    const u = 1 - this.next(); // (0, 1]
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** 0..n−1 in the order of a Fisher–Yates shuffle driven by `rng`. */
export function shuffled(n: number, rng: Rng): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}
