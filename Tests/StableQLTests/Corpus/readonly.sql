-- readonly: reading works, every write is refused and the file is unchanged.
open "$TMP/demo.img" bucket_size 1;
let v = vec(0) of u8;
v.push(1);
let m = map(1) of u64 -> string;
m.insert(1, "one");
let s = set(2) of u8;
s.insert(5);
let l = log(3, 4) of string;
l.append("first");
let c = cell(5) of u8 default 9;
let h = heap(6) of u8;
h.push(4);
close;
open "$TMP/demo.img" readonly;
let v = vec(0) of u8;
let m = map(1) of u64 -> string;
let s = set(2) of u8;
let l = log(3, 4) of string;
let c = cell(5) of u8 default 0;
let h = heap(6) of u8;
v.get(0);
m.get(1);
m.iter();
s.contains(5);
l.get(0);
c.get();
h.peek();
memories;
describe m;
-- Every mutating method fails with a clear error.
v.push(2);
v.set(0, 3);
v.pop();
v.clear();
m.insert(2, "two");
m.remove(1);
m.pop_first();
m.pop_last();
m.clear();
s.insert(6);
s.remove(5);
s.pop_first();
s.pop_last();
s.clear();
l.append("second");
c.set(1);
h.push(1);
h.pop();
h.clear();
-- Declaring on an empty memory would have to create the structure.
let w = vec(7) of u8;
let lg = log(7, 8) of u8;
-- Reclaim writes too.
drop h;
reclaim 6;
-- Nothing changed.
v.len(); m.len(); s.len(); l.len(); c.get();
let h = heap(6) of u8;
h.len();
close;
-- Read-write again: the data is as the first session left it.
open "$TMP/demo.img";
let v = vec(0) of u8;
v.iter();
close;
-- A missing file cannot be opened read-only; an empty file is opened raw.
open "$TMP/missing.img" readonly;
open "$TMP/empty.img" raw;
close;
open "$TMP/empty.img" readonly;
memories;
let e = map() of u64 -> u64;
