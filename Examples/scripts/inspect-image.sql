-- Inspecting an image written by the Rust crate (a memory-manager image).
-- Run with the image given on the command line, read-only:
--   stable-repl --image PATH/mm_mixed.bin --readonly Examples/scripts/inspect-image.sql
memories;
let m = map(0) of u64 -> string;
let s = set(1) of u64;
let v = vec(2) of u64;
let l = log(3, 4) of string;
let c = cell(5) of string default "";
let h = heap(6) of u64;
describe m;
m.len();
m.iter() limit 5;
s.len();
v.len();
v.get(0);
l.len();
h.peek();
len(c.get());                                  -- the cell holds a long string: show its length
