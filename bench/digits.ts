// Placeholder until the digits benchmark lands; see the corresponding issue.
import { NdpError } from "../src/errors.js";

export async function run(): Promise<Record<string, unknown>> {
  throw new NdpError("unavailable", "the digits benchmark is not implemented yet");
}
