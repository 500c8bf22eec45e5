/**
 * Node 20 polyfills that `@jax-js/jax` needs (see shared engine notes):
 *  1. `Float16Array` — only used by jax-js in an `instanceof` check; without it every float64
 *     array creation and float64 gradient throws `Float16Array is not defined`.
 *  2. Iterator helpers (`map`, `filter`, `toArray` on %IteratorPrototype%) — `np.einsum` calls
 *     `String.prototype.matchAll(...).map`. Node >= 22 has them built in.
 * Both are no-ops where the runtime already provides them (browsers, newer Node).
 */
const g = globalThis as Record<string, unknown>;
if (g.Float16Array === undefined) {
  g.Float16Array = class Float16ArrayPlaceholder {};
}

const iteratorProto = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())) as Record<string, unknown>;
if (typeof iteratorProto.map !== "function") {
  Object.defineProperty(iteratorProto, "map", {
    configurable: true,
    writable: true,
    value: function* map<T, U>(this: Iterator<T>, fn: (v: T, i: number) => U) {
      let i = 0;
      for (let r = this.next(); !r.done; r = this.next()) yield fn(r.value, i++);
    },
  });
}
if (typeof iteratorProto.filter !== "function") {
  Object.defineProperty(iteratorProto, "filter", {
    configurable: true,
    writable: true,
    value: function* filter<T>(this: Iterator<T>, fn: (v: T, i: number) => boolean) {
      let i = 0;
      for (let r = this.next(); !r.done; r = this.next()) if (fn(r.value, i++)) yield r.value;
    },
  });
}
if (typeof iteratorProto.toArray !== "function") {
  Object.defineProperty(iteratorProto, "toArray", {
    configurable: true,
    writable: true,
    value: function toArray<T>(this: Iterator<T>) {
      const out: T[] = [];
      for (let r = this.next(); !r.done; r = this.next()) out.push(r.value);
      return out;
    },
  });
}
