/**
 * The episode bookkeeping every env shares (Gymnasium semantics, see env.ts), whatever steps its
 * world: the seeded generator (reseeded only when `reset` is given a seed; {@link DEFAULT_SEED} if
 * it never was), the step count and the horizon, "reset before stepping" (before the first reset
 * and after the episode ended), and the action check — a wrong length or a non-finite entry throws
 * an NdpError, entries outside the action box are clipped and counted.
 */
import { NdpError } from "../errors.js";
import { Rng } from "../math/rng.js";
import type { BoxSpec, EnvInfo, ResetOptions } from "./env.js";

/** The seed an env uses when it is reset without ever having been given one. */
export const DEFAULT_SEED = 0;

export class Episode {
  /** The action of the current step, checked and clipped into the action box. */
  readonly action: Float64Array;
  private rng: Rng | undefined;
  private t = 0;
  private clippedTotal = 0;
  /** "ready": may step; "done": episode ended (horizon/instability), reset first; "new": never reset. */
  private phase: "new" | "ready" | "done" = "new";

  constructor(
    private readonly name: string,
    private readonly actionSpec: BoxSpec,
    private readonly horizon: number,
  ) {
    this.action = new Float64Array(actionSpec.shape[0]);
  }

  /** Start an episode: reseed when `options.seed` is given; returns the generator to draw the start from. */
  begin(options: ResetOptions): Rng {
    if (options.seed !== undefined) this.rng = new Rng(options.seed);
    this.rng ??= new Rng(DEFAULT_SEED);
    this.t = 0;
    this.clippedTotal = 0;
    this.phase = "ready";
    return this.rng;
  }

  /** The info of a fresh episode, with the success rule evaluated on its start. */
  resetInfo(success: boolean): EnvInfo {
    return { success, clipped: 0, clippedTotal: 0, t: 0 };
  }

  /**
   * Start a step: throw unless the episode is running, check and clip `action` into
   * {@link action}, count the step. Returns the step's info (success false until the env sets it).
   */
  step(action: ArrayLike<number>): EnvInfo {
    if (this.phase !== "ready") {
      throw new NdpError("env", this.phase === "new"
        ? `env "${this.name}" was stepped before reset(); call reset() first`
        : `env "${this.name}" was stepped after its episode ended (truncated/terminated); call reset() first`);
    }
    const clipped = this.checkAndClip(action);
    this.clippedTotal += clipped;
    this.t++;
    return { success: false, clipped, clippedTotal: this.clippedTotal, t: this.t };
  }

  /** End the step normally: true (and the episode is over) when the horizon is reached. */
  truncatedAtHorizon(): boolean {
    const truncated = this.t >= this.horizon;
    if (truncated) this.phase = "done";
    return truncated;
  }

  /** End the episode early (e.g. the physics became unstable). */
  abort(): void {
    this.phase = "done";
  }

  /** Validate `action` into this.action (clipped); return how many entries were clipped. */
  private checkAndClip(action: ArrayLike<number>): number {
    const n = this.action.length;
    const spec = this.actionSpec;
    if (action == null || typeof action.length !== "number" || action.length !== n) {
      throw new NdpError("action", `task "${this.name}" expects an action of ${n} values (${spec.labels.join(", ")}), got ${action?.length ?? "none"}; pass one value per actionSpec entry`);
    }
    let clipped = 0;
    const { low, high } = spec;
    for (let i = 0; i < n; i++) {
      const a = action[i];
      if (typeof a !== "number" || !Number.isFinite(a)) {
        throw new NdpError("action", `action[${i}] (${spec.labels[i]}) for task "${this.name}" is ${a}; actions must be finite numbers`);
      }
      if (a < low[i]) {
        this.action[i] = low[i];
        clipped++;
      } else if (a > high[i]) {
        this.action[i] = high[i];
        clipped++;
      } else this.action[i] = a;
    }
    return clipped;
  }
}
