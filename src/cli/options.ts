/**
 * Parsers for CLI option values: each turns a bad value into a one-line ConfigError that names the
 * option, so `--epochs abc` ends with exit code 2 and a message, never NaN.
 */
import { InvalidArgumentError } from "commander";

/** Commander argParser for an integer option with bounds. */
export function intOption(min = 0, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^[-+]?\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) {
      throw new InvalidArgumentError(`expected an integer, got ${JSON.stringify(value)}`);
    }
    if (n < min || n > max) {
      throw new InvalidArgumentError(`expected an integer in ${min}..${max === Number.MAX_SAFE_INTEGER ? "∞" : max}, got ${n}`);
    }
    return n;
  };
}

/** Commander argParser for a finite float option with bounds. */
export function floatOption(min = -Infinity, max = Infinity) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n)) {
      throw new InvalidArgumentError(`expected a number, got ${JSON.stringify(value)}`);
    }
    if (n < min || n > max) throw new InvalidArgumentError(`expected a number in [${min}, ${max}], got ${n}`);
    return n;
  };
}

/** Commander argParser that accepts one of `choices`. */
export function choiceOption<T extends string>(choices: readonly T[]) {
  return (value: string): T => {
    if (!(choices as readonly string[]).includes(value)) {
      throw new InvalidArgumentError(`expected one of ${choices.join(", ")}, got ${JSON.stringify(value)}`);
    }
    return value as T;
  };
}
