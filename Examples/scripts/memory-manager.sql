-- Walk-through: one memory, many virtual memories, buckets and reclaim.
-- Small buckets (1 page) so that the bucket map stays readable.
open "memory-manager-demo.img" bucket_size 1;
let a = vec(0) of u64;
let b = vec(1) of u64;
for i in 0..10000 { a.push(i); b.push(i); }    -- a and b grow in turns: their buckets interleave
memories;
drop a;                                        -- forget the binding; the data stays in memory 0
reclaim 0;                                     -- free memory 0's buckets
memories;
let c = vec(2) of u64;
for i in 0..5000 { c.push(i); }                -- memory 2 reuses freed buckets above its own
memories;
b.len();
b.get(9999);
close;
