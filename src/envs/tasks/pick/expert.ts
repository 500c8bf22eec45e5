/**
 * Scripted pick expert: the shared grasp (robots/jaco/grasp-script.ts: above the cube, open, descend,
 * close), then lift — the grip point straight up to `liftHeight` at `liftSpeed`, the fingers kept
 * squeezing. Closed-loop on the observed joints; the lift pose is planned by inverse kinematics.
 *
 * Measured (`ndp tasks run --task pick --policy expert`): 100/100 episodes with --seed 0, 200/200
 * with --seed 1; mean return ≈ 52. Uniform random actions: 0/100.
 */
import type { Policy } from "../../env.js";
import { GraspScript, tiltedGrasp, type GraspOptions } from "../../robots/jaco/grasp-script.js";
import { solveIk } from "../../robots/jaco/jaco-kinematics.js";
import { JACO_DOF } from "../../robots/jaco/jaco-rig.js";
import { jointMove } from "../../robots/jaco/joint-move.js";
import { OBS, type PickConfig } from "./config.js";

export interface PickExpertOptions extends GraspOptions {
  /** Grip point height to lift the cube to (m). */
  liftHeight: number;
  /** Arm speed while lifting (action units). */
  liftSpeed: number;
}

export function pickExpert(config: PickConfig, overrides: Partial<PickExpertOptions> = {}): Policy {
  const liftHeight = overrides.liftHeight ?? 0.6;
  const liftSpeed = Math.min(overrides.liftSpeed ?? 2, config.actionBound);
  const grasp = new GraspScript(config, overrides);
  let lift: number[] | undefined;
  return {
    reset() {
      grasp.reset();
      lift = undefined;
    },
    act(obs) {
      const q = obs.subarray(OBS.joints, OBS.joints + JACO_DOF);
      const cube = obs.subarray(OBS.cube, OBS.cube + 3);
      if (!grasp.done) return grasp.act(q, obs.subarray(OBS.jointVelocities, OBS.jointVelocities + 6), cube);
      if (lift === undefined) {
        const bounds = { low: config.jointLow.slice(0, 6), high: config.jointHigh.slice(0, 6) };
        const [x, y] = [cube[0], cube[1]];
        lift = solveIk(tiltedGrasp([x, y, liftHeight], Math.atan2(y, x), grasp.options.tilt), grasp.graspPose, bounds).q;
      }
      return jointMove(q, lift, 0, config.actionScale, liftSpeed); // finger action 0: keep squeezing
    },
  };
}
