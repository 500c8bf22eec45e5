/** The message of the error `f` throws, checked to be an instance of `type` and one line long. */
import { expect } from "vitest";
import { NdpError } from "../../src/errors.js";

export function oneLineError(f: () => unknown, type: new (...args: any[]) => Error = NdpError): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(type);
    const m = (e as Error).message;
    expect(m).not.toContain("\n");
    return m;
  }
  throw new Error("expected an error, none was thrown");
}
