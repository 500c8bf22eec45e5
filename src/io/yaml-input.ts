/**
 * Parsing YAML from users (sweep specs), bounded like JSON (json-input.ts): the `yaml` package
 * recurses on nesting (1 000 nested brackets overflow its stack; 100 000 abort the process out of
 * memory), so the text is scanned first — flow brackets `[`/`{` outside quotes at most
 * SIZE_BUDGET.nesting deep, block indentation at most 4 × that many columns — and aliases are
 * capped (no "billion laughs"). Anything else is an InputFileError naming the source and the fix.
 */
import { parse } from "yaml";
import { InputFileError } from "../errors.js";
import { SIZE_BUDGET } from "./size-budget.js";

export function parseYaml(text: string, source: string, fix: string): unknown {
  const limit = SIZE_BUDGET.nesting;
  let depth = 0;
  let quote = 0;
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart) {
      if (c === 0x20) {
        if (++indent > 4 * limit) throw new InputFileError(`${source} is indented more than ${4 * limit} columns deep, more than ndp accepts; ${fix}`);
        continue;
      }
      lineStart = false;
    }
    if (quote !== 0) {
      if (c === 0x5c && quote === 0x22) i++;
      else if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) throw new InputFileError(`${source} nests more than ${limit} [ ] / { } levels deep, more than ndp accepts; ${fix}`);
    } else if (c === 0x5d || c === 0x7d) depth = Math.max(0, depth - 1);
  }
  try {
    return parse(text, { maxAliasCount: 100 });
  } catch (e) {
    throw new InputFileError(`${source} is not valid YAML (${(e as Error).message.split("\n")[0].slice(0, 120)}); ${fix}`);
  }
}
