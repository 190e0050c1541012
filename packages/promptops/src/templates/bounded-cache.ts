/**
 * A least-recently-used map with a fixed number of entries. Rendering sits on the runtime hot path,
 * so parsed templates and compiled schemas are cached, but never without bound: prompt text comes
 * from users and an unbounded cache keyed by it would grow for as long as the process lives.
 */
export class BoundedCache<Key, Value> {
  readonly #entries = new Map<Key, Value>();
  readonly #capacity: number;
  readonly #onEvict: ((key: Key, value: Value) => void) | undefined;

  constructor(capacity: number, onEvict?: (key: Key, value: Value) => void) {
    this.#capacity = capacity;
    this.#onEvict = onEvict;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: Key): Value | undefined {
    const value = this.#entries.get(key);
    if (value === undefined) return undefined;
    // Re-insert so Map's insertion order doubles as recency order.
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  set(key: Key, value: Value): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size <= this.#capacity) return;
    const oldest = this.#entries.keys().next();
    if (oldest.done) return;
    const evicted = this.#entries.get(oldest.value) as Value;
    this.#entries.delete(oldest.value);
    this.#onEvict?.(oldest.value, evicted);
  }

  /** The cached value, or the one `create` makes (then cached). */
  getOrCreate(key: Key, create: () => Value): Value {
    const cached = this.get(key);
    if (cached !== undefined) return cached;
    const value = create();
    this.set(key, value);
    return value;
  }
}
