extension QLType {
    /// Converts `value` into this type exactly, or fails naming the value,
    /// the type and the limit ("300 does not fit u8 (0...255)").
    ///
    /// Integers convert into integer types within range and into float types
    /// when exactly representable; floats round between f32 and f64; a plain
    /// value converts into `option<T>` as `some`; `none` into any option.
    public func convert(_ value: Value) throws(QLError) -> Value {
        switch (self, value) {
        case let (_, .integer(integer)) where isInteger:
            guard let range = integerRange, integer >= range.min, integer <= range.max else {
                let limits = integerRange.map { "\($0.min)...\($0.max)" } ?? ""
                throw QLError(.type, "\(integer) does not fit \(self) (\(limits))")
            }
            return value
        case let (.f64, .integer(integer)):
            guard let exact = Double(exactly: integer.magnitude) else {
                throw QLError(.type, "\(integer) cannot be represented exactly as f64")
            }
            return .float(integer.isNegative ? -exact : exact)
        case let (.f32, .integer(integer)):
            guard let exact = Float(exactly: integer.magnitude) else {
                throw QLError(.type, "\(integer) cannot be represented exactly as f32")
            }
            return .float32(integer.isNegative ? -exact : exact)
        case let (.f64, .float(number)): return .float(number)
        case let (.f64, .float32(number)): return .float(Double(number))
        case let (.f32, .float(number)):
            let narrowed = Float(number)
            // Rounding is fine; overflowing to infinity is not.
            if narrowed.isInfinite && number.isFinite {
                throw QLError(.type, "\(number) does not fit f32 (largest finite value \(Float.greatestFiniteMagnitude))")
            }
            return .float32(narrowed)
        case (.f32, .float32): return value
        case (.bool, .bool), (.string, .string), (.blob, .blob), (.unit, .unit): return value
        case let (.boundedBlob(limit), .blob(bytes)):
            guard bytes.count <= limit else {
                throw QLError(.type, "a \(bytes.count)-byte blob does not fit \(self) (at most \(limit) bytes)")
            }
            return value
        case let (.fixedBytes(size), .blob(bytes)):
            guard bytes.count == size else {
                throw QLError(.type, "a \(bytes.count)-byte blob does not fit \(self) (exactly \(size) bytes)")
            }
            return value
        case let (.principal, .principal(bytes)):
            guard bytes.count <= 29 else {
                throw QLError(.type, "a \(bytes.count)-byte principal does not fit principal (at most 29 bytes)")
            }
            return value
        case (.option, .none): return .none
        case let (.option(inner), .some(wrapped)): return .some(try inner.convert(wrapped))
        case let (.option(inner), _): return .some(try inner.convert(value))
        case let (.tuple(types), .tuple(elements)):
            guard types.count == elements.count else {
                throw QLError(.type, "a \(elements.count)-tuple does not fit \(self)")
            }
            var converted: [Value] = []
            for (type, element) in zip(types, elements) { converted.append(try type.convert(element)) }
            return .tuple(converted)
        case let (.record(record), .record(entries)): return .record(try record.convert(entries))
        case let (.record, .cbor(item)): return try RecordCBOR.decode(item, as: self)
        case (.cbor, .cbor): return value
        case let (.candid(schema), _): return .candid(try schema.convert(value))
        case (.json(isKey: true), _): throw CandidCodec.keyRefusal("json")
        case (.json, .json): return value
        case let (.json, .string(text)): return .json(try JSONParser.parse(text))
        case (.json, _): return .json(try JSONParser.parse(JSONRenderer.json(value)))
        case (.cbor, _): return .cbor(try RecordCBOR.document(value))
        default:
            throw QLError(.type, "expected \(self), found \(value.kindName) \(value.literal)")
        }
    }
}

extension RecordType {
    /// Converts the fields of a record value to this type: every field must
    /// be declared, declared fields missing from `entries` take their default
    /// (`none` for options); the result is in declaration order.
    func convert(_ entries: [RecordEntry]) throws(QLError) -> [RecordEntry] {
        for (index, entry) in entries.enumerated() {
            guard field(entry.name) != nil else {
                throw QLError(.type, "unknown field '\(entry.name)' in \(displayName) (it has \(fieldList))")
            }
            if entries[..<index].contains(where: { $0.name == entry.name }) {
                throw QLError(.type, "field '\(entry.name)' is given twice")
            }
        }
        var converted: [RecordEntry] = []
        for field in fields {
            if let entry = entries.first(where: { $0.name == field.name }) {
                do throws(QLError) {
                    converted.append(RecordEntry(field.name, try field.type.convert(entry.value)))
                } catch {
                    throw error.prefixed("field '\(field.name)' of \(displayName)")
                }
            } else if let defaultValue = field.defaultValue {
                converted.append(RecordEntry(field.name, defaultValue))
            } else if case .option = field.type {
                converted.append(RecordEntry(field.name, .none))
            } else {
                throw QLError(.type, "missing field '\(field.name)' of \(displayName) (it has no default)")
            }
        }
        return converted
    }
}
