-- reclaim: a dropped structure's buckets go back to the memory manager and
-- other memories reuse them as they grow.
open "$TMP/mm.img" bucket_size 1;
let a = vec(0) of u64;
let b = vec(1) of u64;
for i in 0..10000 { a.push(i); b.push(i); }
memories;
reclaim 0;                  -- refused: a binding uses it
drop a;
reclaim 0;
reclaim 0;                  -- nothing left to reclaim
memories;
let c = vec(2) of u64;
c.push(1);
memories;
for i in 0..10000 { c.push(i); }
memories;
-- The reused buckets hold c's data, b is intact.
b.len();
b.get(9999);
c.len();
c.get(10000);
-- The reclaimed memory is empty again: a new structure can be created there.
let again = map(0) of u64 -> u64;
again.insert(1, 1);
memories;
upgrade;
close;
-- Default bucket size: a reclaim frees a whole bucket of 128 pages.
let x = vec(3) of u8;
x.push(1);
drop x;
reclaim 3;
reclaim 3;
reclaim 254;
