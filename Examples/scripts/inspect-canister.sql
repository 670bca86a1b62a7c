-- Inspecting and repairing a canister's stable memory, offline.
--
-- 1. Download a snapshot:   dfx canister snapshot download CANISTER SNAPSHOT --dir backup
--    (this tutorial's folder is a demo one: `swift run demo-snapshot backup`)
-- 2. Run this script in the folder that holds backup/:
--      stable-repl Examples/scripts/inspect-canister.sql
-- 3. Upload and load the fixed snapshot:
--      dfx canister snapshot upload CANISTER --dir backup
--      dfx canister snapshot load CANISTER NEW_SNAPSHOT_ID

-- Look first, read-only: nothing in the folder is written.
open "backup" readonly;
describe;
memories;

-- What is in each memory? Discovery guesses types from the stored bytes.
describe memory 0;
describe memory 1;
describe memory 3;
describe memory 4;
describe memory 5;

-- Declare what discovery found. Candid values are read as blobs here; with
-- Candid value types, declare them `candid` (see the note at the end).
let users = map(0) of u64 -> blob;
let events = log(1, 2) of blob;
let config = cell(3) of string default "";
let emails = map(4) of string -> u64;
users.len();
events.len();
config.get();
emails.get("grace1@example.org");
emails.range("ada".."alan") limit 3;

-- Keep a copy of the file the canister keeps in memory 5.
extract memory 5 to "memory5.sqlite";

-- Fix one entry: grace1 changed her address. Re-open read-write.
close;
open "backup";
let emails = map(4) of string -> u64;
emails.remove("grace1@example.org");
emails.insert("grace@example.net", 1);
emails.get("grace@example.net");
let config = cell(3) of string default "";
config.set("{\"max_users\":2000,\"admins\":[\"ada0\"],\"signups_open\":true}");

-- Ready for `dfx canister snapshot upload`? stable_memory_size must equal
-- stable_memory.bin's size; every commit keeps them equal.
describe;
close;

-- With Candid value types, the users read as records:
--   let users = map(0) of u64 -> candid;
--   users.get(5);
