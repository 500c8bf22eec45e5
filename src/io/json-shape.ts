/**
 * Checks for parsed JSON (json-input.ts): values arrive as `unknown` and are accepted only as real
 * JSON shapes — own properties (never `__proto__`, `constructor` or `toString` from a prototype),
 * real arrays (never an object that merely has a `length`), finite numbers. Each check throws
 * `Err` (ShapeError by default) with one line naming the value and what was expected.
 */
import { NdpError, ShapeError, formatValue } from "../errors.js";

type ErrorClass = new (message: string) => NdpError;

/** True for a JSON object: not null, not an array. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** `value` as a JSON object, or throw "<what> must be a JSON object ...". */
export function jsonObject(value: unknown, what: string, hint = "", Err: ErrorClass = ShapeError): Record<string, unknown> {
  if (!isJsonObject(value)) throw new Err(`${what} must be a JSON object${hint ? ` like ${hint}` : ""}, got ${formatValue(value)}`);
  return value;
}

/** The own property `key` of `obj` (undefined when absent — prototype properties never count). */
export function ownField(obj: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** Throw unless every own key of `obj` is one of `allowed`. */
export function checkKeys(obj: Record<string, unknown>, allowed: readonly string[], what: string, Err: ErrorClass = ShapeError): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) throw new Err(`unknown key ${formatValue(k)} in ${what}; expected ${allowed.join(", ")}`);
  }
}

/**
 * `value` as an array of finite numbers: a real array (Array.isArray), of `length` entries when
 * given (`lengthIs` explains that number in the message) and at most `maxLength`.
 */
export function numberArray(value: unknown, what: string, o: { length?: number; lengthIs?: string; maxLength?: number } = {}, Err: ErrorClass = ShapeError): number[] {
  if (!Array.isArray(value)) throw new Err(`${what} must be an array of numbers, got ${formatValue(value)}`);
  if (o.length !== undefined && value.length !== o.length) throw new Err(`${what} has ${value.length} entries, expected ${o.length}${o.lengthIs ? ` (${o.lengthIs})` : ""}`);
  if (o.maxLength !== undefined && value.length > o.maxLength) throw new Err(`${what} has ${value.length} entries, more than ${o.maxLength}`);
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i];
    if (typeof v !== "number") throw new Err(`${what}[${i}] must be a number, got ${formatValue(v)}`);
    if (!Number.isFinite(v)) throw new Err(`${what}[${i}] must be finite, got ${v}`);
  }
  return value as number[];
}
