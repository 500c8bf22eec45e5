/**
 * Random placement of an object and a goal on the table, as Meta-World v2 push / soccer / reach do:
 * object xy ~ U(objLow, objHigh), goal ~ U(goalLow, goalHigh), both redrawn while the object–goal
 * XY distance is below `minGap` (tasks.md §1 "Random reset").
 */
import type { Rng } from "../../../math/rng.js";
import type { Vec3 } from "../../vec3.js";

/** Half-height of the puck used by push and reach (a cylinder of radius 0.03, 0.03 tall). */
export const PUCK_HALF_HEIGHT = 0.015;

/** The config entries of a task that places an object and a goal this way (reach, push, soccer). */
export interface ObjectGoalPlacement {
  /** Randomise object and goal at reset (false: the fixed defaults). */
  randomize: boolean;
  /** Object xy range and default. */
  objLow: readonly [number, number];
  objHigh: readonly [number, number];
  defaultObj: readonly [number, number];
  /** Goal range and default (xyz). */
  goalLow: Vec3;
  goalHigh: Vec3;
  defaultGoal: Vec3;
  /** Redraw while the object–goal XY distance is below this (m). */
  minGap: number;
}

/** The reset placement: {@link sampleObjectAndGoal} when `randomize`, else the defaults (no draws). */
export function placeObjectAndGoal(rng: Rng, c: ObjectGoalPlacement): { obj: readonly [number, number]; goal: Vec3 } {
  return c.randomize ? sampleObjectAndGoal(rng, c.objLow, c.objHigh, c.goalLow, c.goalHigh, c.minGap) : { obj: c.defaultObj, goal: c.defaultGoal };
}

/** Draws before giving up (the ranges of every task allow the gap easily). */
const MAX_DRAWS = 1000;

export function sampleObjectAndGoal(
  rng: Rng,
  objLow: readonly [number, number],
  objHigh: readonly [number, number],
  goalLow: Vec3,
  goalHigh: Vec3,
  minGap: number,
): { obj: [number, number]; goal: [number, number, number] } {
  for (let i = 0; i < MAX_DRAWS; i++) {
    const obj: [number, number] = [rng.uniform(objLow[0], objHigh[0]), rng.uniform(objLow[1], objHigh[1])];
    const goal: [number, number, number] = [rng.uniform(goalLow[0], goalHigh[0]), rng.uniform(goalLow[1], goalHigh[1]), rng.uniform(goalLow[2], goalHigh[2])];
    if (Math.hypot(obj[0] - goal[0], obj[1] - goal[1]) >= minGap) return { obj, goal };
  }
  throw new Error(`no object/goal placement with an XY gap >= ${minGap} in ${MAX_DRAWS} draws; the ranges are inconsistent`);
}
