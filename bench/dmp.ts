// Placeholder until the dmp benchmark lands; see the corresponding issue.
import { NdpError } from "../src/errors.js";

export async function run(): Promise<Record<string, unknown>> {
  throw new NdpError("unavailable", "the dmp benchmark is not implemented yet");
}
