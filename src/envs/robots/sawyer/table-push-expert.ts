/**
 * Scripted expert for push and soccer (closed-loop, from the observation only).
 *
 * The pusher is the closed pair of finger pads: a flat-faced block under the hand (half-extents
 * 0.015 along x, 0.009 along y). A flat face moves an object along the face's normal, and
 * dragging it sideways tips a puck over, so the expert pushes "Manhattan style": first along x
 * until the object is in line with the goal (skipped when it already is within `alignTolerance`),
 * then along y to the goal. Each leg, with f the face normal (±x or ±y) and t = its tangent:
 * 1. approach: up to `safeHeight` first, then over `behind` = object − f·(contact + 0.02), where
 *    contact = object radius + the pad half-extent along f;
 * 2. descend: down to `pushHeight` there;
 * 3. push: move along f at speed v, sliding across to keep the object centred on the face:
 *    a = v·f − s·t, s = clip(ℓ / (2·0.01), ±0.5), ℓ the hand's offset from the object along t;
 *    v = pushSpeed, slowing down linearly within 0.1 of the leg's end (to 0.2 at the end), so a
 *    ball leaves the face slowly. If the object slips off the face (|ℓ| > 0.02) or the hand gets past it, go back to 1;
 * 4. retreat: when the object is within `stopDistance` of the goal along f (or past it), move
 *    0.05 back along −f from where the hand is and up; then start the next leg (or stay).
 * The hand trails the mocap by ~0.02 m while pushing, which `stopDistance` allows for.
 */
import type { Policy } from "../../env.js";
import { moveToward } from "./move-toward.js";
import { sawyerPoints } from "./sawyer-rig.js";
import type { TablePushConfig } from "./table-push-config.js";

/** Half-extents of the closed pads in x and y (see sawyer-scene.xml). */
const PAD_HALF = [0.015, 0.009] as const;

export interface TablePushExpertOptions {
  objectRadius: number;
  /** Hand height while pushing (pads 0.005 above the table). */
  pushHeight?: number;
  /** Hand height while moving over the object. */
  safeHeight?: number;
  /** Skip the x leg when |goal x − object x| is below this (m). */
  alignTolerance?: number;
  /** End a leg when the object is this close to the goal along the leg (m). */
  stopDistance?: number;
  /** Fraction of the maximum hand speed while pushing. */
  pushSpeed?: number;
}

type Phase = "approach" | "descend" | "push" | "retreat" | "done";

export function tablePushExpert(config: TablePushConfig, options: TablePushExpertOptions): Policy {
  const { objectRadius, pushHeight = 0.055, safeHeight = 0.14, alignTolerance = 0.02, stopDistance = 0.015, pushSpeed = 0.6 } = options;
  const scale = config.actionScale;
  let phase: Phase = "approach";
  let axis: 0 | 1 = 0; // the leg: 0 = along x, 1 = along y
  let sign = 1; // direction of the leg
  let retreatTo: [number, number, number] = [0, 0, 0];
  let started = false;
  return {
    reset() {
      phase = "approach";
      started = false;
    },
    act(obs) {
      const { hand, object, goal } = sawyerPoints(obs);
      const [hx, hy, hz] = hand;
      const [ox, oy] = object;
      const [gx, gy] = goal;
      const h = [hx, hy];
      const o = [ox, oy];
      const g = [gx, gy];
      if (!started) {
        started = true;
        axis = Math.abs(gx - ox) > alignTolerance ? 0 : 1;
        sign = Math.sign(g[axis] - o[axis]) || 1;
      }
      const other = 1 - axis;
      const contact = objectRadius + PAD_HALF[axis];
      const along = sign * (h[axis] - o[axis]); // < 0: the hand is behind the object
      const offset = h[other] - o[other];
      const remaining = sign * (g[axis] - o[axis]);
      const behind = [0, 0];
      behind[axis] = o[axis] - sign * (contact + 0.02);
      behind[other] = o[other];
      if (phase === "push" && remaining < stopDistance) {
        phase = "retreat";
        retreatTo = [hx, hy, safeHeight];
        retreatTo[axis] -= sign * 0.05;
      }
      if (phase === "push" && (Math.abs(offset) > 0.02 || along > -objectRadius)) phase = "approach";
      if (phase === "approach" && hz > safeHeight - 0.02 && Math.hypot(hx - behind[0], hy - behind[1]) < 0.01) phase = "descend";
      if (phase === "descend" && hz - pushHeight < 0.01) phase = "push";
      if (phase === "retreat" && Math.abs(hz - safeHeight) < 0.02) {
        if (axis === 0) {
          axis = 1;
          sign = Math.sign(gy - oy) || 1;
          phase = "approach";
        } else phase = "done";
      }
      if (phase === "push") {
        const a = [0, 0, moveToward(hand, [hx, hy, pushHeight], scale)[2]];
        a[axis] = sign * Math.max(0.2, Math.min(pushSpeed, (pushSpeed * remaining) / 0.1));
        a[other] = -Math.max(-0.5, Math.min(0.5, offset / (2 * scale)));
        return Float64Array.from(a);
      }
      let target: [number, number, number];
      if (phase === "approach") target = hz < safeHeight - 0.02 ? [hx, hy, safeHeight] : [behind[0], behind[1], safeHeight];
      else if (phase === "descend") target = [behind[0], behind[1], pushHeight];
      else if (phase === "retreat") target = retreatTo;
      else target = [hx, hy, hz];
      return Float64Array.from(moveToward(hand, target, scale));
    },
  };
}
