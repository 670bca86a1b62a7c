import StableStructures

/// The box of a `log` binding: a `Log<T, I, D>` over two memories.
final class LogBinding<T: StorableKey, I: Memory, D: Memory>: TabledBinding {
    let log: Log<T, I, D>
    let entries: ValueCodec<T>

    init(log: Log<T, I, D>, entries: ValueCodec<T>) {
        self.log = log
        self.entries = entries
    }

    var kind: StructureKind { .log }

    /// The methods of a log: the crate's `Log` API under StableQL names.
    static var methods: [StructureMethod<LogBinding>] {
        [
            StructureMethod("append", [MethodParameter("x")], returns: "the new entry's index", "appends x") {
                (log, arguments) throws(QLError) -> MethodResult in
                let entry = try convertArgument(log.entries, arguments.value(0), role: "entry")
                return .silent(.int(try libraryCall("the log") { () throws(StableError) in try log.log.append(entry) }))
            },
            StructureMethod("get", [MethodParameter("i", .index)], returns: "entry or `none`", "the entry at index i") {
                (log, arguments) throws(QLError) -> MethodResult in
                let index = try arguments.index(0)
                return .value(try log.decodedEntry(at: index) ?? .none)
            },
            StructureMethod("first", returns: "entry or `none`", "the oldest entry") { (log, _) throws(QLError) -> MethodResult in
                .value(try log.decodedEntry(at: 0) ?? .none)
            },
            StructureMethod("last", returns: "entry or `none`", "the newest entry") { (log, _) throws(QLError) -> MethodResult in
                .value(log.log.isEmpty ? .none : try log.decodedEntry(at: log.log.count - 1) ?? .none)
            },
            StructureMethod("len", returns: "integer", "the number of entries") { (log, _) throws(QLError) -> MethodResult in
                .value(.int(log.log.count))
            },
            StructureMethod("is_empty", returns: "`bool`", "whether there are no entries") { (log, _) throws(QLError) -> MethodResult in
                .value(.bool(log.log.isEmpty))
            },
            StructureMethod("iter", returns: "rows `value`", "every entry, oldest first") { (log, _) throws(QLError) -> MethodResult in
                .rows(log.rows())
            },
            StructureMethod("index_size_bytes", returns: "integer", "the bytes the index memory uses") {
                (log, _) throws(QLError) -> MethodResult in
                .value(.int(log.log.indexBytesUsed))
            },
            StructureMethod("data_size_bytes", returns: "integer", "the bytes the entries use in the data memory") {
                (log, _) throws(QLError) -> MethodResult in
                .value(.int(log.log.dataBytesUsed))
            },
            StructureMethod("clear", returns: "`()`", "removes every entry (the memories keep their size)") {
                (log, _) throws(QLError) -> MethodResult in
                try libraryCall("the log") { () throws(StableError) in try log.log.clear() }
                return .silent(.unit)
            },
        ]
    }

    func rows() -> RowSource {
        RowSource(columns: ["value"]) { [log, entries, self] (consume) throws(QLError) in
            var index: UInt64 = 0
            var failures = DecodeFailures(type: entries.type)
            while index < log.count {
                guard let entry = try entry(at: index, detailed: false) else { break }
                index += 1
                switch entry {
                case let .success(value): if try !consume([value]) { return try failures.check() }
                case let .failure(error): failures.add("entry \(index - 1)", error)
                }
            }
            try failures.check()
        }
    }

    func forEach(_ body: (Value) throws(QLError) -> Bool) throws(QLError) {
        try rows().produce { (row) throws(QLError) -> Bool in try body(row[0]) }
    }

    func length() throws(QLError) -> UInt64 { log.count }
}

/// Opens the entry type and creates the log.
struct LogOpener<I: Memory, D: Memory>: CodecVisitor {
    let index: I
    let data: D

    @_semantics("optimize.sil.specialize.generic.never")
    func visit<T: StorableKey>(_ entries: ValueCodec<T>) throws(QLError) -> any StructureBinding {
        let log = try libraryCall("the memories") { () throws(StableError) in
            try Log<T, I, D>(indexMemory: index, dataMemory: data)
        }
        return LogBinding(log: log, entries: entries)
    }
}
