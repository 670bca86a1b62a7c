-- The Rust crate's golden images (../shared/golden), opened read-only:
-- the memory manager's layout and the contents of each structure.

-- mm_mixed: six kinds of structure in seven memories of one memory manager.
open "$GOLDEN/mm_mixed.bin" readonly;
memories;
let m = map(0) of u64 -> string;
let s = set(1) of u64;
let v = vec(2) of u64;
let l = log(3, 4) of string;
let c = cell(5) of string default "";
let h = heap(6) of u64;
m.len(); s.len(); v.len(); l.len(); h.len();
m.iter() limit 3;
m.last();
s.iter() limit 3;
s.last();
v.iter() limit 3;
v.get(8999);
l.iter() limit 3;
l.last();
len(c.get());
hash(c.get());
h.iter() limit 3;
h.peek();
describe m;
-- The library's invariant checkers find nothing wrong in the crate's bytes.
verify m; verify s; verify v; verify l; verify c; verify h;
upgrade;
-- Declaring another kind is refused, naming what is there.
drop v;
let wrong = set(2) of u64;

-- mm_default_bucket: one bucket of 128 pages.
open "$GOLDEN/mm_default_bucket.bin" readonly;
memories;
let m = map(0) of u64 -> u64;
m.len();
m.iter() limit 3;
m.last();

-- mm_reclaim (crate 0.7.1): memory 0 was reclaimed; its buckets were reused.
open "$GOLDEN/mm_reclaim.bin" readonly;
memories;
let v = vec(1) of u64;
let names = map(2) of u64 -> string;
let c = cell(3) of blob default x"";
v.len(); v.get(0); v.get(5999);
names.len();
names.iter() limit 3;
len(c.get());
hash(c.get());

-- Raw images: one structure at offset 0.
open "$GOLDEN/btree_u64_u64_5k.bin" readonly;
memories;
let m = map() of u64 -> u64;
m.len();
m.first();
m.last();
m.range(..) limit 3;
describe m;

open "$GOLDEN/btree_u64_u64_removals.bin" readonly;
let m = map() of u64 -> u64;
m.len(); m.first(); m.last();

open "$GOLDEN/btree_blob_blob.bin" readonly;
let m = map() of blob -> blob;
m.len();
m.keys() limit 4;
len(m.get(x""));
let biggest = 0;
for e in m.values() { let biggest = biggest + len(e); }
print biggest;

open "$GOLDEN/btree_u32_u64.bin" readonly;
let m = map() of u32 -> u64;
m.len(); m.first(); m.last();

open "$GOLDEN/btree_tuple_key.bin" readonly;
let m = map() of (u64, u64) -> string;
m.len();
m.iter() limit 3;
m.last();

open "$GOLDEN/btree_v1_u64_u64.bin" readonly;
let m = map() of u64 -> u64;
m.len(); m.first(); m.last();
describe m;

open "$GOLDEN/btree_v1_migrated.bin" readonly;
let m = map() of u64 -> u64;
m.len(); m.first(); m.last();

open "$GOLDEN/btreeset_string.bin" readonly;
let s = set() of string;
s.len();
s.iter() limit 4;
s.last();

open "$GOLDEN/file_memory_btree.bin" readonly;
let m = map() of u64 -> string;
m.len();
m.iter() limit 3;

open "$GOLDEN/vec_tuple_u64_u64.bin" readonly;
let v = vec() of (u64, u64);
v.len(); v.get(0); v.get(2799);

open "$GOLDEN/vec_bounded_blob20.bin" readonly;
let v = vec() of blob<20>;
v.len();
v.iter() limit 4;

open "$GOLDEN/cell_u64.bin" readonly;
let c = cell() of u64 default 0;
c.get();

open "$GOLDEN/cell_string.bin" readonly;
let c = cell() of string default "";
c.get();

open "$GOLDEN/minheap_u32.bin" readonly;
let h = heap() of u32;
h.len();
h.iter() limit 4;
h.peek();

-- restricted_memory: the cell sits in the first page.
open "$GOLDEN/restricted_memory.bin" readonly;
let c = cell() of u64 default 0;
c.get();

-- log_blob: two memories concatenated; a log cannot live in a raw image.
open "$GOLDEN/log_blob.bin" readonly;
memories;
let l = log() of blob;
close;
