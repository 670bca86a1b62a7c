import Foundation
import StableQL

extension Shell {
    /// Runs `.dump` and `.import`; nil for any other command.
    func runDataCommand(_ command: DotCommand, origin: String, line: Int) -> Bool? {
        switch command.name {
        case "dump":
            output.flush()
            let ok = session.dump(command.arguments)
            output.flush()
            if !ok { noteFailure() }
            return ok
        case "import":
            return runImport(command, origin: origin, line: line)
        default:
            return nil
        }
    }

    /// `.import FILE NAME [--csv | --json] [--no-header]`
    private func runImport(_ command: DotCommand, origin: String, line: Int) -> Bool {
        var format: DataImport.Format?
        var header = true
        var positional: [String] = []
        for argument in command.arguments {
            switch argument {
            case "--csv": format = .csv
            case "--json": format = .json
            case "--no-header": header = false
            default:
                if argument.hasPrefix("--") { return usage(command, origin: origin, line: line) }
                positional.append(argument)
            }
        }
        guard positional.count == 2 else { return usage(command, origin: origin, line: line) }
        let (path, name) = (positional[0], positional[1])
        guard let shape = session.shape(of: name) else {
            return fail(.name, ".import: no structure named '\(name)'", origin: origin, line: line)
        }
        let chosen: DataImport.Format
        if let format {
            chosen = format
        } else if let guessed = DataImport.Format(extension: (path as NSString).pathExtension) {
            chosen = guessed
        } else {
            return fail(.runtime, ".import: say --csv or --json for \(path)", origin: origin, line: line)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return fail(.io, ".import: cannot read file \(path)", origin: origin, line: line)
        }
        let text = String(decoding: data, as: UTF8.self)
        let statement: String
        switch DataImport(name: name, shape: shape, format: chosen, header: header).statement(for: text) {
        case .success(let built): statement = built
        case .failure(let error):
            return fail(.runtime, error.message, origin: path, line: error.line)
        }
        // One statement: it loads every row or, on any error, none.
        return runStatements(statement, origin: path)
    }
}
