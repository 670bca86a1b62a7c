-- heap: every method of MinHeap (elements must be bounded).
let h = heap(0) of u32;
h.is_empty();
h.len();
h.peek();
h.pop();
h.iter();
h.push(5);
h.push(1);
h.push(9);
h.push(3);
h.push(1);
h.len();
h.is_empty();
h.peek();
h.iter();              -- storage order, not sorted
h.iter() limit 2;
h.pop();
h.pop();
h.peek();
h.len();
len(h);
for x in h.iter() { print x; }
h.clear();
h.len();
describe h;
-- Tuples order element by element.
let jobs = heap(1) of (u32, blob<8>);
jobs.push((5, b"five"));
jobs.push((1, b"one"));
jobs.push((1, b"ONE"));
jobs.peek();
jobs.pop();
jobs.pop();
jobs.pop();
jobs.pop();
-- Floats are allowed as heap elements.
let fh = heap(2) of f64;
fh.push(2.5); fh.push(-1); fh.push(inf);
fh.pop();
fh.pop();
fh.pop();
