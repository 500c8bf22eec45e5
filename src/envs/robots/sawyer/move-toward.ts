/**
 * The basic move of every Sawyer expert: an action that moves the hand toward `target`,
 *   a = clip(gain · (target − hand) / actionScale, −speed, speed),
 * i.e. a proportional step of `gain` times the remaining distance, at most `speed` × 0.01 m. A gain
 * below 1 keeps the hand from chattering: it trails the mocap by a step or two.
 */
import type { Vec3 } from "../../vec3.js";

export const DEFAULT_GAIN = 0.5;

export function moveToward(hand: ArrayLike<number>, target: Vec3, actionScale: number, speed = 1, gain = DEFAULT_GAIN): [number, number, number] {
  const a: [number, number, number] = [0, 0, 0];
  for (let k = 0; k < 3; k++) a[k] = Math.max(-speed, Math.min(speed, (gain * (target[k] - hand[k])) / actionScale));
  return a;
}
