-- Upgrade walk-through, part 2: a new process re-attaches to the same image.
-- The declarations are the program; the image holds the data.
open "upgrade-demo.img";
let accounts = map(0) of string -> u64;
let history = log(1, 2) of string;
accounts.iter();
history.iter();
accounts.insert("carol", 75);
upgrade;                                       -- and once more within this process
accounts.len();
close;
