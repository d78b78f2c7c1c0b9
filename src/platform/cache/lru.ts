// A least-recently-used map bounded by the bytes of its values (not by their count): a cached
// PDF of 200 KB weighs as much as fifty pages of 4 KB. A Map keeps insertion order, so the
// first key is always the least recently used one.

export type Sized = { readonly bytes: number };

export class ByteLru<V extends Sized> {
  readonly maxBytes: number;
  private readonly map = new Map<string, V>();
  private total = 0;

  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }

  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v === undefined) return undefined;
    // Most recently used last.
    this.map.delete(key);
    this.map.set(key, v);
    return v;
  }

  /** Store a value (replacing one under the same key); a value larger than the whole budget is not kept. */
  set(key: string, value: V): void {
    this.delete(key);
    if (value.bytes > this.maxBytes) return;
    this.map.set(key, value);
    this.total += value.bytes;
    for (const [k, v] of this.map) {
      if (this.total <= this.maxBytes) break;
      this.map.delete(k);
      this.total -= v.bytes;
    }
  }

  delete(key: string): void {
    const prior = this.map.get(key);
    if (prior === undefined) return;
    this.map.delete(key);
    this.total -= prior.bytes;
  }

  /** Remove every entry whose key starts with `prefix` (all of one tenant, say). */
  deletePrefix(prefix: string): void {
    for (const k of [...this.map.keys()]) if (k.startsWith(prefix)) this.delete(k);
  }

  get size(): number {
    return this.map.size;
  }

  get bytes(): number {
    return this.total;
  }
}
