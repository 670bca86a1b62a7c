#if arch(wasm32)
/// The memory a structure uses when none is named: the canister's stable
/// memory on WebAssembly (``Ic0StableMemory``), an in-heap ``VectorMemory``
/// everywhere else — as the Rust crate's `DefaultMemoryImpl`.
public typealias DefaultMemory = Ic0StableMemory
#else
/// The memory a structure uses when none is named: the canister's stable
/// memory on WebAssembly (`Ic0StableMemory`), an in-heap ``VectorMemory``
/// everywhere else — as the Rust crate's `DefaultMemoryImpl`.
public typealias DefaultMemory = VectorMemory
#endif
