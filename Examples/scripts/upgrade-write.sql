-- Upgrade walk-through, part 1: this process writes an image and exits.
-- Part 2 (upgrade-read.sql) runs in a new process and finds the data.
open "upgrade-demo.img";
let accounts = map(0) of string -> u64;
accounts.insert("alice", 100);
accounts.insert("bob", 250);
let history = log(1, 2) of string;
history.append("alice +100");
history.append("bob +250");
accounts.len();
close;
