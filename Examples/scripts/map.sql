-- Tutorial: BTreeMap, an ordered map kept in stable memory.
let prices = map(0) of string -> u64;
prices.insert("apple", 3);
prices.insert("pear", 5);
prices.insert("fig", 7);
prices.insert("apple", 4);                     -- returns the previous value
prices.get("apple");
prices.contains("kiwi");
prices.len();
prices.iter();                                 -- in key order (UTF-8 byte order)
prices.range("b".."p");                        -- keys from "b" up to, not including, "p"
prices.first();
prices.last();
prices.remove("fig");
prices.pop_first();
prices.iter();
describe prices;
