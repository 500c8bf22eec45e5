/**
 * A browser-style `Worker` for Node, over `worker_threads` (defined only in Node, only where the
 * runtime has none, before @jax-js/jax loads — jax.ts imports this first).
 *
 * Why: jax-js 0.1.25 gives its wasm backend a *shared* WebAssembly memory only when `Worker` and
 * `SharedArrayBuffer` both exist at the moment it loads; kernel-threads.ts needs that shared memory
 * to run kernels on more than one thread. Once the memory is shared, jax-js also builds its own
 * worker pool for its asynchronous paths (`await x.data()`, `blockUntilReady`), so this shim has to
 * really work: it runs the worker source jax-js hands over as a `blob:` URL in a worker thread and
 * maps `postMessage` / `onmessage` / `onerror` onto the thread's port. A thread is referenced (keeps
 * the process alive) only while a message to it awaits its reply — jax-js's protocol answers every
 * message exactly once.
 */
const g = globalThis as Record<string, unknown>;
const nodeProcess = g.process as { versions?: { node?: string } } | undefined;

/** Runs in the thread: a Web-Worker-like global, messages queued until the worker source arrives. */
const BOOTSTRAP = `
const { parentPort } = require("node:worker_threads");
globalThis.self = globalThis;
globalThis.postMessage = (m) => parentPort.postMessage(m);
let queued = [];
parentPort.on("message", (m) => {
  if (queued !== null && m && typeof m.__workerSource === "string") {
    (0, eval)(m.__workerSource);
    const q = queued;
    queued = null;
    for (const data of q) self.onmessage({ data });
  } else if (queued !== null) queued.push(m);
  else self.onmessage({ data: m });
});
`;

if (nodeProcess?.versions?.node && g.Worker === undefined && typeof SharedArrayBuffer !== "undefined") {
  const loaded = Promise.all([import("node:worker_threads"), import("node:buffer")]);
  let modules: Awaited<typeof loaded> | undefined;
  loaded.then((m) => (modules = m));

  class NodeWebWorker {
    onmessage: ((e: { data: unknown }) => void) | null = null;
    onerror: ((e: { message: string }) => void) | null = null;
    private readonly thread: import("node:worker_threads").Worker;
    private awaiting = 0;

    constructor(url: string | URL) {
      if (modules === undefined) throw new Error("Worker shim: node:worker_threads is not loaded yet");
      const [{ Worker }, { resolveObjectURL }] = modules;
      const source = resolveObjectURL(String(url));
      if (source === undefined) throw new Error(`Worker shim: only blob: URLs are supported, got ${String(url)}`);
      this.thread = new Worker(BOOTSTRAP, { eval: true });
      this.thread.unref();
      this.thread.on("message", (data: unknown) => {
        if (--this.awaiting === 0) this.thread.unref();
        this.onmessage?.({ data });
      });
      this.thread.on("error", (e: Error) => this.onerror?.({ message: e.message }));
      void source.text().then((text) => this.thread.postMessage({ __workerSource: text }));
    }

    postMessage(message: unknown): void {
      if (this.awaiting++ === 0) this.thread.ref();
      this.thread.postMessage(message);
    }

    terminate(): void {
      void this.thread.terminate();
    }
  }
  g.Worker = NodeWebWorker;
  await loaded;
}

export {};
