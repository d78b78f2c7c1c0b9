;; CSV row kernel for Trygg's analysis engine (WebAssembly text, SIMD).
;;
;; Accelerates the common case of csv-scan.ts' RowParser: rows of a quote-free chunk whose two
;; needed fields are plain decimals. It reads the rows of memory[from, to), parses the fields at
;; column indexes colA and colB exactly as RowParser's fast path does (a sign, at most 15 digits
;; with an optional '.', directly followed by the delimiter, CR or LF; value = m / 10^k with m the
;; digits as an integer — bit-identical to the JavaScript parser), skips the rest of the row 16
;; bytes at a time (i8x16.eq + i8x16.bitmask), and stores the values and the row's line number.
;;
;; The same module evaluates the fast projection polynomial (fast-projection.ts) on the parsed
;; coordinates, with the same operations in the same order as the JavaScript, so results are
;; bit-identical.
;;
;; Anything else — a field that is not such a number, a missing field, a blank line with CR —
;; makes it stop at the start of that row with status 1, so that the JavaScript parser handles
;; that one row (and reports it if it is bad). The caller guarantees: no '"' in [from, to), a '\n'
;; sentinel at memory[to], and 16 readable bytes after it.
;;
;; Build: node src/analysis/wasm/build.ts (wat2wasm from Debian's wabt) → csv-kernel.wasm.ts.
(module
  (memory (export "memory") 220)

  ;; Rows stored so far in the output arrays, line number of the next row, exit status.
  (global $n (export "n") (mut i32) (i32.const 0))
  (global $line (export "line") (mut i32) (i32.const 0))
  (global $status (export "status") (mut i32) (i32.const 0))
  ;; Results of $num.
  (global $npos (mut i32) (i32.const 0))
  (global $nok (mut i32) (i32.const 0))

  ;; 10^0 … 10^22 as f64 at offset 0 (all exact).
  (func (export "init")
    (local $i i32)
    (local $v f64)
    (local.set $v (f64.const 1))
    (loop $l
      (f64.store (i32.shl (local.get $i) (i32.const 3)) (local.get $v))
      (local.set $v (f64.mul (local.get $v) (f64.const 10)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 23)))))

  ;; Fast decimal at $p: sets $npos (end of the number) and $nok (1 if accepted).
  (func $num (param $p i32) (param $delim i32) (result f64)
    (local $c i32)
    (local $neg i32)
    (local $m i64)
    (local $digits i32)
    (local $frac i32)
    (local $v f64)
    (local.set $c (i32.load8_u (local.get $p)))
    (if (i32.eq (local.get $c) (i32.const 45))
      (then
        (local.set $neg (i32.const 1))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (local.set $c (i32.load8_u (local.get $p))))
      (else
        (if (i32.eq (local.get $c) (i32.const 43))
          (then
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (local.set $c (i32.load8_u (local.get $p)))))))
    (block $d1
      (loop $l1
        (br_if $d1 (i32.gt_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 9)))
        (local.set $m (i64.add (i64.mul (local.get $m) (i64.const 10))
                               (i64.extend_i32_u (i32.sub (local.get $c) (i32.const 48)))))
        (local.set $digits (i32.add (local.get $digits) (i32.const 1)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (local.set $c (i32.load8_u (local.get $p)))
        (br $l1)))
    (if (i32.eq (local.get $c) (i32.const 46))
      (then
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (local.set $c (i32.load8_u (local.get $p)))
        (block $d2
          (loop $l2
            (br_if $d2 (i32.gt_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 9)))
            (local.set $m (i64.add (i64.mul (local.get $m) (i64.const 10))
                                   (i64.extend_i32_u (i32.sub (local.get $c) (i32.const 48)))))
            (local.set $digits (i32.add (local.get $digits) (i32.const 1)))
            (local.set $frac (i32.add (local.get $frac) (i32.const 1)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (local.set $c (i32.load8_u (local.get $p)))
            (br $l2)))))
    (if (i32.and
          (i32.and (i32.ge_u (local.get $digits) (i32.const 1)) (i32.le_u (local.get $digits) (i32.const 15)))
          (i32.or (i32.eq (local.get $c) (local.get $delim))
                  (i32.or (i32.eq (local.get $c) (i32.const 10)) (i32.eq (local.get $c) (i32.const 13)))))
      (then
        (global.set $npos (local.get $p))
        (global.set $nok (i32.const 1))
        (local.set $v (f64.div (f64.convert_i64_u (local.get $m))
                               (f64.load (i32.shl (local.get $frac) (i32.const 3)))))
        (if (local.get $neg) (then (local.set $v (f64.neg (local.get $v)))))
        (return (local.get $v))))
    (global.set $nok (i32.const 0))
    (f64.const 0))

  ;; Fast SWEREF 99 TM projection (fast-projection.ts) of points [from, to): a[i], b[i] = lat, lon
  ;; → outN[i], outE[i]; NaN outside 52–72° N, 5–30° E. Tiles: tileIdx (i32 per tile of the
  ;; 160 × 100 table, −1 = not built) and 50 f64 coefficients per tile at coef + 400·t, built by
  ;; JavaScript. Returns `to`, or the first point whose tile is not built yet.
  (func (export "project")
    (param $aOff i32) (param $bOff i32) (param $nOff i32) (param $eOff i32)
    (param $from i32) (param $to i32) (param $tileIdx i32) (param $coef i32)
    (result i32)
    (local $i i32) (local $la f64) (local $lo f64) (local $y f64) (local $x f64)
    (local $row i32) (local $col i32) (local $t i32) (local $c i32)
    (local $u f64) (local $v f64) (local $uv f64)
    (local.set $i (local.get $from))
    (block $done
      (loop $pts
        (br_if $done (i32.ge_u (local.get $i) (local.get $to)))
        (local.set $la (f64.load (i32.add (local.get $aOff) (i32.shl (local.get $i) (i32.const 3)))))
        (local.set $lo (f64.load (i32.add (local.get $bOff) (i32.shl (local.get $i) (i32.const 3)))))
        (if (i32.and
              (i32.and (f64.ge (local.get $la) (f64.const 52)) (f64.le (local.get $la) (f64.const 72)))
              (i32.and (f64.ge (local.get $lo) (f64.const 5)) (f64.le (local.get $lo) (f64.const 30))))
          (then
            (local.set $y (f64.mul (f64.sub (local.get $la) (f64.const 52)) (f64.const 8)))
            (local.set $x (f64.mul (f64.sub (local.get $lo) (f64.const 5)) (f64.const 4)))
            (local.set $row (i32.trunc_f64_s (f64.floor (local.get $y))))
            (if (i32.gt_s (local.get $row) (i32.const 159)) (then (local.set $row (i32.const 159))))
            (local.set $col (i32.trunc_f64_s (f64.floor (local.get $x))))
            (if (i32.gt_s (local.get $col) (i32.const 99)) (then (local.set $col (i32.const 99))))
            (local.set $t (i32.load (i32.add (local.get $tileIdx)
              (i32.shl (i32.add (i32.mul (local.get $row) (i32.const 100)) (local.get $col)) (i32.const 2)))))
            (if (i32.lt_s (local.get $t) (i32.const 0)) (then (return (local.get $i))))
            (local.set $c (i32.add (local.get $coef) (i32.mul (local.get $t) (i32.const 400))))
            (local.set $u (f64.sub (f64.mul (f64.const 2) (f64.sub (local.get $y) (f64.convert_i32_s (local.get $row)))) (f64.const 1)))
            (local.set $v (f64.sub (f64.mul (f64.const 2) (f64.sub (local.get $x) (f64.convert_i32_s (local.get $col)))) (f64.const 1)))
            (local.set $uv (f64.mul (local.get $u) (local.get $v)))
            (f64.store (i32.add (local.get $nOff) (i32.shl (local.get $i) (i32.const 3)))
              (f64.add (f64.add (f64.add (f64.load offset=0 (local.get $c)) (f64.mul (local.get $u) (f64.add (f64.load offset=40 (local.get $c)) (f64.mul (local.get $u) (f64.add (f64.load offset=80 (local.get $c)) (f64.mul (local.get $u) (f64.add (f64.load offset=120 (local.get $c)) (f64.mul (local.get $u) (f64.load offset=160 (local.get $c)))))))))) (f64.mul (local.get $v) (f64.add (f64.load offset=8 (local.get $c)) (f64.mul (local.get $v) (f64.add (f64.load offset=16 (local.get $c)) (f64.mul (local.get $v) (f64.add (f64.load offset=24 (local.get $c)) (f64.mul (local.get $v) (f64.load offset=32 (local.get $c)))))))))) (f64.mul (local.get $uv) (f64.add (f64.add (f64.add (f64.load offset=48 (local.get $c)) (f64.mul (local.get $u) (f64.add (f64.load offset=88 (local.get $c)) (f64.mul (f64.load offset=128 (local.get $c)) (local.get $u))))) (f64.mul (local.get $v) (f64.add (f64.load offset=56 (local.get $c)) (f64.mul (f64.load offset=64 (local.get $c)) (local.get $v))))) (f64.mul (f64.load offset=96 (local.get $c)) (local.get $uv))))))
            (f64.store (i32.add (local.get $eOff) (i32.shl (local.get $i) (i32.const 3)))
              (f64.add (f64.add (f64.add (f64.load offset=200 (local.get $c)) (f64.mul (local.get $u) (f64.add (f64.load offset=240 (local.get $c)) (f64.mul (local.get $u) (f64.add (f64.load offset=280 (local.get $c)) (f64.mul (local.get $u) (f64.add (f64.load offset=320 (local.get $c)) (f64.mul (local.get $u) (f64.load offset=360 (local.get $c)))))))))) (f64.mul (local.get $v) (f64.add (f64.load offset=208 (local.get $c)) (f64.mul (local.get $v) (f64.add (f64.load offset=216 (local.get $c)) (f64.mul (local.get $v) (f64.add (f64.load offset=224 (local.get $c)) (f64.mul (local.get $v) (f64.load offset=232 (local.get $c)))))))))) (f64.mul (local.get $uv) (f64.add (f64.add (f64.add (f64.load offset=248 (local.get $c)) (f64.mul (local.get $u) (f64.add (f64.load offset=288 (local.get $c)) (f64.mul (f64.load offset=328 (local.get $c)) (local.get $u))))) (f64.mul (local.get $v) (f64.add (f64.load offset=256 (local.get $c)) (f64.mul (f64.load offset=264 (local.get $c)) (local.get $v))))) (f64.mul (f64.load offset=296 (local.get $c)) (local.get $uv)))))))
          (else
            (f64.store (i32.add (local.get $nOff) (i32.shl (local.get $i) (i32.const 3))) (f64.const nan))
            (f64.store (i32.add (local.get $eOff) (i32.shl (local.get $i) (i32.const 3))) (f64.const nan))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $pts)))
    (local.get $to))

  ;; Parse rows of [from, to) (see module comment). Returns the position where it stopped.
  (func (export "scan")
    (param $from i32) (param $to i32) (param $eof i32) (param $delim i32)
    (param $ca i32) (param $cb i32) (param $maxCol i32)
    (param $outA i32) (param $outB i32) (param $outL i32) (param $cap i32)
    (result i32)
    (local $pos i32)
    (local $rowStart i32)
    (local $c i32)
    (local $f i32)
    (local $va f64)
    (local $vb f64)
    (local $v f64)
    (local $mask i32)
    (local $n i32)
    (local $line i32)
    (local.set $pos (local.get $from))
    (local.set $n (global.get $n))
    (local.set $line (global.get $line))
    (global.set $status (i32.const 0))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $pos) (local.get $to)))
        (br_if $done (i32.ge_u (local.get $n) (local.get $cap)))
        (local.set $rowStart (local.get $pos))
        (local.set $c (i32.load8_u (local.get $pos)))
        ;; Blank line (LF only; CR LF goes to the JavaScript parser).
        (if (i32.eq (local.get $c) (i32.const 10))
          (then
            (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
            (br_if $done (i32.gt_u (local.get $pos) (local.get $to)))
            (local.set $line (i32.add (local.get $line) (i32.const 1)))
            (br $rows)))
        (local.set $f (i32.const 0))
        (block $fields_done
          (loop $fields
            (if (i32.or (i32.eq (local.get $f) (local.get $ca)) (i32.eq (local.get $f) (local.get $cb)))
              (then
                (local.set $v (call $num (local.get $pos) (local.get $delim)))
                (if (i32.eqz (global.get $nok))
                  (then
                    (global.set $status (i32.const 1))
                    (local.set $pos (local.get $rowStart))
                    (br $done)))
                (local.set $pos (global.get $npos))
                (if (i32.eq (local.get $f) (local.get $ca))
                  (then (local.set $va (local.get $v)))
                  (else (local.set $vb (local.get $v)))))
              (else
                ;; A column we do not need: to the next delimiter; a row end here means the row
                ;; is short, which the JavaScript parser reports.
                (block $skipped
                  (loop $skip
                    (local.set $c (i32.load8_u (local.get $pos)))
                    (br_if $skipped (i32.eq (local.get $c) (local.get $delim)))
                    (if (i32.eq (local.get $c) (i32.const 10))
                      (then
                        (global.set $status (i32.const 1))
                        (local.set $pos (local.get $rowStart))
                        (br $done)))
                    (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
                    (br $skip)))))
            (br_if $fields_done (i32.ge_u (local.get $f) (local.get $maxCol)))
            (if (i32.ne (i32.load8_u (local.get $pos)) (local.get $delim))
              (then
                (global.set $status (i32.const 1))
                (local.set $pos (local.get $rowStart))
                (br $done)))
            (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
            (local.set $f (i32.add (local.get $f) (i32.const 1)))
            (br $fields)))
        ;; Skip to the row's '\n', 16 bytes at a time.
        (if (i32.ne (i32.load8_u (local.get $pos)) (i32.const 10))
          (then
            (block $found
              (loop $scan16
                (local.set $mask
                  (i8x16.bitmask
                    (i8x16.eq (v128.load align=1 (local.get $pos)) (i8x16.splat (i32.const 10)))))
                (br_if $found (local.get $mask))
                (local.set $pos (i32.add (local.get $pos) (i32.const 16)))
                (br $scan16)))
            (local.set $pos (i32.add (local.get $pos) (i32.ctz (local.get $mask))))))
        ;; A row that runs into the sentinel is complete only at the end of the data.
        (if (i32.and (i32.ge_u (local.get $pos) (local.get $to)) (i32.eqz (local.get $eof)))
          (then
            (local.set $pos (local.get $rowStart))
            (br $done)))
        (f64.store (i32.add (local.get $outA) (i32.shl (local.get $n) (i32.const 3))) (local.get $va))
        (f64.store (i32.add (local.get $outB) (i32.shl (local.get $n) (i32.const 3))) (local.get $vb))
        (i32.store (i32.add (local.get $outL) (i32.shl (local.get $n) (i32.const 2))) (local.get $line))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (local.set $line (i32.add (local.get $line) (i32.const 1)))
        (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
        (br $rows)))
    (global.set $n (local.get $n))
    (global.set $line (local.get $line))
    (if (result i32) (i32.gt_u (local.get $pos) (local.get $to))
      (then (local.get $to))
      (else (local.get $pos)))))
