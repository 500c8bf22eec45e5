/**
 * A contiguous block of envs [start, start + envs.length) of a vector env, stepping into the shared
 * {@link VectorBuffers}. Used unchanged by the in-process vector env and by each worker, so both
 * give identical numbers.
 *
 * Seeding: `reset(seed)` resets env i with seed deriveSeed(seed, i) — its own stream, whatever the
 * number of workers. Auto-reset ("same-step", as Brax/SB3): when env i's episode ends in `step`,
 * its last observation goes to finalObs[i], the flags/reward of that step stay, and obs[i] / the
 * robot state already belong to the next episode (reset without a seed, continuing env i's stream).
 */
import type { Env, RobotState } from "../env.js";
import { deriveSeed } from "../../math/rng.js";
import { writeReason, type VectorBuffers } from "./buffers.js";

export class EnvBatch {
  constructor(
    readonly envs: readonly Env[],
    readonly start: number,
    private readonly b: VectorBuffers,
  ) {}

  /** Reset every env of the block; with a seed, env i gets deriveSeed(seed, i). */
  reset(seed: number | undefined): void {
    const b = this.b;
    this.envs.forEach((env, k) => {
      const i = this.start + k;
      const { obs, info } = env.reset(seed === undefined ? {} : { seed: deriveSeed(seed, i) });
      b.obs.set(obs, i * obs.length);
      b.finalObs.fill(0, i * obs.length, (i + 1) * obs.length);
      b.rewards[i] = 0;
      b.terminated[i] = 0;
      b.truncated[i] = 0;
      b.success[i] = info.success ? 1 : 0;
      b.clipped[i] = 0;
      writeReason(b, i, "");
      this.writeRobot(i, env.robotState());
    });
  }

  /** Step every env of the block with its row of b.actions, auto-resetting finished episodes. */
  step(): void {
    const b = this.b;
    const { actionSize: a, obsSize: o } = b.sizes;
    this.envs.forEach((env, k) => {
      const i = this.start + k;
      const r = env.step(b.actions.subarray(i * a, (i + 1) * a));
      b.rewards[i] = r.reward;
      b.terminated[i] = r.terminated ? 1 : 0;
      b.truncated[i] = r.truncated ? 1 : 0;
      b.success[i] = r.info.success ? 1 : 0;
      b.clipped[i] = r.info.clipped;
      writeReason(b, i, r.info.reason ?? "");
      if (r.terminated || r.truncated) {
        b.finalObs.set(r.obs, i * o);
        b.obs.set(env.reset().obs, i * o);
      } else {
        b.obs.set(r.obs, i * o);
      }
      this.writeRobot(i, env.robotState());
    });
  }

  close(): void {
    for (const env of this.envs) env.close();
  }

  private writeRobot(i: number, s: RobotState): void {
    const r = this.b.sizes.robotSize;
    this.b.robotPosition.set(s.position, i * r);
    this.b.robotVelocity.set(s.velocity, i * r);
  }
}
