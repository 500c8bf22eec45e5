/**
 * Reading JSON documents from users: a file or standard input, bounded by the size budget
 * (jsonBytes) and the nesting limit (SIZE_BUDGET.nesting), parsed with errors of one line.
 *
 * Contract: `parseJson` returns what JSON.parse returns, but only for text nested at most
 * SIZE_BUDGET.nesting arrays/objects deep — checked by a linear scan before parsing, so no
 * later recursive walk (validation, messages) can overflow the stack. Anything else is an
 * InputFileError naming the source, the problem and the fix. Validate the result with the
 * checks of json-shape.ts (own properties, real arrays), never by trusting its type.
 */
import { InputFileError } from "../errors.js";
import { readBounded } from "./read-bounded.js";
import { SIZE_BUDGET } from "./size-budget.js";

/** Read and parse the JSON file `path` (`-`: standard input); `what` names it in messages. */
export function readJsonInput(path: string, what = "input file", fix = "fix the JSON or pass another file"): unknown {
  const stdin = path === "-";
  const source = stdin ? "standard input" : `${what} ${path}`;
  const advice = stdin ? "pipe one JSON object" : fix;
  const bytes = readBounded(path, { budget: "jsonBytes", what, fix: advice, sniff: (head) => sniffJson(head, source, advice) });
  return parseJson(bytes.toString("utf8"), source, advice);
}

/** Read a JSON file that ndp wrote (a run's config.json, ...). */
export function readJsonFile(path: string, what = "file"): unknown {
  return readJsonInput(path, what, "fix or regenerate it");
}

/** JSON.parse with the nesting limit; a syntax error becomes "<source> is not valid JSON (...); <fix>". */
export function parseJson(text: string, source: string, fix: string): unknown {
  const depth = nestingDepth(text);
  if (depth > SIZE_BUDGET.nesting) {
    throw new InputFileError(`${source} nests arrays/objects ${depth > 1e6 ? "over a million" : depth} levels deep, more than the ${SIZE_BUDGET.nesting} ndp accepts; ${fix}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputFileError(`${source} is not valid JSON (${(e as Error).message.split("\n")[0].slice(0, 120)}); ${fix}`);
  }
}

/**
 * The deepest nesting of `[`/`{` outside strings (a linear scan, no recursion). Stops counting
 * once past the limit; malformed text is left for JSON.parse to report.
 */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) max = depth;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/** Reject a stream that cannot start a JSON document (NUL bytes from /dev/zero, binary data). */
function sniffJson(head: Uint8Array, source: string, fix: string): void {
  for (const b of head) {
    if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) continue;
    if (b === 0xef || b === 0x7b || b === 0x5b || b === 0x22 || b === 0x2d || b === 0x74 || b === 0x66 || b === 0x6e || (b >= 0x30 && b <= 0x39)) return;
    throw new InputFileError(`${source} is not JSON (it starts with byte 0x${b.toString(16).padStart(2, "0")}); ${fix}`);
  }
}
