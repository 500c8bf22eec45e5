// Seeded initialisers: determinism, bounds, orthogonality.
import { beforeAll, describe, expect, it } from "vitest";
import { initEngine } from "../../src/engine/jax.js";
import { keyFromSeed, orthogonal, splitKey, uniformFanIn } from "../../src/nn/init.js";
import { initDense } from "../../src/nn/dense.js";
import { ConfigError } from "../../src/errors.js";
import { host } from "./reference-ops.js";

beforeAll(async () => {
  await initEngine();
});

function gram(q: Float64Array, rows: number, cols: number, overRows: boolean): number[][] {
  const n = overRows ? cols : rows;
  const g = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) {
    let s = 0;
    if (overRows) for (let i = 0; i < rows; i++) s += q[i * cols + a] * q[i * cols + b];
    else for (let j = 0; j < cols; j++) s += q[a * cols + j] * q[b * cols + j];
    g[a][b] = s;
  }
  return g;
}

describe("initialisers", () => {
  it("orthogonal: QᵀQ = gain²·I for tall, QQᵀ = gain²·I for wide matrices", () => {
    for (const [rows, cols, gain] of [[7, 4, 1], [3, 8, Math.SQRT2]] as const) {
      const q = host(orthogonal(keyFromSeed(11), [rows, cols], gain));
      const g = gram(q, rows, cols, rows >= cols);
      g.forEach((row, a) => row.forEach((v, b) => expect(v).toBeCloseTo(a === b ? gain * gain : 0, 5)));
    }
  });

  it("same seed → same parameters, different seed → different", () => {
    const a = host(initDense(keyFromSeed(1), 5, 3).w);
    const b = host(initDense(keyFromSeed(1), 5, 3).w);
    const c = host(initDense(keyFromSeed(2), 5, 3).w);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    const [k1, k2] = splitKey(keyFromSeed(1), 2);
    expect(Array.from(host(uniformFanIn(k1, [4], 4)))).not.toEqual(Array.from(host(uniformFanIn(k2, [4], 4))));
  });

  it("PyTorch default: U(−1/√fanIn, 1/√fanIn), and orthogonal dense layers with constant bias", () => {
    const w = host(uniformFanIn(keyFromSeed(3), [2000], 25));
    expect(Math.max(...w)).toBeLessThanOrEqual(0.2);
    expect(Math.min(...w)).toBeGreaterThanOrEqual(-0.2);
    expect(Math.max(...w)).toBeGreaterThan(0.19);
    const d = initDense(keyFromSeed(4), 6, 6, { weight: "orthogonal", gain: 2, bias: 0 });
    expect(Array.from(host(d.b))).toEqual([0, 0, 0, 0, 0, 0]);
    const g = gram(host(d.w), 6, 6, true);
    expect(g[0][0]).toBeCloseTo(4, 5);
    expect(() => keyFromSeed(-1)).toThrow(ConfigError);
  });
});
