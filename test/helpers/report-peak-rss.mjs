// Preloaded (node --import) into CLI child processes by the tests: at exit, write the process's
// peak resident memory (maxRSS, KB) to the file named by NDP_TEST_PEAK_RSS_FILE.
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  if (process.env.NDP_TEST_PEAK_RSS_FILE) writeFileSync(process.env.NDP_TEST_PEAK_RSS_FILE, String(process.resourceUsage().maxRSS));
});
