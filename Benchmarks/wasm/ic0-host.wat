;; The host side of the benchmark module's imports, itself in wasm so that a
;; system call costs no round trip to Python. Nothing here is counted as the
;; canister's code: it adds the IC's system-API charges to `charges` instead.
;;
;; memory $guest   the benchmark module's own memory (both import it)
;; memory $stable  the stable memory (up to 65,536 pages, 4 GiB)
;; memory $epochs  per 4 KiB page of stable memory, the last operation
;;                 (message) that wrote to it: a write to a page whose
;;                 entry differs from the current operation dirties it anew
(module
  (import "host" "memory" (memory $guest 0))
  (memory $stable 0 65536)
  (memory $epochs 64 64)

  (global $charges (export "charges") (mut i64) (i64.const 0))
  (global $reads (export "reads") (mut i64) (i64.const 0))
  (global $writes (export "writes") (mut i64) (i64.const 0))
  (global $sizes (export "sizes") (mut i64) (i64.const 0))
  (global $grows (export "grows") (mut i64) (i64.const 0))
  (global $bytes_read (export "bytes_read") (mut i64) (i64.const 0))
  (global $bytes_written (export "bytes_written") (mut i64) (i64.const 0))
  (global $dirtied (export "dirtied_pages") (mut i64) (i64.const 0))
  (global $operation (export "operation") (mut i32) (i32.const 1))

  (func $charge (param $amount i64)
    (global.set $charges (i64.add (global.get $charges) (local.get $amount))))

  ;; Traps unless [offset, offset + count) lies inside the stable memory.
  (func $check_range (param $offset i64) (param $count i64)
    (if (i32.or (i64.gt_u (local.get $offset) (i64.const 0x100000000))
                (i64.gt_u (local.get $count) (i64.const 0x100000000)))
      (then unreachable))
    (if (i64.gt_u (i64.add (local.get $offset) (local.get $count))
                  (i64.shl (i64.extend_i32_u (memory.size $stable)) (i64.const 16)))
      (then unreachable)))

  ;; Traps unless a guest address fits the guest's 32-bit memory.
  (func $check_guest (param $address i64)
    (if (i64.gt_u (local.get $address) (i64.const 0xFFFFFFFF)) (then unreachable)))

  (func $mark_dirty (param $offset i64) (param $count i64) (local $page i32) (local $last i32)
    (if (i64.eqz (local.get $count)) (then (return)))
    (local.set $page (i32.wrap_i64 (i64.shr_u (local.get $offset) (i64.const 12))))
    (local.set $last (i32.wrap_i64 (i64.shr_u (i64.sub (i64.add (local.get $offset) (local.get $count)) (i64.const 1))
                                              (i64.const 12))))
    (loop $pages
      (if (i32.ne (i32.load $epochs (i32.shl (local.get $page) (i32.const 2))) (global.get $operation))
        (then
          (i32.store $epochs (i32.shl (local.get $page) (i32.const 2)) (global.get $operation))
          (global.set $dirtied (i64.add (global.get $dirtied) (i64.const 1)))))
      (local.set $page (i32.add (local.get $page) (i32.const 1)))
      (br_if $pages (i32.le_u (local.get $page) (local.get $last)))))

  (func (export "stable64_size") (result i64)
    (global.set $sizes (i64.add (global.get $sizes) (i64.const 1)))
    (call $charge (i64.const 20))
    (i64.extend_i32_u (memory.size $stable)))

  (func (export "stable64_grow") (param $pages i64) (result i64) (local $previous i32)
    (global.set $grows (i64.add (global.get $grows) (i64.const 1)))
    (call $charge (i64.const 100))
    (if (i64.gt_u (local.get $pages) (i64.const 65536)) (then (return (i64.const -1))))
    (local.set $previous (memory.grow $stable (i32.wrap_i64 (local.get $pages))))
    (if (result i64) (i32.eq (local.get $previous) (i32.const -1))
      (then (i64.const -1))
      (else (i64.extend_i32_u (local.get $previous)))))

  (func (export "stable64_read") (param $into i64) (param $offset i64) (param $count i64)
    (global.set $reads (i64.add (global.get $reads) (i64.const 1)))
    (global.set $bytes_read (i64.add (global.get $bytes_read) (local.get $count)))
    (call $charge (i64.add (i64.const 20) (local.get $count)))
    (call $check_range (local.get $offset) (local.get $count))
    (call $check_guest (i64.add (local.get $into) (local.get $count)))
    (memory.copy $guest $stable (i32.wrap_i64 (local.get $into)) (i32.wrap_i64 (local.get $offset))
                 (i32.wrap_i64 (local.get $count))))

  (func (export "stable64_write") (param $offset i64) (param $from i64) (param $count i64)
    (global.set $writes (i64.add (global.get $writes) (i64.const 1)))
    (global.set $bytes_written (i64.add (global.get $bytes_written) (local.get $count)))
    (call $charge (i64.add (i64.const 20) (local.get $count)))
    (call $check_range (local.get $offset) (local.get $count))
    (call $check_guest (i64.add (local.get $from) (local.get $count)))
    (call $mark_dirty (local.get $offset) (local.get $count))
    (memory.copy $stable $guest (i32.wrap_i64 (local.get $offset)) (i32.wrap_i64 (local.get $from))
                 (i32.wrap_i64 (local.get $count))))

  ;; bench.operation_done: the next write starts a new message's dirty set.
  (func (export "operation_done")
    (global.set $operation (i32.add (global.get $operation) (i32.const 1))))
)
