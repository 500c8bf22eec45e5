/**
 * Loading a task's MuJoCo model: its MJCF file in assets/mjcf/ and the robot scene it `<include>`s
 * (sawyer-scene.xml or jaco-scene.xml), compiled into a {@link Simulation} named after the task
 * file. File texts are read once per thread and cached.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Simulation } from "../physics/mujoco.js";

/** Directory of our MJCF models. */
export const MJCF_DIR = fileURLToPath(new URL("../../assets/mjcf/", import.meta.url));

const fileCache = new Map<string, string>();

function readModelFile(file: string): string {
  let text = fileCache.get(file);
  if (text === undefined) {
    text = readFileSync(MJCF_DIR + file, "utf8");
    fileCache.set(file, text);
  }
  return text;
}

/** Compile assets/mjcf/`taskFile`, which includes assets/mjcf/`sceneFile`. */
export async function loadTaskModel(taskFile: string, sceneFile: string): Promise<Simulation> {
  return Simulation.create(taskFile, { [taskFile]: readModelFile(taskFile), [sceneFile]: readModelFile(sceneFile) }, taskFile);
}
