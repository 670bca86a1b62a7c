-- Literals (spec: lexical rules) and every type of the type table, stored
-- and read back through a structure.

-- Integer literals: decimal, hex, binary, separators; the largest u128.
print 42;
print 1_000_000;
print 0xff;
print 0xFF_FF;
print 0b1010;
print 340282366920938463463374607431768211455;
print -5;

-- Float literals.
print 1.5;
print 1e9;
print 2.5e-3;
print -0.0;
print inf;
print -inf;
print nan;

-- Strings with every escape, blobs, booleans, options, principals, tuples, unit.
print "a\\b\"c\nd\te\rf\0g";
print "\u{1F600}";
print "héllo";
print x"DEADbeef";
print x"";
print b"bytes\x00\xff";
print b"tab\t";
print true;
print false;
print none;
print some(3);
print some(none);
print principal "aaaaa-aa";
print principal "2vxsx-fae";
print (1, "a");
print (1, "a", x"00");
print ((1, 2), some("x"));
print ();
print (7);

-- Comments: /* block */ and -- line.
print /* inline block comment */ 5; -- trailing comment
/* a block
   over several lines */
print 6;

-- Every type, through a cell (which takes any type) and a vec or map.
let c_u8 = cell(0) of u8 default 255;
let c_u16 = cell(1) of u16 default 65535;
let c_u32 = cell(2) of u32 default 4294967295;
let c_u64 = cell(3) of u64 default 18446744073709551615;
let c_u128 = cell(4) of u128 default 340282366920938463463374607431768211455;
let c_i8 = cell(5) of i8 default -128;
let c_i16 = cell(6) of i16 default -32768;
let c_i32 = cell(7) of i32 default -2147483648;
let c_i64 = cell(8) of i64 default -9223372036854775808;
let c_f32 = cell(9) of f32 default 0.1;
let c_f64 = cell(10) of f64 default 0.1;
let c_bool = cell(11) of bool default true;
let c_string = cell(12) of string default "ünïcödé";
let c_blob = cell(13) of blob default x"00ff";
let c_blob4 = cell(14) of blob<4> default x"0102";
let c_bytes4 = cell(15) of bytes<4> default x"01020304";
let c_principal = cell(16) of principal default principal "aaaaa-aa";
let c_option = cell(17) of option<u64> default none;
let c_pair = cell(18) of (u32, blob<4>) default (1, x"ab");
let c_triple = cell(19) of (string, blob, u8) default ("s", x"cd", 9);
let c_unit = cell(20) of unit default ();
let c_unit2 = cell(21) of () default ();
c_u8.get(); c_u16.get(); c_u32.get(); c_u64.get(); c_u128.get();
c_i8.get(); c_i16.get(); c_i32.get(); c_i64.get();
c_f32.get(); c_f64.get(); c_bool.get(); c_string.get(); c_blob.get();
c_blob4.get(); c_bytes4.get(); c_principal.get(); c_option.get();
c_pair.get(); c_triple.get(); c_unit.get(); c_unit2.get();

-- An f32 holds 0.1 inexactly, so it is not == 0.1; an f64 is.
assert c_f32.get() != 0.1, "f32 0.1 is inexact";
assert c_f64.get() == 0.1;

-- Conversions: an integer fits a float; a plain value fits option<T>.
c_f64.set(3);
c_f64.get();
c_option.set(5);
c_option.get();
c_option.set(some(6));
c_option.get();

-- Signed integers keep numeric order as keys (order-preserving encoding).
let signed = set(30) of i64;
for i in -3..=3 { signed.insert(i * 1000); }
signed.iter();
let small = set(31) of i8;
small.insert(-128); small.insert(127); small.insert(0); small.insert(-1);
small.iter();

-- Strings order by UTF-8 bytes; principals by length then bytes.
let words = set(32) of string;
words.insert("b"); words.insert("a"); words.insert("é"); words.insert("Z"); words.insert("");
words.iter();
let people = set(33) of principal;
people.insert(principal "2vxsx-fae"); people.insert(principal "aaaaa-aa");
people.iter();

-- Options and tuples as keys; none sorts first.
let opt = set(34) of option<string>;
opt.insert(some("b")); opt.insert(none); opt.insert("a");
opt.iter();
let pairs = map(35) of (u8, bytes<2>) -> (string, blob, bool);
pairs.insert((2, x"0000"), ("two", x"02", true));
pairs.insert((1, x"ffff"), ("one", x"", false));
pairs.iter();

-- unit values: a map to unit works as a set.
let tags = map(36) of string -> unit;
tags.insert("x", ());
tags.insert("y", ());
tags.insert("x", ());
tags.keys();

-- bounded blob sizes: 0...64 and the listed larger ones.
let big = vec(37) of blob<65536>;
big.push(repeat(x"ab", 3));
big.get(0);
let b64 = vec(38) of bytes<64>;
b64.push(repeat(x"01", 64));
len(b64.get(0));
