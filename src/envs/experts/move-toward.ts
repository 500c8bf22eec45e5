/**
 * The basic move of every Sawyer expert: an action that moves the hand toward `target` at up to
 * `speed` (fraction of the 0.01 m/step maximum): a = clip((target − hand) / actionScale, ±speed).
 */
import type { Vec3 } from "../vec3.js";

export function moveToward(hand: ArrayLike<number>, target: Vec3, actionScale: number, speed = 1): [number, number, number] {
  const a: [number, number, number] = [0, 0, 0];
  for (let k = 0; k < 3; k++) a[k] = Math.max(-speed, Math.min(speed, (target[k] - hand[k]) / actionScale));
  return a;
}
