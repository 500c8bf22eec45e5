/**
 * Scripted faucet-open expert (closed-loop, from the observation only).
 *
 * The hinge is at goal − (0.175, 0, 0) (the goal is where the tip ends after +90°); the lever
 * angle θ follows from the tip: tip = hinge + R·(sin θ, −cos θ), R = 0.175. Opening turns θ from
 * 0 (tip toward the robot) to +90° (tip toward +x); the tip moves along the tangent (cos θ, sin θ).
 * With the gripper closed, the expert puts the pads beside the lever on the trailing side and
 * sweeps them around the hinge:
 *   pusher(φ) = hinge + r·(sin φ, −cos φ) − (cos φ, sin φ)·gap,   r = 0.12, gap = 0.035
 * 1. approach: up to `safeHeight`, then over pusher(θ); 2. descend to the lever height;
 * 3. sweep: move toward pusher(θ + lead) at lever height (lead 0.35 rad), which pushes the lever
 *    ahead of the pads, until θ ≥ `stopAngle`; if the pads lose the lever (more than 0.05 from
 *    pusher(θ)), go back to 1; 4. retreat: straight up.
 */
import type { Policy } from "../../env.js";
import { moveToward } from "../../robots/sawyer/move-toward.js";
import { sawyerPoints, TCP_BELOW_HAND } from "../../robots/sawyer/sawyer-rig.js";
import { HINGE_HEIGHT, LEVER_RADIUS, type FaucetOpenConfig } from "./config.js";

const PUSH_RADIUS = 0.12;
const GAP = 0.035;
const LEAD = 0.35;

export interface FaucetExpertOptions {
  /** Hand height while moving over the faucet. */
  safeHeight?: number;
  /** Stop sweeping at this lever angle (rad). */
  stopAngle?: number;
}

type Phase = "approach" | "descend" | "sweep" | "retreat";

export function faucetExpert(config: FaucetOpenConfig, options: FaucetExpertOptions = {}): Policy {
  const { safeHeight = 0.26, stopAngle = 1.45 } = options;
  const scale = config.actionScale;
  const leverHand = HINGE_HEIGHT + TCP_BELOW_HAND;
  let phase: Phase = "approach";
  const pusher = (cx: number, cy: number, phi: number): [number, number] => [
    cx + PUSH_RADIUS * Math.sin(phi) - GAP * Math.cos(phi),
    cy - PUSH_RADIUS * Math.cos(phi) - GAP * Math.sin(phi),
  ];
  return {
    reset() {
      phase = "approach";
    },
    act(obs) {
      const { hand, object: tip, goal } = sawyerPoints(obs);
      const [hx, hy, hz] = hand;
      const [tx, ty] = tip;
      const [gx, gy] = goal;
      const cx = gx - LEVER_RADIUS;
      const cy = gy;
      const theta = Math.atan2(tx - cx, -(ty - cy));
      const [px, py] = pusher(cx, cy, theta);
      const off = Math.hypot(hx - px, hy - py);
      if (phase === "sweep" && theta >= stopAngle) phase = "retreat";
      if (phase === "sweep" && off > 0.05) phase = "approach";
      if (phase === "approach" && hz > safeHeight - 0.02 && off < 0.01) phase = "descend";
      if (phase === "descend" && Math.abs(hz - leverHand) < 0.01) phase = "sweep";
      let target: [number, number, number];
      let speed = 1;
      if (phase === "approach") target = hz < safeHeight - 0.02 ? [hx, hy, safeHeight] : [px, py, safeHeight];
      else if (phase === "descend") target = [px, py, leverHand];
      else if (phase === "sweep") {
        const [ax, ay] = pusher(cx, cy, Math.min(theta + LEAD, Math.PI / 2 + 0.1));
        target = [ax, ay, leverHand];
        speed = 0.6;
      } else target = [hx, hy, safeHeight];
      const a = moveToward(hand, target, scale, speed);
      return Float64Array.of(a[0], a[1], a[2], 1);
    },
  };
}
