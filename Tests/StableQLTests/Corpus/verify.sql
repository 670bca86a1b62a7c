-- verify NAME: the library's invariant checkers on each structure and the
-- memory manager, on healthy structures and on a memory read with the
-- wrong value type.

-- Healthy structures of every kind, in the heap.
let m = map(0) of u64 -> string;
let s = set(1) of string;
let v = vec(2) of blob<20>;
let l = log(3, 4) of string;
let c = cell(5) of u64 default 0;
let h = heap(6) of u32;
for i in 0..500 { m.insert(i, "user " + str(i)); s.insert(str(i * 7)); v.push(blob(str(i))); l.append(str(i)); h.push(i % 17); }
c.set(42);
for i in 0..167 { m.remove(i * 3); }
verify m;
verify s;
verify v;
verify l;
verify c;
verify h;

-- On an image file, after a re-open.
open "$TMP/verify.img";
let prices = map(0) of string -> u64;
for i in 0..300 { prices.insert("item " + str(i), i * 10); }
close;
open "$TMP/verify.img" readonly;
let prices = map(0) of string -> u64;
verify prices;
describe prices;
close;

-- The same bytes declared with another value type: every value fails to
-- decode, and verify lists the first ten and counts the rest.
open "$TMP/verify.img";
let wrong = map(0) of string -> bool;
verify wrong;
close;

-- verify needs a structure binding.
let x = 3;
verify x;
verify nothing;
verify;
