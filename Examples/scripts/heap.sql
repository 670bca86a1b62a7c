-- Tutorial: MinHeap, a priority queue in stable memory.
let queue = heap(0) of u64;
for i in 0..10 { queue.push((i * 7) % 10); }
queue.len();
queue.peek();
queue.pop();
queue.pop();
queue.iter();                                  -- storage order, not sorted order
