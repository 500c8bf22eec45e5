/**
 * Building blocks of the Jaco experts.
 *
 * {@link jointMove}: a 9-D action that drives the arm joints toward `goal` (6):
 *
 *   a_j = clip(gain · (goal_j − q_j) / actionScale, −speed, speed)   j = 1..6
 *
 * i.e. a proportional step of `gain` times the remaining angle, at most `speed` × actionScale rad;
 * the finger entries (6–8; the env uses entry 7 for all three) are set to `fingerAction`.
 *
 * {@link FingerCommand}: the experts' copy of the rig's shared finger command c (jaco-rig.ts),
 * c ← clip(c + actionScale · a, low, high), so that they can move it to an exact value instead of
 * winding it up against the fingers' stops or the cube.
 */
import { FINGER_COMMAND, JACO_DOF, type JacoConfig } from "./jaco-rig.js";

export function jointMove(q: ArrayLike<number>, goal: ArrayLike<number>, fingerAction: number, actionScale: number, speed: number, gain = 0.7): Float64Array {
  const a = new Float64Array(JACO_DOF);
  for (let j = 0; j < 6; j++) a[j] = Math.max(-speed, Math.min(speed, (gain * (goal[j] - q[j])) / actionScale));
  a[6] = a[FINGER_COMMAND] = a[8] = fingerAction;
  return a;
}

/** Largest |goal_j − q_j| over the first 6 entries (rad). */
export function jointGap(q: ArrayLike<number>, goal: ArrayLike<number>): number {
  let gap = 0;
  for (let j = 0; j < 6; j++) gap = Math.max(gap, Math.abs(goal[j] - q[j]));
  return gap;
}

/** Tracks the rig's shared finger command and produces the action that moves it toward a goal. */
export class FingerCommand {
  private value = 0;

  constructor(private readonly config: JacoConfig) {
    this.reset();
  }

  /** The command at reset: fingerInit clipped to the 2nd finger's limits. */
  reset(): void {
    this.value = this.clip(this.config.fingerInit);
  }

  /** The current command (rad). */
  get current(): number {
    return this.value;
  }

  /** The finger action that moves the command toward `goal` by at most `rate` × actionScale; applies it. */
  toward(goal: number, rate: number): number {
    const scale = this.config.actionScale;
    const a = Math.max(-rate, Math.min(rate, (goal - this.value) / scale));
    this.value = this.clip(this.value + scale * a);
    return a;
  }

  private clip(v: number): number {
    return Math.min(this.config.jointHigh[FINGER_COMMAND], Math.max(this.config.jointLow[FINGER_COMMAND], v));
  }
}
