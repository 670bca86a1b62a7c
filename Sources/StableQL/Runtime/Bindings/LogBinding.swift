import StableStructures

/// The box of a `log` binding: a `Log<T, I, D>` over two memories.
final class LogBinding<T: StorableKey, I: Memory, D: Memory>: StructureBinding {
    let log: Log<T, I, D>
    let entries: ValueCodec<T>

    init(log: Log<T, I, D>, entries: ValueCodec<T>) {
        self.log = log
        self.entries = entries
    }

    var kind: StructureKind { .log }

    var methodNames: [String] { ["append", "first", "get", "is_empty", "iter", "last", "len"] }

    func call(_ method: String, _ arguments: [Argument]) throws(QLError) -> MethodResult {
        let log = self.log
        switch method {
        case "append":
            try Argument.expect(arguments, 1, method)
            let entry = try convertArgument(entries, try Argument.value(arguments, 0, method), role: "entry")
            return .silent(.int(try libraryCall("the log") { () throws(StableError) in try log.append(entry) }))
        case "get":
            try Argument.expect(arguments, 1, method)
            let index = try indexArgument(arguments, 0, method)
            return .value(try libraryCall("the log") { () throws(StableError) in try log.get(index) }.map(entries.decode) ?? .none)
        case "first":
            try Argument.expect(arguments, 0, method)
            return .value(try libraryCall("the log") { () throws(StableError) in try log.first }.map(entries.decode) ?? .none)
        case "last":
            try Argument.expect(arguments, 0, method)
            return .value(try libraryCall("the log") { () throws(StableError) in try log.last }.map(entries.decode) ?? .none)
        case "len":
            try Argument.expect(arguments, 0, method)
            return .value(.int(log.count))
        case "is_empty":
            try Argument.expect(arguments, 0, method)
            return .value(.bool(log.isEmpty))
        case "iter":
            try Argument.expect(arguments, 0, method)
            return .rows(rows())
        default:
            throw QLError("a log has no method '\(method)'")
        }
    }

    func rows() -> RowSource {
        RowSource(columns: ["value"]) { [log, entries] (consume) throws(QLError) in
            var index: UInt64 = 0
            while index < log.count {
                guard let entry = try libraryCall("the log", { () throws(StableError) in try log.get(index) }) else { return }
                if try !consume([entries.decode(entry)]) { return }
                index += 1
            }
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
