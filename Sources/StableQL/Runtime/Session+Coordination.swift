import StableStructures

// Several processes on one image: every top-level statement runs under the
// image's lock (see ``ImageCoordinator``), shared when it only reads and
// exclusive when it may write, and re-attaches the memory manager and the
// bindings first when another process committed since the last statement.
extension Session {
    /// Takes the open image's lock for `statement` (nothing without an image,
    /// and nothing for `open` and `close`, which manage images themselves);
    /// reloads the image when it changed. Returns the coordinator to pass to
    /// ``endCoordination(_:)`` once the statement is committed.
    func beginCoordination(for statement: Statement) throws(QLError) -> ImageCoordinator? {
        guard let coordinator = image?.coordinator, let access = statement.imageAccess else { return nil }
        coordinator.busyTimeoutMilliseconds = options.busyTimeoutMilliseconds
        let changed: Bool
        do throws(StableError) {
            changed = try coordinator.begin(access)
        } catch {
            throw QLError(.library(error), "\(error)")
        }
        if changed { reloadImage() }
        return coordinator
    }

    /// Releases the lock taken by ``beginCoordination(for:)``.
    func endCoordination(_ coordinator: ImageCoordinator?) {
        coordinator?.end()
    }

    /// Re-reads the image's size, then the memory manager and every binding:
    /// what this process cached may be stale.
    func reloadImage() {
        do throws(StableError) {
            try memory.file?.reloadSize()
        } catch {
            output.writeError("error: cannot reload the image: \(error)\n")
        }
        reattachAll()
    }
}

extension Statement {
    /// The lock the statement needs: `.write` when it may write (declarations,
    /// `reclaim`, `upgrade`, any method that is not a known read), `.read`
    /// otherwise, nil for `open` and `close`.
    var imageAccess: ImageCoordinator.Access? {
        switch kind {
        case .open, .close: return nil
        case .declare, .reclaim, .upgrade, .patchMemory: return .write
        case .describeImage, .describeMemory, .extractMemory: return .read
        case .typeDeclaration, .importCandid, .drop, .memories, .describe, .verify: return .read
        case let .diff(_, limit): return limit?.mayWrite == true ? .write : .read
        case let .letValue(_, value): return value.mayWrite ? .write : .read
        case let .print(expression), let .assert(expression, _): return expression.mayWrite ? .write : .read
        case let .expression(expression, limit):
            return expression.mayWrite || limit?.mayWrite == true ? .write : .read
        case let .forLoop(_, sequence, body):
            let writes = sequence.mayWrite || body.contains { $0.imageAccess != .read }
            return writes ? .write : .read
        case .delete, .update: return .write
        case let .select(query): return query.mayWrite ? .write : .read
        case let .forQuery(_, query, body):
            return query.mayWrite || body.contains { $0.imageAccess != .read } ? .write : .read
        case let .ifElse(condition, then, otherwise):
            let writes = condition.mayWrite || (then + otherwise).contains { $0.imageAccess != .read }
            return writes ? .write : .read
        case let .whileLoop(condition, body):
            return condition.mayWrite || body.contains { $0.imageAccess != .read } ? .write : .read
        case .breakLoop, .continueLoop: return .read
        case let .assign(_, value): return value.mayWrite ? .write : .read
        }
    }
}

extension Expression {
    /// Whether evaluating the expression may call a method that writes.
    var mayWrite: Bool {
        switch kind {
        case .integer, .float, .string, .blob, .bool, .none, .principal, .unit, .variable, .candidText, .jsonText, .allRows:
            return false
        case let .list(items):
            return items.contains { $0.mayWrite }
        case let .variant(_, payload):
            return payload?.mayWrite == true
        case let .some(inner), let .unary(_, inner), let .field(inner, _), let .isVariant(inner, _):
            return inner.mayWrite
        case let .binary(_, left, right):
            return left.mayWrite || right.mayWrite
        case let .tuple(items), let .call(_, items):
            return items.contains { $0.mayWrite }
        case let .methodCall(receiver, method, arguments):
            return !MethodSignature.readingMethods.contains(method) || receiver.mayWrite || arguments.contains { $0.mayWrite }
        case let .range(lower, upper, _):
            return lower?.mayWrite == true || upper?.mayWrite == true
        case let .record(fields):
            return fields.contains { $0.value.mayWrite }
        }
    }
}

extension Query {
    /// Whether running the query may call a method that writes.
    var mayWrite: Bool {
        let expressions = columns.map(\.expression) + groupBy + orderBy.map(\.expression)
            + [filter, limit, offset].compactMap { $0 }
        return expressions.contains { $0.mayWrite }
    }
}
