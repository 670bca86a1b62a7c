-- All six structures on one image file, with small buckets; close, reopen
-- and re-attach each one; memories and describe show the layout.
open "$TMP/all.img" bucket_size 1;
let m = map(0) of u64 -> string;
let s = set(1) of string;
let v = vec(2) of (u64, u64);
let l = log(3, 4) of blob;
let c = cell(5) of string default "initial";
let h = heap(6) of u32;
-- Interleaved growth, so the buckets of different memories interleave.
for i in 0..300 {
  m.insert(i, "value " + str(i));
  s.insert("k" + str(i));
  v.push((i, i * i));
  l.append(repeat(x"5a", i));
  h.push(1000 - i);
}
c.set("changed");
memories;
describe m;
describe s;
describe v;
describe l;
describe c;
describe h;
close;
-- Everything is in the file: a new open re-attaches with the load path.
-- An existing image keeps its own bucket size (1 page, not 64).
open "$TMP/all.img" bucket_size 64;
memories;
let m = map(0) of u64 -> string;
let s = set(1) of string;
let v = vec(2) of (u64, u64);
let l = log(3, 4) of blob;
let c = cell(5) of string default "not used";
let h = heap(6) of u32;
m.len(); s.len(); v.len(); l.len(); h.len();
m.get(299);
s.first();
s.last();
v.get(17);
len(l.get(255));
c.get();
h.peek();
m.range(100..103);
-- Declaring the wrong kind over a memory names what is there and writes nothing.
drop v;
let wrong = map(2) of u64 -> u64;
let v = vec(2) of (u64, u64);
v.len();
close;
close;
