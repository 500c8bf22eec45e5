/**
 * The physics of one env step, for a task whose action is already applied: `frameSkip` MuJoCo
 * substeps (mj_step). A task with an `afterSubstep` hook (the Jaco servos move their reference every
 * substep) is stepped one substep at a time with the hook after each; any other task runs all its
 * substeps in one call.
 */
import type { TaskInstance } from "./task.js";

export function runSubsteps(task: TaskInstance): void {
  if (task.afterSubstep === undefined) task.sim.step(task.frameSkip);
  else {
    for (let k = 0; k < task.frameSkip; k++) {
      task.sim.step(1);
      task.afterSubstep();
    }
  }
}
