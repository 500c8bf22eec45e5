/**
 * The grasp both Jaco experts start with (closed-loop on the observed joints; the waypoints are
 * planned once, from the cube position at the first step).
 *
 * Waypoints, from the inverse kinematics (jaco-kinematics.ts): the fingers' closing axis is
 * horizontal and perpendicular to the line from the base to the cube, and the hand points down and
 * away from the base at `tilt` from the vertical (the Jaco's tilted wrist reaches the ground far
 * more easily this way than pointing straight down).
 * 1. above: grip point `approachHeight` above the cube centre; go there, opening the fingers;
 * 2. descend: grip point `graspOffset` above the cube centre; go straight down. Ends when reached
 *    or when the arm stalls (a fingertip on the ground);
 * 3. close: finger command to `closeCommand` (past the angle where the fingers meet the cube, so
 *    they squeeze it with the servos' full force), holding the arm, for `closeSteps` steps.
 * Phases 1–2 end when every arm joint is within `tolerance` of the waypoint (or after
 * `maxPhaseSteps`).
 */
import { CUBE_HALF, type JacoConfig } from "./jaco-rig.js";
import { solveIk, type HandTarget } from "./jaco-kinematics.js";
import { FingerCommand, jointGap, jointMove } from "./joint-move.js";

export interface GraspOptions {
  /** Angle between the pointing direction and straight down (rad), tilted away from the base. */
  tilt: number;
  approachHeight: number;
  graspOffset: number;
  /** Finger command while grasping (rad; the fingers touch the 8 cm cube at ≈ 0.38). */
  closeCommand: number;
  closeSteps: number;
  /** Arm speed limit (action units). */
  speed: number;
  /** Finger command rate limit (action units). */
  fingerSpeed: number;
  tolerance: number;
  maxPhaseSteps: number;
}

export const GRASP_DEFAULTS: GraspOptions = {
  tilt: 1.15,
  approachHeight: 0.12,
  graspOffset: 0,
  closeCommand: 0.6,
  closeSteps: 5,
  speed: 2,
  fingerSpeed: 2,
  tolerance: 0.03,
  maxPhaseSteps: 15,
};

/** Hand target with the grip point at `p`, pointing down-and-out at `tilt` along azimuth `az`. */
export function tiltedGrasp(p: readonly [number, number, number], az: number, tilt: number): HandTarget {
  const s = Math.sin(tilt);
  return {
    grip: p,
    z: [-s * Math.cos(az), -s * Math.sin(az), Math.cos(tilt)],
    x: [-Math.sin(az), Math.cos(az), 0],
  };
}

type Phase = "above" | "descend" | "close" | "done";

/**
 * The IK start guess: a grasp posture of the right family (elbow up, hand tilted outward, closing
 * axis horizontal) for a cube near (0.55, 0.1). Starting from the reset poses instead can end in a
 * wrist branch pinned at the joint limits.
 */
const GRASP_POSTURE = [0.03, 0.25, -0.13, 0.33, -1.24, -1.05];

/** An arm velocity below this (rad/s) on every joint counts as stalled. */
const STALL_SPEED = 0.05;

export class GraspScript {
  readonly fingers: FingerCommand;
  /** Arm joints (6) of the grasp waypoint, once planned. */
  graspPose: number[] = [];
  private above: number[] = [];
  private phase: Phase = "above";
  private phaseSteps = 0;
  readonly options: GraspOptions;
  private readonly bounds: { low: number[]; high: number[] };

  constructor(private readonly config: JacoConfig, options: Partial<GraspOptions> = {}) {
    this.options = { ...GRASP_DEFAULTS, ...options };
    this.fingers = new FingerCommand(config);
    this.bounds = { low: config.jointLow.slice(0, 6), high: config.jointHigh.slice(0, 6) };
  }

  reset(): void {
    this.fingers.reset();
    this.phase = "above";
    this.phaseSteps = 0;
    this.graspPose = [];
  }

  /** True once the fingers have been closing for `closeSteps` steps. */
  get done(): boolean {
    return this.phase === "done";
  }

  /**
   * The next action, from the joint angles `q` (6+), arm joint velocities `qd` (6) and the cube
   * centre `cube` (3). Call until {@link done}; afterwards the caller drives the arm.
   */
  act(q: ArrayLike<number>, qd: ArrayLike<number>, cube: ArrayLike<number>): Float64Array {
    const o = this.options;
    const speed = Math.min(o.speed, this.config.actionBound);
    const fingerSpeed = Math.min(o.fingerSpeed, this.config.actionBound);
    const scale = this.config.actionScale;
    if (this.graspPose.length === 0) this.plan(cube);
    this.phaseSteps++;
    if (this.phase === "above" && (jointGap(q, this.above) < o.tolerance || this.phaseSteps > o.maxPhaseSteps)) this.next("descend");
    else if (this.phase === "descend") {
      const stalled = this.phaseSteps > 2 && jointGap(qd, [0, 0, 0, 0, 0, 0]) < STALL_SPEED;
      if (jointGap(q, this.graspPose) < o.tolerance || stalled || this.phaseSteps > o.maxPhaseSteps) this.next("close");
    } else if (this.phase === "close" && this.phaseSteps > o.closeSteps) this.next("done");
    const goal = this.phase === "above" ? this.above : this.graspPose;
    const closing = this.phase === "close" || this.phase === "done";
    const fingerAction = this.fingers.toward(closing ? o.closeCommand : 0, fingerSpeed);
    return jointMove(q, goal, fingerAction, scale, speed);
  }

  private plan(cube: ArrayLike<number>): void {
    const o = this.options;
    const az = Math.atan2(cube[1], cube[0]);
    this.above = solveIk(tiltedGrasp([cube[0], cube[1], CUBE_HALF + o.approachHeight], az, o.tilt), GRASP_POSTURE, this.bounds).q;
    this.graspPose = solveIk(tiltedGrasp([cube[0], cube[1], CUBE_HALF + o.graspOffset], az, o.tilt), this.above, this.bounds).q;
  }

  private next(phase: Phase): void {
    this.phase = phase;
    this.phaseSteps = 1;
  }
}
