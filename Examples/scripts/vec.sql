-- Tutorial: StableVec, a growable array of bounded elements.
let readings = vec(0) of (u64, u32);           -- pairs of fixed-size parts
readings.push((1700000000, 21));
readings.push((1700000060, 22));
readings.push((1700000120, 20));
readings.get(1);
readings.set(1, (1700000060, 23));
readings.iter();
readings.pop();
readings.len();
let tags = vec(1) of blob<8>;                  -- variable size, at most 8 bytes
tags.push(x"cafe");
tags.push(b"swift");
tags.iter();
