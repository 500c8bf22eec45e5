/** Read a JSON input given as a path, or `-` for standard input. */
import { readFileSync } from "node:fs";
import { InputFileError } from "../errors.js";
import { parseJson, readJsonFile } from "./run-dir.js";

export function readJsonInput(path: string, what = "input file"): unknown {
  if (path !== "-") return readJsonFile(path, what);
  let text: string;
  try {
    text = readFileSync(0, "utf8");
  } catch (e) {
    throw new InputFileError(`cannot read the ${what} from standard input: ${(e as Error).message}`);
  }
  return parseJson(text, "standard input", "pipe a JSON object");
}
