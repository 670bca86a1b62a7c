-- upgrade on the in-heap (VectorMemory) session: all heap state is dropped
-- and every binding is re-attached from the memory's bytes.
let m = map(0) of u64 -> string;
let s = set(1) of u32;
let v = vec(2) of u64;
let l = log(3, 4) of string;
let c = cell(5) of string default "hi";
let h = heap(6) of u32;
let scalar = 41;
for i in 0..500 { m.insert(i, str(i)); s.insert(i * 2); v.push(i); l.append("e" + str(i)); h.push(500 - i); }
c.set("after");
upgrade;
m.len(); m.get(499); s.len(); s.last(); v.len(); v.get(250); l.len(); l.last(); c.get(); h.peek();
print scalar + 1;       -- scalars stay in the session
-- Changes after an upgrade survive the next one too.
m.remove(0);
v.pop();
h.pop();
upgrade;
m.first();
v.len();
h.peek();
-- With no structure bound, upgrade prints an empty table.
drop m; drop s; drop v; drop l; drop c; drop h;
upgrade;
-- The structures are still in memory: declaring them again loads them.
let m = map(0) of u64 -> string;
m.len();
-- close with no image open keeps the in-heap memory and its bindings.
close;
m.len();
