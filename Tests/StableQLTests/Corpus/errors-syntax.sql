-- Syntax errors: each names the line and column, shows the line and a caret.
-- The corpus runs with keep-going, so the statements that parse still run.
let users = map(0) of u64 -> string;
users.insert(1, "a";
print "still running";
-- Lexical errors.
print 1 @ 2;
print 12abc;
print 0x;
print 0b102;
print 340282366920938463463374607431768211456;
print "bad \q escape";
print "bad \u1234";
print "open \u{41";
print "\u{110000}";
print b"\xZZ";
print x"abc";
print x"zz";
-- Statements.
let for = 1;
let x 1;
print 1 print 2;
let m = map of u64 -> u64;
let m = map(0 of u64 -> u64;
let m = map(0) u64 -> u64;
let m = map(0) of u64;
let c = cell(0) of u8;
let l = log(0) of u8;
let v = vec(0, 1) of u8;
open "x.img" bogus;
for i 0..3 { print i; }
for i in 0..3 print i;
{ print 1; }
print 1 < 2 < 3;
print 1..=;
users.range(1..=);
users.;
users.len;
print some 3;
print some(3;
print (1, 2;
print (1;
print ;
-- Types.
let v = vec(0) of u65;
let v = vec(0) of blob<>;
let v = vec(0) of bytes<4;
let v = vec(0) of option<u8;
let v = vec(0) of (u8, u8;
let v = vec(0) of u8<4>;
let v = vec(0) of stringg;
-- Nesting is bounded.
print (((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((1)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))));
-- Limit on a for loop is not part of the language.
for x in users.iter() limit 5 { print x; }
print "the end";
-- An unterminated block comment runs to the end of the text.
/* never closed
print "not run";
