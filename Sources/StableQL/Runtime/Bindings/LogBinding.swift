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
                let entry = try libraryCall("the log") { () throws(StableError) in try log.log.get(index) }
                return .value(try log.decode(entry, index: index))
            },
            StructureMethod("first", returns: "entry or `none`", "the oldest entry") { (log, _) throws(QLError) -> MethodResult in
                .value(try log.decode(try libraryCall("the log") { () throws(StableError) in try log.log.first }, index: 0))
            },
            StructureMethod("last", returns: "entry or `none`", "the newest entry") { (log, _) throws(QLError) -> MethodResult in
                let entry = try libraryCall("the log") { () throws(StableError) in try log.log.last }
                return .value(try log.decode(entry, index: log.log.count &- 1))
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

    /// A stored entry decoded, an error naming its index; `none` for no entry.
    func decode(_ entry: T?, index: UInt64) throws(QLError) -> Value {
        guard let entry else { return .none }
        do throws(QLError) {
            return try entries.decode(entry)
        } catch {
            throw error.prefixed("entry \(index)")
        }
    }

    func rows() -> RowSource {
        RowSource(columns: ["value"]) { [log, entries] (consume) throws(QLError) in
            var index: UInt64 = 0
            var failures = DecodeFailures(type: entries.type)
            while index < log.count {
                guard let entry = try libraryCall("the log", { () throws(StableError) in try log.get(index) }) else { break }
                index += 1
                let value: Value
                do throws(QLError) {
                    value = try entries.decode(entry)
                } catch {
                    failures.add("entry \(index - 1)", error)
                    continue
                }
                if try !consume([value]) { break }
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
