-- Run-time errors: each names the call and the problem; the failed statement
-- is rolled back (a following len() or get() shows the data unchanged).

-- Values that do not fit the declared type.
let v = vec(0) of u8;
v.push(300);
v.push(-1);
v.push(1.5);
v.push("1");
v.len();
let users = map(1) of u64 -> string;
users.insert(-1, "a");
users.insert(1, x"00");
users.insert(340282366920938463463374607431768211455, "big");
users.len();
let b = vec(2) of blob<32>;
b.push(repeat(x"00", 40));
let fixed = vec(3) of bytes<4>;
fixed.push(x"010203");
let i = vec(4) of i8;
i.push(128);
i.push(-129);
let p = vec(5) of principal;
p.push(principal "aaaaa-aa");
p.push("aaaaa-aa");
let t = vec(6) of (u8, u8);
t.push((1, 2, 3));
t.push(1);
let o = vec(7) of option<u32>;
o.push(none);
o.push(5);
o.len();
let f = vec(8) of f32;
f.push(1e40);
f.get(0);
f.push(16777217);
f.push(16777216); f.push(inf); f.push(nan); f.push(0.1);
f.iter();
let d = vec(9) of f64;
d.push(9007199254740993);
let st = set(10) of string;
st.insert(1);
let c = cell(11) of u8 default 256;
let c = cell(11) of u8 default 1;
c.set(1000);
c.get();

-- Indexes and arguments.
v.push(1);
v.set(5, 1);
v.get(-1);
v.get(1.5);
v.set(0);
v.get(0, 1);
users.get();
users.len(1);
users.range(1);
users.get(1..2);
users.first_key_value();
v.insert(1);
c.push(1);
let l = log(12, 13) of u8;
l.remove(0);
let h = heap(14) of u8;
h.peek(1);
users.iter() limit -1;
users.iter() limit "x";
users.len() limit 2;
print 1 limit 2;

-- Declarations.
let w = vec(15) of string;
let w = vec(15) of blob;
let w = heap(15) of blob;
let w = map(15) of f64 -> u8;
let w = map(15) of (u8, f32) -> u8;
let w = set(15) of option<f32>;
let w = vec(15) of (string, u8);
let w = vec(15) of blob<65>;
let w = vec(15) of blob<0>;
let w = vec(15) of bytes<2000000>;
let w = vec(15) of string<4>;
let w = vec(15) of option<u8, u8>;
let w = vec(15) of (u8, u8, u8, u8);
-- (u8) is u8 in parentheses, and floats are fine as map values.
let w = vec(15) of (u8);
drop w;
let w = map(24) of u8 -> f64;
drop w;
let v = vec(16) of u8;
let other = map(0) of u64 -> u64;
let a = map(255) of u64 -> u64;
let a = map(-1) of u64 -> u64;
let a = map("0") of u64 -> u64;
let l2 = log(20, 20) of u64;
let l2 = log(0, 21) of u64;
drop v;
let m3 = map(0) of u64 -> u64;
let s3 = set(0) of u8;
let h3 = heap(0) of u8;
let c3 = cell(0) of u8 default 0;
let l3 = log(0, 22) of u8;
let v = vec(0) of u8;
v.len();
let n = 5;
let n = map(23) of u8 -> u8;
let users = 3;
drop nothing;
describe nothing;

-- Names, operators, built-ins.
print y;
users;
v + 1;
users.iter() + 1;
print 1..3;
let r = (1..3);
len(1..3);
foo(1);
str();
str(1, 2);
len(1);
hex(1.5);
blob(1);
repeat(1, 2);
repeat("a", -1);
repeat("ab", 9000000);
"a" + 1;
x"00" + "a";
1 / 0;
1 % 0;
340282366920938463463374607431768211455 + 1;
-340282366920938463463374607431768211455 - 1;
1 == "a";
(1, 2) < "x";
not 1;
1 and true;
false or 2;
-"a";
print principal "aaaaa-ab";
print principal "not a principal";
let nested = some(some(some(some(some(some(some(some(some(some(some(some(some(some(some(some(some(some(some(some(some(some(some(some(some(some(some(some(some(some(some(some(some(1)))))))))))))))))))))))))))))))));
assert 1 == 2;
assert 1 == 2, "nope";
assert 1;
for q in 0.5..2 { print q; }
for q in 3 { print q; }
for q in ..3 { print q; }
for q in v.len() { print q; }
for q in "a"..3 { print q; }

-- Reclaim refusals.
reclaim 0;
reclaim 255;
reclaim "x";

-- Open and close.
open "$TMP/notpages.img" bucket_size 0;
open "$TMP/notpages.img" bucket_size 70000;
open "$TMP/no/such/dir/x.img";
open "$TMP/six-bytes.img";
open "$TMP/six-bytes.img" readonly;
close;

-- Atomic statements: a failing statement leaves the data unchanged.
let m = map(30) of u64 -> u8;
m.insert(1, 1);
for k in 0..1000 { m.insert(k + 10, k); }
m.len();
m.get(10);
for k in 0..10 { m.insert(k + 100, k); print k; assert k < 5, "stop at 5"; }
m.len();
for k in 0..3 { m.remove(1); v.push(k); assert false, "rolled back"; }
m.get(1);
v.len();
-- A loop that fails after removing everything leaves everything.
for k in 2..=5 { m.insert(k, k); }
for k in m.keys() { m.remove(k); assert m.len() > 0, "emptied"; }
m.len();
m.iter();
-- A failing statement after a successful one on the same line: only the failing one is undone.
m.insert(9, 9); m.insert(10, 300);
m.keys();
-- A failing let keeps the old value of the variable.
let keep = 1;
let keep = 1 / 0;
print keep;
-- Declaring a structure fails atomically too: nothing is created.
let z = vec(31) of string;
memories;
