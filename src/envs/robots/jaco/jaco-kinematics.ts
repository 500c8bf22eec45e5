/**
 * Kinematics of the Jaco-like arm (assets/mjcf/jaco-scene.xml) in plain TypeScript, for the scripted
 * experts: forward kinematics of the hand and a damped-least-squares inverse kinematics.
 *
 * Forward kinematics is a product of exponentials. Every link frame of the model is aligned with the
 * world at the reference pose q_ref = (0, 0, 0, 0, −2.8, 0); joint i turns about the world axis ω_i
 * through the anchor a_i (both at q_ref). A point p (world coordinates at q_ref) of the hand moves to
 *
 *   p(q) = E_1(E_2(… E_6(p))),   E_i(x) = a_i + R(ω_i, q_i − ref_i) (x − a_i),
 *
 * and a hand direction d to R(ω_1, ·) … R(ω_6, ·) d, with R(ω, θ) the Rodrigues rotation. The
 * numbers below are the ones in the MJCF (a test checks them against MuJoCo).
 */
import type { Vec3 } from "../../vec3.js";

/** One arm hinge at the reference pose. */
interface Hinge {
  /** World axis (unit). */
  axis: Vec3;
  /** A world point on the axis. */
  anchor: Vec3;
  /** Joint value at the reference pose. */
  ref: number;
}

/** The 6 arm hinges j1..j6 (world frame, reference pose). */
export const JACO_HINGES: readonly Hinge[] = [
  { axis: [0, 0, 1], anchor: [0, 0, 0.4035], ref: 0 },
  { axis: [0, 1, 0], anchor: [0, 0, 0.522], ref: 0 },
  { axis: [0, 1, 0], anchor: [0.41, 0, 0.522], ref: 0 },
  { axis: [0, 0, -1], anchor: [0.41, 0.01125, 0.315], ref: 0 },
  { axis: [0, 0.819152, -0.573576], anchor: [0.41, 0.04555, 0.24912], ref: -2.8 },
  { axis: [0, 0.939693, 0.34202], anchor: [0.41, 0.119189, 0.23943], ref: 0 },
];

/** Hand frame at the reference pose: origin and the world directions of its x, y, z axes. */
const HAND_ORIGIN: Vec3 = [0.41, 0.119189, 0.23943];
const HAND_AXES: readonly Vec3[] = [
  [-1, 0, 0],
  [0, 0.34202, -0.939693],
  [0, -0.939693, -0.34202],
];

/** The grip point in the hand frame: between the fingertips, 0.16 m out along −z (site "grip"). */
export const GRIP_IN_HAND: Vec3 = [0, 0, -0.16];

/** Metres of IK error per unit of axis misalignment (about per radian). */
const ORIENTATION_WEIGHT = 0.3;

/** A hand pose: the grip point and the hand's axes (x: finger closing axis, z: minus the pointing direction). */
export interface HandPose {
  /** Grip point (world, 3). */
  grip: [number, number, number];
  /** Hand x axis (world, unit): from finger 1 towards fingers 2 and 3. */
  x: [number, number, number];
  /** Hand z axis (world, unit): from the fingers back to the wrist. */
  z: [number, number, number];
}

/** Rotate v about the unit axis w by angle t (Rodrigues): v cos t + (w × v) sin t + w (w·v)(1 − cos t). */
function rotate(w: Vec3, t: number, v: number[]): void {
  const c = Math.cos(t);
  const s = Math.sin(t);
  const d = (w[0] * v[0] + w[1] * v[1] + w[2] * v[2]) * (1 - c);
  const x = v[0] * c + (w[1] * v[2] - w[2] * v[1]) * s + w[0] * d;
  const y = v[1] * c + (w[2] * v[0] - w[0] * v[2]) * s + w[1] * d;
  const z = v[2] * c + (w[0] * v[1] - w[1] * v[0]) * s + w[2] * d;
  v[0] = x;
  v[1] = y;
  v[2] = z;
}

/** Hand pose for the arm joints q[0:6] (product of exponentials, see the file header). */
export function handPose(q: ArrayLike<number>): HandPose {
  const grip = [0, 0, 0];
  for (let k = 0; k < 3; k++) grip[k] = HAND_ORIGIN[k] + GRIP_IN_HAND[0] * HAND_AXES[0][k] + GRIP_IN_HAND[1] * HAND_AXES[1][k] + GRIP_IN_HAND[2] * HAND_AXES[2][k];
  const x = [...HAND_AXES[0]];
  const z = [...HAND_AXES[2]];
  for (let i = 5; i >= 0; i--) {
    const { axis, anchor, ref } = JACO_HINGES[i];
    const t = q[i] - ref;
    for (let k = 0; k < 3; k++) grip[k] -= anchor[k];
    rotate(axis, t, grip);
    for (let k = 0; k < 3; k++) grip[k] += anchor[k];
    rotate(axis, t, x);
    rotate(axis, t, z);
  }
  return { grip: grip as [number, number, number], x: x as [number, number, number], z: z as [number, number, number] };
}

