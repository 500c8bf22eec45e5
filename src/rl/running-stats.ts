/**
 * Running mean and variance of a stream of vectors (float64, on the host), merged batch by batch
 * with Chan et al.'s parallel update — the statistic behind observation and reward normalisation:
 *
 *   n' = n + m,   δ = μ_B − μ,   μ' = μ + δ m / n',
 *   M2' = M2 + M2_B + δ² n m / n'               (var = M2 / n, the population variance)
 *
 * Like SB3/CleanRL's RunningMeanStd it starts from a tiny pseudo-count (1e-4) so the first
 * normalisation never divides by zero.
 */
import { ShapeError } from "../errors.js";

/** Serialisable state of a {@link RunningStats} (for checkpoints). */
export interface RunningStatsState {
  mean: number[];
  variance: number[];
  count: number;
}

export class RunningStats {
  readonly size: number;
  readonly mean: Float64Array;
  readonly variance: Float64Array;
  count: number;

  constructor(size: number, initialCount = 1e-4) {
    this.size = size;
    this.mean = new Float64Array(size);
    this.variance = new Float64Array(size).fill(1);
    this.count = initialCount;
  }

  /** Merge `rows` vectors stored row-major in `batch` (rows × size). */
  update(batch: ArrayLike<number>, rows = batch.length / this.size): void {
    const d = this.size;
    if (!(Number.isInteger(rows) && rows >= 1 && batch.length >= rows * d)) throw new ShapeError(`RunningStats.update: ${batch.length} values are not rows of ${d}`);
    const total = this.count + rows;
    for (let j = 0; j < d; j++) {
      let mean = 0;
      for (let r = 0; r < rows; r++) mean += batch[r * d + j];
      mean /= rows;
      let m2 = 0;
      for (let r = 0; r < rows; r++) {
        const u = batch[r * d + j] - mean;
        m2 += u * u;
      }
      const delta = mean - this.mean[j];
      this.mean[j] += (delta * rows) / total;
      this.variance[j] = (this.variance[j] * this.count + m2 + (delta * delta * this.count * rows) / total) / total;
    }
    this.count = total;
  }

  state(): RunningStatsState {
    return { mean: Array.from(this.mean), variance: Array.from(this.variance), count: this.count };
  }

  /** Restore from {@link state} (sizes must match). */
  load(s: RunningStatsState): void {
    if (s.mean?.length !== this.size || s.variance?.length !== this.size || !(s.count > 0)) {
      throw new ShapeError(`running statistics of size ${s.mean?.length} cannot be loaded into size ${this.size}`);
    }
    this.mean.set(s.mean);
    this.variance.set(s.variance);
    this.count = s.count;
  }
}
