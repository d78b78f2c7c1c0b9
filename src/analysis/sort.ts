/**
 * Linear-time sorting helpers on typed arrays (LSD radix sort, stable).
 *
 * Used to order cells row-major by (iy, ix) and p-values for the Benjamini–Hochberg step-up;
 * a comparison sort with a JS comparator is 10–20× slower on a million elements.
 */

/**
 * Stable argsort of unsigned 64-bit keys given as (hi, lo) 32-bit halves: returns the permutation
 * `perm` such that `(hi[perm[k]], lo[perm[k]])` is non-decreasing. Counting passes over 16-bit
 * digits for large inputs and 8-bit digits below 64 Ki elements (so that small inputs do not pay
 * for 65 536-entry histograms); passes whose digit is constant are skipped.
 */
export function argsortU64(hi: Uint32Array, lo: Uint32Array): Uint32Array {
  const n = hi.length;
  let perm = new Uint32Array(n);
  let tmp = new Uint32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  const bits = n >= 65536 ? 16 : 8;
  const radix = 1 << bits;
  const mask = radix - 1;
  const count = new Uint32Array(radix);
  for (let pass = 0; pass < 64 / bits; pass++) {
    const key = pass < 32 / bits ? lo : hi;
    const shift = (pass * bits) % 32;
    const first = n > 0 ? (key[0] >>> shift) & mask : 0;
    let constant = true;
    for (let i = 1; i < n; i++) {
      if (((key[i] >>> shift) & mask) !== first) {
        constant = false;
        break;
      }
    }
    if (constant) continue;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(key[i] >>> shift) & mask]++;
    let sum = 0;
    for (let d = 0; d < radix; d++) {
      const c = count[d];
      count[d] = sum;
      sum += c;
    }
    for (let k = 0; k < n; k++) {
      const i = perm[k];
      tmp[count[(key[i] >>> shift) & mask]++] = i;
    }
    const t = perm;
    perm = tmp;
    tmp = t;
  }
  return perm;
}

/** Argsort of signed 32-bit pairs, row-major: by `major` then `minor` (e.g. iy then ix). */
export function argsortRowMajor(major: Int32Array, minor: Int32Array): Uint32Array {
  const n = major.length;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    hi[i] = (major[i] ^ 0x80000000) >>> 0;
    lo[i] = (minor[i] ^ 0x80000000) >>> 0;
  }
  return argsortU64(hi, lo);
}

/**
 * Stable argsort of non-negative doubles (NaN excluded by the caller) in ascending order. The
 * IEEE-754 bit pattern of a non-negative double, read as an unsigned 64-bit integer, orders like
 * the number itself, so this is {@link argsortU64} on the two halves of the bit pattern.
 */
export function argsortNonNegative(values: Float64Array): Uint32Array {
  const n = values.length;
  const copy = new Float64Array(n);
  for (let i = 0; i < n; i++) copy[i] = values[i] + 0; // −0 → +0
  const words = new Uint32Array(copy.buffer); // little-endian platforms (x86-64, arm64)
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    lo[i] = words[2 * i];
    hi[i] = words[2 * i + 1];
  }
  return argsortU64(hi, lo);
}
