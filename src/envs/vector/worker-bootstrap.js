// Plain-JS entry of a vector-env worker thread: Node 20 does not pass the parent's tsx module hooks
// to worker_threads, so register tsx here and then import the TypeScript worker (workerData.entry).
import { register } from "tsx/esm/api";
import { workerData } from "node:worker_threads";

register();
await import(workerData.entry);
