;; The reference LIF's inner loop (src/model/lif.ts, simulateLif) in WebAssembly text, assembled
;; into lif-kernel.wasm by dev/build-wasm.mjs (`npm run build`, which `npm ci` runs) with wabt.
;;
;; Why WebAssembly: issue 12 measured the same loop in plain JavaScript, with a 32-bit
;; xoshiro128** feeding a ziggurat, at about 1.8x the ns per neuron-step of the loop in C -O2, and
;; asked for 1.5x at most. Here the generator runs on native 64-bit integers.
;;
;; Why the loops are cut as they are: V8's optimising compiler keeps a loop's values in registers
;; only when nothing inside the loop calls a function; one call, even on a path taken once in a
;; hundred, sends them to the stack on every pass and doubles the time. So the hot loops
;; ($fillNormals, $advance) call nothing: the ziggurat's rare slow path and the rare part-step
;; after a refractory period (whose propagators come from JavaScript) are set aside in a list and
;; done after the loop, and so are spikes.
;;
;; The intrinsic noise: xoroshiro128++ (Blackman & Vigna, "Scrambled linear pseudorandom number
;; generators", ACM TOMS 47(4), 2021; period 2^128 - 1, two 64-bit words of state), seeded from
;; the request's seed by splitmix64 (Steele, Lea & Flood, OOPSLA 2014), turned into standard
;; normals by the ziggurat of Marsaglia & Tsang (J. Stat. Softw. 5(8), 2000) with 256 layers.
;; Stream A is two such generators, the two lanes of a SIMD vector, seeded with splitmix64's
;; outputs 1-2 and 3-4: the trials go in pairs, the first of a pair drawing from lane 0 and the
;; second from lane 1 (with an odd number of trials the last pair's second normal is drawn and
;; not used). Each normal's first try is one 64-bit output: bits 0-7 pick the layer, bit 8 is the
;; sign and bits 12-63 the magnitude, so none is used twice (the fault Doornik (2005) found in
;; the original's 32-bit version). A try outside its layer's inner rectangle (about 1 in 100) goes
;; to the slow path, the tail or the wedge test, whose further draws come from stream B, a third
;; generator (splitmix64's outputs 5-6), taking the slow paths in the order of their slots.
;; Rejections draw again, so the normals follow the normal law exactly, up to the 2^-52 grid of
;; the magnitude. The tables (kn, wn, fn) are computed in JavaScript (lif-kernel.ts) and written
;; at the start of memory.
;;
;; Order: every step draws one normal for every trial, refractory or not; with the noise off
;; nothing is drawn. How many steps one call takes changes nothing in what is drawn.
;;
;; Memory: kn (i64) at 0, wn (f64) at 2048, fn (f64) at 4096, $fillNormals' constants at 6144,
;; $advance's at 6208; the caller's arrays from 8192 on.

(module
  (import "env" "exp" (func $exp (param f64) (result f64)))
  (import "env" "log" (func $log (param f64) (result f64)))
  ;; The scheme's propagators over a part h of a step (lif.ts, propagators).
  (import "env" "decay" (func $decay (param f64) (result f64)))
  (import "env" "noiseScale" (func $noiseScale (param f64) (result f64)))
  (memory (export "memory") 1)

  ;; Stream A (first tries; two xoroshiro128++ generators, one per SIMD lane: word 0 of both in
  ;; $a0, word 1 in $a1) and stream B (the slow path) between calls.
  (global $a0 (mut v128) (v128.const i64x2 0 0))
  (global $a1 (mut v128) (v128.const i64x2 0 0))
  (global $b0 (mut i64) (i64.const 0))
  (global $b1 (mut i64) (i64.const 0))
  ;; The lists the hot loops append to on their rare paths, kept out of their registers.
  (global $pendPtr (mut i32) (i32.const 0))
  (global $pending (mut i32) (i32.const 0))
  (global $crossPtr (mut i32) (i32.const 0))
  (global $crossings (mut i32) (i32.const 0))

  ;; The tail of the ziggurat starts at R (as in lif-kernel.ts).
  (global $R f64 (f64.const 3.6541528853610088))

  ;; splitmix64's output function; its state steps by 0x9e3779b97f4a7c15.
  (func $splitmix (param $x i64) (result i64)
    (local $z i64)
    (local.set $z (local.get $x))
    (local.set $z (i64.mul (i64.xor (local.get $z) (i64.shr_u (local.get $z) (i64.const 30)))
                           (i64.const 0xbf58476d1ce4e5b9)))
    (local.set $z (i64.mul (i64.xor (local.get $z) (i64.shr_u (local.get $z) (i64.const 27)))
                           (i64.const 0x94d049bb133111eb)))
    (i64.xor (local.get $z) (i64.shr_u (local.get $z) (i64.const 31))))

  ;; Seeds stream A's lane 0 with the first two splitmix64 outputs from the seed hi * 2^32 + lo,
  ;; its lane 1 with the next two, and stream B with the two after.
  (func (export "seed") (param $lo i32) (param $hi i32)
    (local $x i64)
    (local $w0 i64)
    (local $w1 i64)
    (v128.store (i32.const 6144) (v128.const i32x4 2040 2040 2040 2040))
    (v128.store (i32.const 6160) (v128.const i64x2 0x4330000000000000 0x4330000000000000))
    (v128.store (i32.const 6176) (v128.const i64x2 0x8000000000000000 0x8000000000000000))
    (local.set $x (i64.or (i64.shl (i64.extend_i32_u (local.get $hi)) (i64.const 32))
                          (i64.extend_i32_u (local.get $lo))))
    (local.set $w0 (call $splitmix (local.tee $x (i64.add (local.get $x) (i64.const 0x9e3779b97f4a7c15)))))
    (local.set $w1 (call $splitmix (local.tee $x (i64.add (local.get $x) (i64.const 0x9e3779b97f4a7c15)))))
    (global.set $a0 (i64x2.replace_lane 0 (global.get $a0) (local.get $w0)))
    (global.set $a1 (i64x2.replace_lane 0 (global.get $a1) (local.get $w1)))
    (local.set $w0 (call $splitmix (local.tee $x (i64.add (local.get $x) (i64.const 0x9e3779b97f4a7c15)))))
    (local.set $w1 (call $splitmix (local.tee $x (i64.add (local.get $x) (i64.const 0x9e3779b97f4a7c15)))))
    (global.set $a0 (i64x2.replace_lane 1 (global.get $a0) (local.get $w0)))
    (global.set $a1 (i64x2.replace_lane 1 (global.get $a1) (local.get $w1)))
    (global.set $b0 (call $splitmix (local.tee $x (i64.add (local.get $x) (i64.const 0x9e3779b97f4a7c15)))))
    (global.set $b1 (call $splitmix (local.tee $x (i64.add (local.get $x) (i64.const 0x9e3779b97f4a7c15))))))

  ;; The next output of stream B (xoroshiro128++; $fillNormals steps stream A the same way).
  (func $nextB (result i64)
    (local $s0 i64)
    (local $s1 i64)
    (local $result i64)
    (local.set $s0 (global.get $b0))
    (local.set $s1 (global.get $b1))
    (local.set $result (i64.add (i64.rotl (i64.add (local.get $s0) (local.get $s1)) (i64.const 17))
                                (local.get $s0)))
    (local.set $s1 (i64.xor (local.get $s1) (local.get $s0)))
    (global.set $b0 (i64.xor (i64.xor (i64.rotl (local.get $s0) (i64.const 49)) (local.get $s1))
                             (i64.shl (local.get $s1) (i64.const 21))))
    (global.set $b1 (i64.rotl (local.get $s1) (i64.const 28)))
    (local.get $result))

  ;; A uniform double in (0, 1) from stream B: its top 53 bits and a half, times 2^-53.
  (func $uniformB (result f64)
    (f64.mul (f64.add (f64.convert_i64_u (i64.shr_u (call $nextB) (i64.const 11)))
                      (f64.const 0.5))
             (f64.const 0x1p-53)))

  ;; The ziggurat's slow path for a first try r (layer: bits 0-7; sign: bit 8; magnitude: bits
  ;; 12-63, below 2^52) that fell outside its layer's inner rectangle: the tail beyond R for the
  ;; base layer, else the wedge test, else a fresh try from stream B.
  (func $slow (param $r i64) (result f64)
    (local $iz i32)
    (local $u i64)
    (local $negative i32)
    (local $x f64)
    (local $y f64)
    (loop $retry (result f64)
      (local.set $iz (i32.shl (i32.and (i32.wrap_i64 (local.get $r)) (i32.const 255)) (i32.const 3)))
      (local.set $u (i64.shr_u (local.get $r) (i64.const 12)))
      (local.set $negative (i32.and (i32.wrap_i64 (i64.shr_u (local.get $r) (i64.const 8))) (i32.const 1)))
      (local.set $x (f64.mul (f64.convert_i64_s (local.get $u)) (f64.load offset=2048 (local.get $iz))))
      (local.set $x (select (f64.neg (local.get $x)) (local.get $x) (local.get $negative)))
      (if (i64.lt_s (local.get $u) (i64.load (local.get $iz)))
        (then (return (local.get $x))))
      (if (i32.eqz (local.get $iz))
        (then
          (loop $tail
            (local.set $x (f64.div (f64.neg (call $log (call $uniformB))) (global.get $R)))
            (local.set $y (f64.neg (call $log (call $uniformB))))
            (br_if $tail (f64.lt (f64.add (local.get $y) (local.get $y))
                                 (f64.mul (local.get $x) (local.get $x)))))
          (return (select
            (f64.neg (f64.add (global.get $R) (local.get $x)))
            (f64.add (global.get $R) (local.get $x))
            (local.get $negative)))))
      (if (f64.lt
            (f64.add
              (f64.load offset=4096 (local.get $iz))
              (f64.mul (call $uniformB)
                       (f64.sub (f64.load offset=4088 (local.get $iz))
                                (f64.load offset=4096 (local.get $iz)))))
            (call $exp (f64.mul (f64.const -0.5) (f64.mul (local.get $x) (local.get $x)))))
        (then (return (local.get $x))))
      (local.set $r (call $nextB))
      (br $retry)))

  ;; Writes `count` standard normals at zPtr, rounded up to an even count: two at a time, one
  ;; per lane of stream A, the even slots from lane 0 and the odd from lane 1. A first try that
  ;; needs the slow path keeps its raw bits in its slot, and the slot's address goes in the list
  ;; at pendPtr, until the loop is done.
  (func $fillNormals (param $zPtr i32) (param $count i32) (param $pendPtr i32)
    (local $s0 v128) (local $s1 v128) (local $r v128) (local $u v128) (local $layers v128)
    (local $layerMask v128) (local $two52 v128) (local $signMask v128)
    (local $inner i32) (local $p i32) (local $end i32) (local $c i32) (local $i0 i32) (local $i1 i32)
    ;; constants read from memory, which V8 keeps in registers (a v128.const it rebuilds on every use)
    (local.set $layerMask (v128.load (i32.const 6144)))
    (local.set $two52 (v128.load (i32.const 6160)))
    (local.set $signMask (v128.load (i32.const 6176)))
    (local.set $s0 (global.get $a0))
    (local.set $s1 (global.get $a1))
    (global.set $pendPtr (local.get $pendPtr))
    (global.set $pending (i32.const 0))
    (local.set $p (local.get $zPtr))
    (local.set $end (i32.add (local.get $zPtr) (i32.shl (local.get $count) (i32.const 3))))
    (block $done
      (loop $normals
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        ;; xoroshiro128++ in both lanes: r = rotl(s0 + s1, 17) + s0; s1 ^= s0;
        ;; s0 = rotl(s0, 49) ^ s1 ^ (s1 << 21); s1 = rotl(s1, 28)
        (local.set $r (i64x2.add (local.get $s0) (local.get $s1)))
        (local.set $r (i64x2.add (v128.or (i64x2.shl (local.get $r) (i32.const 17))
                                          (i64x2.shr_u (local.get $r) (i32.const 47)))
                                 (local.get $s0)))
        (local.set $s1 (v128.xor (local.get $s1) (local.get $s0)))
        (local.set $s0 (v128.xor (v128.xor (v128.or (i64x2.shl (local.get $s0) (i32.const 49))
                                                    (i64x2.shr_u (local.get $s0) (i32.const 15)))
                                           (local.get $s1))
                                 (i64x2.shl (local.get $s1) (i32.const 21))))
        (local.set $s1 (v128.or (i64x2.shl (local.get $s1) (i32.const 28))
                                (i64x2.shr_u (local.get $s1) (i32.const 36))))
        ;; the ziggurat: each lane's layer from bits 0-7 (times 8: a table offset), its sign from
        ;; bit 8, its magnitude from bits 12-63
        (local.set $layers (v128.and (i32x4.shl (local.get $r) (i32.const 3)) (local.get $layerMask)))
        (local.set $i0 (i32x4.extract_lane 0 (local.get $layers)))
        (local.set $i1 (i32x4.extract_lane 2 (local.get $layers)))
        (local.set $u (i64x2.shr_u (local.get $r) (i32.const 12)))
        ;; magnitude * wn[layer], the magnitude (below 2^52) made a double exactly by putting it
        ;; in the mantissa of 2^52 and taking 2^52 off; then the sign bit
        (v128.store (local.get $p)
          (v128.xor
            (f64x2.mul
              (f64x2.sub (v128.or (local.get $u) (local.get $two52)) (local.get $two52))
              (v128.load64_lane offset=2048 1 (local.get $i1)
                                (v128.load64_zero offset=2048 (local.get $i0))))
            (v128.and (i64x2.shl (local.get $r) (i32.const 55)) (local.get $signMask))))
        ;; in the layer's inner rectangle when magnitude < kn[layer]: magnitude - kn negative
        (local.set $inner (i64x2.bitmask
                            (i64x2.sub (local.get $u)
                                       (v128.load64_lane 1 (local.get $i1)
                                                         (v128.load64_zero (local.get $i0))))))
        (if (i32.ne (local.get $inner) (i32.const 3))
          (then
            (if (i32.eqz (i32.and (local.get $inner) (i32.const 1)))
              (then
                (i64.store (local.get $p) (i64x2.extract_lane 0 (local.get $r)))
                (i32.store (i32.add (global.get $pendPtr) (i32.shl (global.get $pending) (i32.const 2)))
                           (local.get $p))
                (global.set $pending (i32.add (global.get $pending) (i32.const 1)))))
            (if (i32.eqz (i32.and (local.get $inner) (i32.const 2)))
              (then
                (i64.store (i32.add (local.get $p) (i32.const 8)) (i64x2.extract_lane 1 (local.get $r)))
                (i32.store (i32.add (global.get $pendPtr) (i32.shl (global.get $pending) (i32.const 2)))
                           (i32.add (local.get $p) (i32.const 8)))
                (global.set $pending (i32.add (global.get $pending) (i32.const 1)))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $normals)))
    (global.set $a0 (local.get $s0))
    (global.set $a1 (local.get $s1))
    (block $slowDone
      (loop $slowPaths
        (br_if $slowDone (i32.ge_s (local.get $c) (global.get $pending)))
        (local.set $p (i32.load (i32.add (local.get $pendPtr) (i32.shl (local.get $c) (i32.const 2)))))
        (f64.store (local.get $p) (call $slow (i64.load (local.get $p))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $slowPaths))))

  ;; The parameters of the run in progress, set by "run" for $advance.
  (global $n (mut i32) (i32.const 0))
  (global $i0 (mut i32) (i32.const 0))
  (global $recorded (mut i32) (i32.const 0))
  ;; the number of trials, even
  (global $stride (mut i32) (i32.const 0))
  (global $flags (mut i32) (i32.const 0))
  (global $refractorySteps (mut i32) (i32.const 0))
  (global $vPtr (mut i32) (i32.const 0))
  (global $untilPtr (mut i32) (i32.const 0))
  (global $leftPtr (mut i32) (i32.const 0))
  (global $vInfPtr (mut i32) (i32.const 0))
  (global $recPtr (mut i32) (i32.const 0))
  (global $zPtr (mut i32) (i32.const 0))
  (global $pairsPtr (mut i32) (i32.const 0))
  (global $partPtr (mut i32) (i32.const 0))
  (global $spikeTrialPtr (mut i32) (i32.const 0))
  (global $spikeTimePtr (mut i32) (i32.const 0))
  (global $dt (mut f64) (f64.const 0))
  (global $stepDecay (mut f64) (f64.const 0))
  (global $stepNoise (mut f64) (f64.const 0))
  (global $threshold (mut f64) (f64.const 0))
  (global $reset (mut f64) (f64.const 0))
  (global $refractoryMs (mut f64) (f64.const 0))
  ;; Spikes written in this run; trials that spiked in the last step and whose part-step
  ;; propagators "run" must compute (listed at $pendPtr).
  (global $spikes (mut i32) (i32.const 0))
  (global $listed (mut i32) (i32.const 0))

  ;; Advances every trial from step j of the chunk on, and returns the step it stopped before:
  ;; the chunk's end, or the step after one in which a trial spiked with interpolated timing
  ;; (its refractory period ends inside a later step, whose propagators "run" computes first).
  ;; Per step: the recorded trials' V, then the trials two at a time (a pair: trials 2m and
  ;; 2m + 1; with an odd number, the last pair's second is a stand-in whose spikes the caller
  ;; drops). A pair whose trials are both free (not held, not ending a refractory period in this
  ;; step) and both stay below threshold takes the SIMD path; any other, the scalar path, one
  ;; trial at a time: held at reset, or integrated over the whole step or over its part after the
  ;; refractory period, and a spike where V reaches threshold. Both paths do the same operations
  ;; on each trial. Calls nothing, so that V8 keeps its values in registers. Long because it is
  ;; the kernel's hot loop.
  (func $advance (param $j i32) (result i32)
    (local $n i32) (local $recorded i32) (local $stride i32) (local $euler i32) (local $stepEnd i32)
    (local $vPtr i32) (local $untilPtr i32) (local $leftPtr i32) (local $zStep i32)
    (local $o i32) (local $oEnd i32) (local $k i32) (local $kEnd i32) (local $q i32) (local $left i32)
    (local $pairsPtr i32) (local $special i32) (local $c i32)
    (local $dt f64) (local $t0 f64) (local $t1 f64) (local $vInf f64) (local $a f64) (local $s f64)
    (local $threshold f64) (local $reset f64) (local $until f64) (local $start f64)
    (local $vStart f64) (local $vEnd f64) (local $spike f64)
    (local $t0x2 v128) (local $vInfx2 v128) (local $ax2 v128) (local $sx2 v128)
    (local $thresholdx2 v128) (local $vStartx2 v128) (local $vEndx2 v128)
    (local.set $n (global.get $n))
    (local.set $recorded (global.get $recorded))
    (local.set $stride (global.get $stride))
    (local.set $vPtr (global.get $vPtr))
    (local.set $untilPtr (global.get $untilPtr))
    (local.set $leftPtr (global.get $leftPtr))
    (local.set $pairsPtr (global.get $pairsPtr))
    (local.set $euler (i32.and (global.get $flags) (i32.const 1)))
    (local.set $stepEnd (i32.and (global.get $flags) (i32.const 2)))
    (local.set $dt (global.get $dt))
    (local.set $threshold (global.get $threshold))
    (local.set $reset (global.get $reset))
    (local.set $oEnd (i32.shl (local.get $stride) (i32.const 3)))
    ;; The pair path's constants go through memory: V8 rebuilds a splat next to each of its uses,
    ;; in the loop, but keeps a loaded value in a register. The forward-Euler form multiplies by
    ;; 1 - decay where the others multiply by decay.
    (v128.store (i32.const 6208)
                (f64x2.splat (select (f64.sub (f64.const 1) (global.get $stepDecay))
                                     (global.get $stepDecay) (local.get $euler))))
    (v128.store (i32.const 6224) (f64x2.splat (global.get $stepNoise)))
    (v128.store (i32.const 6240) (f64x2.splat (local.get $threshold)))
    (local.set $ax2 (v128.load (i32.const 6208)))
    (local.set $sx2 (v128.load (i32.const 6224)))
    (local.set $thresholdx2 (v128.load (i32.const 6240)))
    (block $chunkDone
      (loop $steps
        (br_if $chunkDone (i32.ge_s (local.get $j) (local.get $n)))
        (local.set $t0 (f64.mul (f64.convert_i32_s (i32.add (global.get $i0) (local.get $j)))
                                (local.get $dt)))
        (local.set $t1 (f64.mul (f64.convert_i32_s
                                  (i32.add (i32.add (global.get $i0) (local.get $j)) (i32.const 1)))
                                (local.get $dt)))
        (local.set $vInf (f64.load (i32.add (global.get $vInfPtr) (i32.shl (local.get $j) (i32.const 3)))))
        (local.set $zStep (i32.add (global.get $zPtr)
                                   (i32.shl (i32.mul (local.get $j) (local.get $stride)) (i32.const 3))))
        (v128.store (i32.const 6256) (f64x2.splat (local.get $t0)))
        (v128.store (i32.const 6272) (f64x2.splat (local.get $vInf)))
        (local.set $t0x2 (v128.load (i32.const 6256)))
        (local.set $vInfx2 (v128.load (i32.const 6272)))
        ;; the recorded trials' V before the step
        (local.set $k (i32.const 0))
        (block $recordedAll
          (loop $record
            (br_if $recordedAll (i32.ge_s (local.get $k) (local.get $recorded)))
            (f64.store
              (i32.add (global.get $recPtr)
                       (i32.shl (i32.add (i32.mul (local.get $k) (local.get $n)) (local.get $j))
                                (i32.const 3)))
              (f64.load (i32.add (local.get $vPtr) (i32.shl (local.get $k) (i32.const 3)))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $record)))
        ;; the pairs; o: the pair's byte offset in the per-trial f64 arrays. A pair the SIMD path
        ;; cannot take is listed for the scalar path, which runs after this loop (kept apart, the
        ;; two loops each keep their own values in registers).
        (local.set $o (i32.const 0))
        (local.set $special (i32.const 0))
        (block $pairsDone
          (loop $pairs
            (br_if $pairsDone (i32.ge_u (local.get $o) (local.get $oEnd)))
            (block $scalar
              (if (local.get $stepEnd)
                (then
                  (br_if $scalar (i64.ne (i64.load (i32.add (local.get $leftPtr)
                                                            (i32.shr_u (local.get $o) (i32.const 1))))
                                         (i64.const 0))))
                (else
                  (br_if $scalar (i64x2.bitmask
                                   (f64x2.gt (v128.load (i32.add (local.get $untilPtr) (local.get $o)))
                                             (local.get $t0x2))))))
              (local.set $vStartx2 (v128.load (i32.add (local.get $vPtr) (local.get $o))))
              (local.set $vEndx2
                (f64x2.add
                  (if (result v128) (local.get $euler)
                    (then (f64x2.add (local.get $vStartx2)
                                     (f64x2.mul (f64x2.sub (local.get $vInfx2) (local.get $vStartx2))
                                                (local.get $ax2))))
                    (else (f64x2.add (local.get $vInfx2)
                                     (f64x2.mul (f64x2.sub (local.get $vStartx2) (local.get $vInfx2))
                                                (local.get $ax2)))))
                  (f64x2.mul (local.get $sx2) (v128.load (i32.add (local.get $zStep) (local.get $o))))))
              ;; not both below threshold (a NaN too goes the scalar way, which makes it a spike)
              (br_if $scalar (i32.ne (i64x2.bitmask (f64x2.lt (local.get $vEndx2) (local.get $thresholdx2)))
                                     (i32.const 3)))
              (v128.store (i32.add (local.get $vPtr) (local.get $o)) (local.get $vEndx2))
              (local.set $o (i32.add (local.get $o) (i32.const 16)))
              (br $pairs))
            (i32.store (i32.add (local.get $pairsPtr) (i32.shl (local.get $special) (i32.const 2)))
                       (local.get $o))
            (local.set $special (i32.add (local.get $special) (i32.const 1)))
            (local.set $o (i32.add (local.get $o) (i32.const 16)))
            (br $pairs)))
        ;; the scalar path, over the listed pairs' trials
        (local.set $c (i32.const 0))
        (block $specialDone
          (loop $specials
            (br_if $specialDone (i32.ge_u (local.get $c) (local.get $special)))
            (local.set $k (i32.shr_u (i32.load (i32.add (local.get $pairsPtr) (i32.shl (local.get $c) (i32.const 2))))
                                     (i32.const 3)))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (local.set $kEnd (i32.add (local.get $k) (i32.const 2)))
            (loop $lanes
              (local.set $start (local.get $t0))
              (local.set $vStart (f64.load (i32.add (local.get $vPtr) (i32.shl (local.get $k) (i32.const 3)))))
              (local.set $a (global.get $stepDecay))
              (local.set $s (global.get $stepNoise))
              (block $next
                (block $held
                  (if (local.get $stepEnd)
                    (then
                      (local.set $q (i32.add (local.get $leftPtr) (i32.shl (local.get $k) (i32.const 2))))
                      (local.set $left (i32.load (local.get $q)))
                      (if (i32.gt_s (local.get $left) (i32.const 0))
                        (then
                          (i32.store (local.get $q) (i32.sub (local.get $left) (i32.const 1)))
                          (br $held))))
                    (else
                      (local.set $until (f64.load (i32.add (local.get $untilPtr)
                                                           (i32.shl (local.get $k) (i32.const 3)))))
                      (br_if $held (f64.ge (local.get $until) (local.get $t1)))
                      ;; the refractory period ends inside this step: integrate the rest of it,
                      ;; with the propagators "run" computed when the trial spiked
                      (if (f64.gt (local.get $until) (local.get $t0))
                        (then
                          (local.set $start (local.get $until))
                          (local.set $vStart (local.get $reset))
                          (local.set $q (i32.add (global.get $partPtr) (i32.shl (local.get $k) (i32.const 4))))
                          (local.set $a (f64.load (local.get $q)))
                          (local.set $s (f64.load offset=8 (local.get $q)))))))
                  (local.set $vEnd
                    (f64.add
                      (if (result f64) (local.get $euler)
                        (then (f64.add (local.get $vStart)
                                       (f64.mul (f64.sub (local.get $vInf) (local.get $vStart))
                                                (f64.sub (f64.const 1) (local.get $a)))))
                        (else (f64.add (local.get $vInf)
                                       (f64.mul (f64.sub (local.get $vStart) (local.get $vInf))
                                                (local.get $a)))))
                      (f64.mul (local.get $s)
                               (f64.load (i32.add (local.get $zStep) (i32.shl (local.get $k) (i32.const 3)))))))
                  (if (f64.lt (local.get $vEnd) (local.get $threshold))
                    (then
                      (f64.store (i32.add (local.get $vPtr) (i32.shl (local.get $k) (i32.const 3)))
                                 (local.get $vEnd))
                      (br $next)))
                  ;; a spike: V back to reset, the spike time, the refractory period from it
                  (if (local.get $stepEnd)
                    (then
                      (local.set $spike (local.get $t1))
                      (i32.store (i32.add (local.get $leftPtr) (i32.shl (local.get $k) (i32.const 2)))
                                 (global.get $refractorySteps)))
                    (else
                      ;; vStart < threshold <= vEnd: the crossing by linear interpolation
                      (local.set $spike
                        (f64.add
                          (local.get $start)
                          (f64.mul
                            (select
                              (f64.const 0)
                              (f64.div (f64.sub (local.get $threshold) (local.get $vStart))
                                       (f64.sub (local.get $vEnd) (local.get $vStart)))
                              (f64.ge (local.get $vStart) (local.get $threshold)))
                            (f64.sub (local.get $t1) (local.get $start)))))
                      (f64.store (i32.add (local.get $untilPtr) (i32.shl (local.get $k) (i32.const 3)))
                                 (f64.add (local.get $spike) (global.get $refractoryMs)))
                      (i32.store (i32.add (global.get $pendPtr) (i32.shl (global.get $listed) (i32.const 2)))
                                 (local.get $k))
                      (global.set $listed (i32.add (global.get $listed) (i32.const 1)))))
                  (i32.store (i32.add (global.get $spikeTrialPtr) (i32.shl (global.get $spikes) (i32.const 2)))
                             (local.get $k))
                  (f64.store (i32.add (global.get $spikeTimePtr) (i32.shl (global.get $spikes) (i32.const 3)))
                             (local.get $spike))
                  (global.set $spikes (i32.add (global.get $spikes) (i32.const 1))))
                ;; held at reset all step, or just spiked
                (f64.store (i32.add (local.get $vPtr) (i32.shl (local.get $k) (i32.const 3)))
                           (local.get $reset)))
              (local.set $k (i32.add (local.get $k) (i32.const 1)))
              (br_if $lanes (i32.lt_u (local.get $k) (local.get $kEnd))))
            (br $specials)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $chunkDone (global.get $listed))
        (br $steps)))
    (local.get $j))

  ;; The propagators of the part-step after each listed trial's refractory period, which ends at
  ;; `until` inside the step i with i dt < until < (i + 1) dt (the times as $advance computes
  ;; them), stored at partPtr + 16 k: decay(h) and noiseScale(h) for h = (i + 1) dt - until.
  (func $partSteps
    (local $c i32) (local $k i32) (local $i i32) (local $until f64) (local $dt f64) (local $q i32)
    (local.set $dt (global.get $dt))
    (block $done
      (loop $listed
        (br_if $done (i32.ge_s (local.get $c) (global.get $listed)))
        (local.set $k (i32.load (i32.add (global.get $pendPtr) (i32.shl (local.get $c) (i32.const 2)))))
        (local.set $until (f64.load (i32.add (global.get $untilPtr) (i32.shl (local.get $k) (i32.const 3)))))
        ;; the first step not held all through: (i + 1) dt > until (none for an until that is
        ;; infinite or NaN, which no step's times pass)
        (local.set $i (i32.trunc_sat_f64_s (f64.div (local.get $until) (local.get $dt))))
        (block $up
          (loop $higher
            (br_if $up (i32.ge_s (local.get $i) (i32.const 0x3fffffff)))
            (br_if $up (i32.eqz (f64.le (f64.mul (f64.convert_i32_s (i32.add (local.get $i) (i32.const 1)))
                                                 (local.get $dt))
                                        (local.get $until))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $higher)))
        (block $down
          (loop $lower
            (br_if $down (i32.le_s (local.get $i) (i32.const 0)))
            (br_if $down (i32.eqz (f64.gt (f64.mul (f64.convert_i32_s (local.get $i)) (local.get $dt))
                                          (local.get $until))))
            (local.set $i (i32.sub (local.get $i) (i32.const 1)))
            (br $lower)))
        (local.set $q (i32.add (global.get $partPtr) (i32.shl (local.get $k) (i32.const 4))))
        (f64.store (local.get $q)
                   (call $decay (f64.sub (f64.mul (f64.convert_i32_s (i32.add (local.get $i) (i32.const 1)))
                                                  (local.get $dt))
                                         (local.get $until))))
        (f64.store offset=8 (local.get $q)
                   (call $noiseScale (f64.sub (f64.mul (f64.convert_i32_s (i32.add (local.get $i) (i32.const 1)))
                                                       (local.get $dt))
                                              (local.get $until))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $listed)))
    (global.set $listed (i32.const 0)))

  ;; Advances every trial over steps i0 .. i0 + n - 1 of the current. Per trial k: V at vPtr + 8k,
  ;; the time until which it is held at reset at untilPtr + 8k (interpolated timing), the whole
  ;; steps it is still held at leftPtr + 4k (stepEnd timing), the propagators of its next
  ;; part-step at partPtr + 16k. vInf of step i0 + j at vInfPtr + 8j. The first `recorded` trials
  ;; write V before step i0 + j at recPtr + 8 (k n + j). Each spike writes its trial at
  ;; spikeTrialPtr and its time at spikeTimePtr (room for n * trials). Scratch: the chunk's
  ;; normals at zPtr (8 n trials; zeros with the noise off), lists at pendPtr (4 n trials) and
  ;; pairsPtr (2 per trial).
  ;; trials must be even (the caller adds a stand-in to an odd number). flags: 1 the forward-Euler form of the update, 2 stepEnd timing, 4 noise
  ;; on. Returns the number of spikes written.
  (func (export "run")
    (param $i0 i32) (param $n i32) (param $trials i32) (param $recorded i32)
    (param $vPtr i32) (param $untilPtr i32) (param $leftPtr i32) (param $partPtr i32)
    (param $vInfPtr i32) (param $recPtr i32) (param $spikeTrialPtr i32) (param $spikeTimePtr i32)
    (param $zPtr i32) (param $pendPtr i32) (param $pairsPtr i32)
    (param $dt f64) (param $stepDecay f64) (param $stepNoise f64) (param $threshold f64)
    (param $reset f64) (param $refractoryMs f64) (param $refractorySteps i32) (param $flags i32)
    (result i32)
    (local $j i32)
    (global.set $i0 (local.get $i0))
    (global.set $n (local.get $n))
    (global.set $recorded (local.get $recorded))
    (global.set $stride (local.get $trials))
    (global.set $flags (local.get $flags))
    (global.set $refractorySteps (local.get $refractorySteps))
    (global.set $vPtr (local.get $vPtr))
    (global.set $untilPtr (local.get $untilPtr))
    (global.set $leftPtr (local.get $leftPtr))
    (global.set $partPtr (local.get $partPtr))
    (global.set $vInfPtr (local.get $vInfPtr))
    (global.set $recPtr (local.get $recPtr))
    (global.set $spikeTrialPtr (local.get $spikeTrialPtr))
    (global.set $spikeTimePtr (local.get $spikeTimePtr))
    (global.set $zPtr (local.get $zPtr))
    (global.set $pairsPtr (local.get $pairsPtr))
    (global.set $dt (local.get $dt))
    (global.set $stepDecay (local.get $stepDecay))
    (global.set $stepNoise (local.get $stepNoise))
    (global.set $threshold (local.get $threshold))
    (global.set $reset (local.get $reset))
    (global.set $refractoryMs (local.get $refractoryMs))
    (global.set $spikes (i32.const 0))
    (global.set $listed (i32.const 0))
    (if (i32.and (local.get $flags) (i32.const 4))
      (then (call $fillNormals (local.get $zPtr) (i32.mul (local.get $n) (global.get $stride))
                               (local.get $pendPtr))))
    (global.set $pendPtr (local.get $pendPtr))
    (block $done
      (loop $chunk
        (local.set $j (call $advance (local.get $j)))
        (call $partSteps)
        (br_if $chunk (i32.lt_s (local.get $j) (local.get $n)))))
    (global.get $spikes))
)
