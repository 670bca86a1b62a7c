-- Schema upgrades: values stored as CBOR records evolve across upgrades,
-- as a Rust canister's serde structs do (ciborium's encoding, byte for byte).
open "assets.img";

-- Version 1: an asset is its contents.
type Asset = record { contents: blob };
let assets = map(0) of u64 -> Asset;
assets.insert(1, {contents: x"00ff"});
assets.insert(2, {contents: b"hello"});
assets.iter();

-- Version 2 adds a creation time with a default. Re-declaring the type
-- changes it for `upgrade`, which re-attaches every binding with the types
-- as declared now; old entries read the default.
type Asset = record { contents: blob, created_at: u64 = 0 };
upgrade;
assets.insert(3, {contents: x"0102", created_at: 1700000000});
assets.iter();
print assets.get(3).created_at;

-- Version 3 adds an optional uploader: entries without it read none.
type Asset = record { contents: blob, created_at: u64 = 0, uploaded_by: option<principal> };
upgrade;
assets.insert(4, {contents: x"", created_at: 1700000500, uploaded_by: principal "2vxsx-fae"});
assets.iter();
assert assets.get(1).uploaded_by == none;
assert assets.get(4).uploaded_by == some(principal "2vxsx-fae");

describe Asset;

-- What is stored: the same memory read with the `cbor` type shows each
-- entry's CBOR map as written. Old entries keep their old shape (the new
-- fields are filled in on reading) until they are written again.
drop assets;
let stored = map(0) of u64 -> cbor;
stored.iter();
print stored.get(4).uploaded_by;
close;
