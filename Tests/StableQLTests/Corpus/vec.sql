-- vec: every method of Vec (elements must be bounded).
let v = vec(0) of u64;
v.is_empty();
v.len();
v.get(0);
v.pop();
v.iter();
v.push(10);
v.push(20);
v.push(30);
v.len();
v.get(0);
v.get(2);
v.get(3);
v.set(1, 21);
v.get(1);
v.iter();
v.iter() limit 2;
v.pop();
v.len();
v.is_empty();
for i in 0..5 { v.push(i * i); }
v.iter();
let s = 0;
for x in v.iter() { let s = s + x; }
print s;
len(v);
v.clear();
v.len();
describe v;

-- Bounded variable-size elements, tuples and floats.
let names = vec(1) of blob<8>;
names.push(b"ada"); names.push(x""); names.push(b"grace");
names.iter();
let points = vec(2) of (f32, f64);
points.push((1.5, -2.25)); points.push((3, 1e300));
points.iter();
let flags = vec(3) of option<blob<4>>;
flags.push(b"on"); flags.push(none); flags.push(some(b"off"));
flags.iter();
