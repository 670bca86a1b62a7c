-- raw mode: one structure at offset 0 of the image, no memory manager.
open "$TMP/raw.img" raw;
let m = map() of u64 -> u64;
m.insert(1, 2);
m.insert(3, 4);
memories;
describe m;
-- Only one structure can be bound, and ids are refused.
let other = vec() of u8;
let withid = vec(0) of u8;
let lg = log() of u8;
reclaim 0;
close;
-- An image without the MGR magic is detected as raw.
open "$TMP/raw.img";
memories;
let m = map() of u64 -> u64;
m.iter();
upgrade;
-- A log needs two memories, so it cannot live in a raw image.
drop m;
let lg = log() of u8;
let lg2 = log(0, 1) of u8;
close;
-- An image with a memory manager (magic MGR) cannot be opened raw.
open "$TMP/managed.img" bucket_size 1;
let v = vec(0) of u8;
close;
open "$TMP/managed.img" raw;
-- Declarations without an id need a raw image.
let noid = map() of u64 -> u64;
-- Every kind but log can live in a raw image.
open "$TMP/raw-vec.img" raw;
let v = vec() of u32;
v.push(7);
close;
open "$TMP/raw-vec.img" readonly;
memories;
let v = vec() of u32;
v.iter();
v.push(8);
open "$TMP/raw-cell.img" raw;
let c = cell() of string default "raw cell";
close;
open "$TMP/raw-cell.img";
let c = cell() of string default "unused";
c.get();
memories;
open "$TMP/raw-heap.img" raw;
let h = heap() of u8;
h.push(3); h.push(1);
memories;
open "$TMP/raw-set.img" raw;
let s = set() of string;
s.insert("only");
memories;
describe s;
close;