/** What the inverse kinematics aims for: a grip point, a pointing direction and a closing axis. */
export interface HandTarget {
  grip: Vec3;
  /** Desired hand z axis (unit; e.g. [0, 0, 1] for fingers pointing straight down). */
  z: Vec3;
  /** Desired hand x axis (unit, orthogonal to z). Omit to leave the roll about z free. */
  x?: Vec3;
}

/**
 * The error of `pose` w.r.t. `target`, zero exactly at the target: grip position difference (3),
 * then 0.3 m × the pointing difference z* − z (3) and, with a target x, 0.3 m × (x* − x) (3), so
 * that one radian of misalignment weighs about as much as 0.3 m of position.
 */
function poseError(pose: HandPose, target: HandTarget, out: number[]): void {
  out.length = 0;
  for (let k = 0; k < 3; k++) out.push(target.grip[k] - pose.grip[k]);
  for (let k = 0; k < 3; k++) out.push(ORIENTATION_WEIGHT * (target.z[k] - pose.z[k]));
  if (target.x !== undefined) for (let k = 0; k < 3; k++) out.push(ORIENTATION_WEIGHT * (target.x[k] - pose.x[k]));
}

export interface IkOptions {
  /** Per-joint lower / upper bounds for q[0:6] (the solution is kept inside). */
  low: ArrayLike<number>;
  high: ArrayLike<number>;
  iterations?: number;
  /** Damping λ of the least-squares step Δq = Jᵀ (J Jᵀ + λ² I)⁻¹ e. */
  damping?: number;
}

/**
 * Damped-least-squares inverse kinematics from the start guess `q0` (6): repeat
 * Δq = Jᵀ (J Jᵀ + λ² I)⁻¹ e with a finite-difference Jacobian J of the pose error, clip to the
 * bounds. Returns the joints (6) and the final error norm (metres; see poseError).
 */
export function solveIk(target: HandTarget, q0: ArrayLike<number>, options: IkOptions): { q: number[]; error: number } {
  const { low, high, iterations = 100, damping = 0.02 } = options;
  const q = Array.from({ length: 6 }, (_, i) => Math.min(high[i], Math.max(low[i], q0[i])));
  const e: number[] = [];
  const ep: number[] = [];
  const h = 1e-6;
  for (let it = 0; it < iterations; it++) {
    poseError(handPose(q), target, e);
    const m = e.length;
    // J[r][j] = d e_r / d q_j (the error decreases as the pose approaches the target, so J = −d pose).
    const J = Array.from({ length: m }, () => new Array<number>(6).fill(0));
    for (let j = 0; j < 6; j++) {
      const saved = q[j];
      q[j] = saved + h;
      poseError(handPose(q), target, ep);
      q[j] = saved;
      for (let r = 0; r < m; r++) J[r][j] = (e[r] - ep[r]) / h;
    }
    // A = J Jᵀ + λ² I (m × m), solve A y = e, Δq = Jᵀ y.
    const A = Array.from({ length: m }, (_, r) => Array.from({ length: m }, (_, c) => {
      let s = r === c ? damping * damping : 0;
      for (let j = 0; j < 6; j++) s += J[r][j] * J[c][j];
      return s;
    }));
    const y = solveLinear(A, e.slice());
    let step = 0;
    for (let j = 0; j < 6; j++) {
      let dq = 0;
      for (let r = 0; r < m; r++) dq += J[r][j] * y[r];
      const next = Math.min(high[j], Math.max(low[j], q[j] + dq));
      step = Math.max(step, Math.abs(next - q[j]));
      q[j] = next;
    }
    if (step < 1e-9) break;
  }
  poseError(handPose(q), target, e);
  return { q, error: Math.hypot(...e) };
}

/** Solve A x = b for a small symmetric positive definite A (Gaussian elimination with partial pivoting). */
function solveLinear(A: number[][], b: number[]): number[] {
  const n = b.length;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r][c]) > Math.abs(A[p][c])) p = r;
    [A[c], A[p]] = [A[p], A[c]];
    [b[c], b[p]] = [b[p], b[c]];
    for (let r = c + 1; r < n; r++) {
      const f = A[r][c] / A[c][c];
      for (let k = c; k < n; k++) A[r][k] -= f * A[c][k];
      b[r] -= f * b[c];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r];
    for (let k = r + 1; k < n; k++) s -= A[r][k] * x[k];
    x[r] = s / A[r][r];
  }
  return x;
}

