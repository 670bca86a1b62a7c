extension Session {
    /// The field names after `value.` or `key.` in a query, `delete` or
    /// `update` on a structure whose value (or key) type is a record: the
    /// structure is the one named after `from` or `update` in `line`.
    func rowFieldNames(receiverBefore head: String, line: String) -> [String] {
        let receiver = String(head.unicodeScalars.reversed().prefix { scalar in
            scalar.isASCII && Lexer.isIdentifierContinue(UInt8(scalar.value))
        }.reversed().map(Character.init))
        guard let variable = RowVariable(rawValue: receiver), variable != .index else { return [] }
        let words = line.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).map(String.init)
        var source: String? = nil
        for (index, word) in words.enumerated() where (word == "from" || word == "update") && index + 1 < words.count {
            source = words[index + 1]
        }
        guard let source, let record = structures[source] else { return [] }
        let type = variable == .key ? record.keyType : record.elementType
        var unwrapped = type
        while case let .option(inner)? = unwrapped { unwrapped = inner }
        guard case let .record(recordType)? = unwrapped else { return [] }
        return recordType.fields.map(\.name)
    }
}
