-- Tutorial: Cell, a single value in stable memory.
let config = cell(0) of string default "v1";
config.get();
config.set("v2");                              -- returns the old value
config.get();
upgrade;
config.get();
