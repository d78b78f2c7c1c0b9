/**
 * Fast CSV text output straight into a byte buffer (ASCII), handed to a sink when full.
 *
 * Building one JS string per row and joining them costs far more than the number conversions
 * themselves (a million rows of 11 fields: seconds of allocation and GC); writing bytes avoids
 * that. Integers (and halves) are written digit by digit; other doubles use `String(x)` — JavaScript's
 * shortest round-trip form, so the text reads back as exactly the same double — and its
 * characters are copied. NaN is written as `NaN`.
 */
const CACHE = 1 << 14;
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);

export class ByteWriter {
  private buf: Uint8Array;
  private pos = 0;
  private readonly sink: (bytes: Uint8Array) => void;
  /** Bytes handed to the sink so far. */
  flushed = 0;

  constructor(sink: (bytes: Uint8Array) => void, capacity = 1 << 20) {
    this.sink = sink;
    this.buf = new Uint8Array(capacity);
  }

  /** Make room for at least `n` more bytes. */
  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.flush();
    if (n > this.buf.length) this.buf = new Uint8Array(n * 2);
  }

  /** Hand the buffered bytes to the sink (which must consume them before returning). */
  flush(): void {
    if (this.pos === 0) return;
    this.sink(this.buf.subarray(0, this.pos));
    this.flushed += this.pos;
    this.pos = 0;
  }

  /** One byte (e.g. 44 ",", 10 "\n"). */
  byte(c: number): void {
    if (this.pos >= this.buf.length) this.room(1);
    this.buf[this.pos++] = c;
  }

  /** Raw bytes. */
  bytes(src: Uint8Array): void {
    this.room(src.length);
    if (src.length > 64) this.buf.set(src, this.pos);
    else for (let i = 0; i < src.length; i++) this.buf[this.pos + i] = src[i];
    this.pos += src.length;
  }

  /** An ASCII string (characters ≥ 128 are written as UTF-8). */
  ascii(s: string): void {
    const n = s.length;
    this.room(n * 3);
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 128) b[p++] = c;
      else {
        this.pos = p;
        const bytes = new TextEncoder().encode(s.slice(i));
        this.room(bytes.length);
        this.buf.set(bytes, this.pos);
        this.pos += bytes.length;
        return;
      }
    }
    this.pos = p;
  }

  /** A safe integer (|v| < 2^53). */
  int(v: number): void {
    this.room(24);
    const b = this.buf;
    let p = this.pos;
    if (v < 0) {
      b[p++] = 45;
      v = -v;
    }
    if (v < 2147483648) {
      let x = v | 0;
      const digits =
        x < 10
          ? 1
          : x < 100
            ? 2
            : x < 1000
              ? 3
              : x < 10000
                ? 4
                : x < 100000
                  ? 5
                  : x < 1000000
                    ? 6
                    : x < 10000000
                      ? 7
                      : x < 100000000
                        ? 8
                        : x < 1000000000
                          ? 9
                          : 10;
      let e = p + digits;
      this.pos = e;
      while (x >= 10) {
        const q = (x / 10) | 0;
        b[--e] = 48 + x - q * 10;
        x = q;
      }
      b[--e] = 48 + x;
      return;
    }
    let digits = 0;
    for (let t = v; t >= 1; t = Math.floor(t / 10)) digits++;
    let q = p + digits;
    this.pos = q;
    while (q > p) {
      const d = v % 10;
      b[--q] = 48 + d;
      v = (v - d) / 10;
    }
  }

  /** Any number in shortest round-trip form. */
  num(v: number): void {
    if (Number.isSafeInteger(v) && !Object.is(v, -0)) this.int(v);
    else if (Number.isSafeInteger(v * 2) && v !== 0) {
      // Halves (cell centroids): integer part and ".5".
      if (v < 0) this.byte(45);
      this.int(Math.floor(Math.abs(v)));
      this.byte(46);
      this.byte(53);
    } else this.ascii(String(v));
  }

  /**
   * Like {@link num}, through a small direct-mapped cache of recent conversions. Statistics over
   * grid cells repeat a lot (a million cells at 25 m had 13 000 distinct z-scores: every isolated
   * cell with one incident has the same z), and a cache hit costs a fraction of `String(x)`.
   */
  numCached(v: number): void {
    F64[0] = v;
    const h = (Math.imul(U32[0] ^ U32[1], 0x9e3779b1) >>> 18) & (CACHE - 1);
    let s = this.cacheText[h];
    if (s === undefined || this.cacheKey[h] !== v || Number.isNaN(v)) {
      if (Number.isSafeInteger(v) || Number.isNaN(v)) {
        this.num(v);
        return;
      }
      s = String(v);
      this.cacheKey[h] = v;
      this.cacheText[h] = s;
    }
    const n = s.length;
    this.room(n);
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) b[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  private readonly cacheKey = new Float64Array(CACHE);
  private readonly cacheText: Array<string | undefined> = new Array(CACHE).fill(undefined);

  /** Close: flush what is left. */
  end(): void {
    this.flush();
  }
}
