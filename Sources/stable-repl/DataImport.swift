import StableQL

/// Builds the one statement that `.import` runs: a `for _ in 0..1 { … }`
/// block with one call per row, each on the line its row has in the file,
/// so that the session's error messages name the file's line and the
/// statement's atomicity loads all rows or none.
struct DataImport {
    enum Format {
        case csv, json

        /// The format a file extension stands for (`csv`, `json`, `jsonl`, `ndjson`).
        init?(extension: String) {
            switch `extension`.lowercased() {
            case "csv": self = .csv
            case "json", "jsonl", "ndjson": self = .json
            default: return nil
            }
        }
    }

    /// An error with the file line it is on.
    struct Failure: Error {
        var line: Int
        var message: String
    }

    var name: String
    var shape: BindingShape
    var format: Format
    var header: Bool

    func statement(for text: String) -> Result<String, Failure> {
        do throws(Failure) {
            let calls = switch format {
            case .csv: try csvCalls(text)
            case .json: try jsonCalls(text)
            }
            var lines = ["for _ in 0..1 {"]
            for (line, call) in calls {
                while lines.count < line { lines.append("") }
                lines[line - 1] += " \(name).\(call);"
            }
            lines[lines.count - 1] += " }"
            return .success(lines.joined(separator: "\n") + "\n")
        } catch {
            return .failure(error)
        }
    }

    /// The method call that stores one element (a map entry: key and value).
    private func call(_ arguments: [String]) -> String {
        let method = switch shape.kind {
        case .map, .set: "insert"
        case .vec, .heap: "push"
        case .log: "append"
        case .cell: "set"
        }
        return "\(method)(\(arguments.joined(separator: ", ")))"
    }

    // MARK: - CSV

    private func csvCalls(_ text: String) throws(Failure) -> [(Int, String)] {
        let records = try CSVRecords.parse(text)
        guard !records.isEmpty else { return [] }
        var columns: [String]
        var body = records[...]
        if header {
            columns = records[0].fields
            body = records.dropFirst()
        } else {
            columns = defaultColumns(count: records[0].fields.count)
        }
        let layout = try csvLayout(columns, line: records[0].line)
        var calls: [(Int, String)] = []
        for record in body {
            guard record.fields.count == columns.count else {
                throw Failure(line: record.line, message: "expected \(columns.count) fields, found \(record.fields.count)")
            }
            do throws(ImportError) {
                var arguments: [String] = []
                if let keyType = shape.keyType {
                    arguments.append(try ImportSource.csv(record.fields[layout.key!], as: keyType))
                }
                switch layout.value {
                case .whole(let index):
                    arguments.append(try ImportSource.csv(record.fields[index], as: shape.elementType))
                case .fields(let fields):
                    var parts: [String] = []
                    for (field, index) in fields {
                        parts.append("\(field.name): \(try ImportSource.csv(record.fields[index], as: field.type))")
                    }
                    arguments.append("{" + parts.joined(separator: ", ") + "}")
                }
                calls.append((record.line, call(arguments)))
            } catch {
                throw Failure(line: record.line, message: error.message)
            }
        }
        return calls
    }

    private enum ValueColumns {
        case whole(Int)
        case fields([(RecordField, Int)])
    }

    /// Column names when the file has no header: key (maps), then value
    /// or the record's fields in order.
    private func defaultColumns(count: Int) -> [String] {
        var names = shape.keyType == nil ? [] : ["key"]
        if case .record(let record) = shape.elementType, count != names.count + 1 {
            names += record.fields.map(\.name)
        } else {
            names.append("value")
        }
        return names
    }

    private func csvLayout(_ columns: [String], line: Int) throws(Failure) -> (key: Int?, value: ValueColumns) {
        var key: Int?
        if shape.keyType != nil {
            guard let index = columns.firstIndex(of: "key") else {
                throw Failure(line: line, message: "a map's columns need one named key")
            }
            key = index
        }
        if let index = columns.firstIndex(of: "value") { return (key, .whole(index)) }
        guard case .record(let record) = shape.elementType else {
            throw Failure(line: line, message: "no column named value (the columns are \(columns.joined(separator: ", ")))")
        }
        var fields: [(RecordField, Int)] = []
        for (index, column) in columns.enumerated() where index != key {
            guard let field = record.field(column) else {
                throw Failure(line: line, message: "\(record) has no field \(Value.quote(column)); it has \(record.fields.map(\.name).joined(separator: ", "))")
            }
            fields.append((field, index))
        }
        return (key, .fields(fields))
    }

    // MARK: - JSON Lines

    private func jsonCalls(_ text: String) throws(Failure) -> [(Int, String)] {
        var calls: [(Int, String)] = []
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { continue }
            do throws(ImportError) {
                let json = try JSONLine.parse(line).get()
                if let keyType = shape.keyType {
                    guard case .array(let pair) = json, pair.count == 2 else {
                        throw ImportError("a map's line needs [key, value], found \(json.kindName)")
                    }
                    calls.append((lineNumber, call([try ImportSource.json(pair[0], as: keyType),
                                                    try ImportSource.json(pair[1], as: shape.elementType)])))
                } else {
                    calls.append((lineNumber, call([try ImportSource.json(json, as: shape.elementType)])))
                }
            } catch {
                throw Failure(line: lineNumber, message: error.message)
            }
        }
        return calls
    }
}

/// RFC 4180 records with the line each starts on: fields separated by `,`,
/// quoted with `"` (doubled inside), CRLF or LF line ends.
enum CSVRecords {
    static func parse(_ text: String) throws(DataImport.Failure) -> [(line: Int, fields: [String])] {
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var quoted = false
        var wasQuoted = false
        var line = 1
        var recordLine = 1
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func endRecord() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            if !(fields.count == 1 && fields[0].isEmpty && !wasQuoted) { records.append((recordLine, fields)) }
            fields = []
            wasQuoted = false
        }
        while let scalar = pending ?? scalars.next() {
            pending = nil
            if quoted {
                if scalar == "\"" {
                    let next = scalars.next()
                    if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty:
                quoted = true
                wasQuoted = true
            case ",":
                fields.append(String(field))
                field = String.UnicodeScalarView()
            case "\r":
                let next = scalars.next()
                if next != "\n" { field.append(scalar); pending = next; continue }
                endRecord()
                line += 1
                recordLine = line
            case "\n":
                endRecord()
                line += 1
                recordLine = line
            default:
                field.append(scalar)
            }
        }
        if quoted { throw DataImport.Failure(line: recordLine, message: "a quoted field is not closed") }
        if !field.isEmpty || !fields.isEmpty || wasQuoted { endRecord() }
        return records
    }
}
