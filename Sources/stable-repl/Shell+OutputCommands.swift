import Foundation
import StableQL

extension Shell {
    /// Runs the dot-commands that decide where and how results print
    /// (`.output`, `.once`, `.maxrows`, `.headers`, `.pager`, `.show`,
    /// `.testcase`, `.check`); nil for any other command.
    func runOutputCommand(_ command: DotCommand, origin: String, line: Int) -> Bool? {
        let args = command.arguments
        switch command.name {
        case "output", "once":
            let once = command.name == "once"
            guard args.count == (once ? 1 : args.count), args.count <= 1 else { return usage(command, origin: origin, line: line) }
            output.flush()
            output.redirection?.close()
            output.redirection = nil
            guard let path = args.first else { return true }
            guard let redirection = OutputRedirection(path: path, once: once) else {
                return fail(.io, "cannot write to \(path): \(String(cString: strerror(errno)))", origin: origin, line: line)
            }
            output.redirection = redirection
            return true
        case "maxrows":
            guard args.count <= 1 else { return usage(command, origin: origin, line: line) }
            guard let word = args.first else {
                report("maxrows: \(session.options.maxRows.map(String.init) ?? "off")")
                return true
            }
            if Self.parseSwitch(word) == false {
                session.options.maxRows = nil
            } else if let rows = Int(word), rows >= 1 {
                session.options.maxRows = rows
            } else {
                return usage(command, origin: origin, line: line)
            }
            maxRowsChosen = true
            return true
        case "headers":
            guard args.count <= 1 else { return usage(command, origin: origin, line: line) }
            guard let word = args.first else {
                report("headers: \(headersSetting)")
                return true
            }
            guard let on = Self.parseSwitch(word) else { return usage(command, origin: origin, line: line) }
            session.options.headers = on
            return true
        case "pager":
            guard args.count <= 1 else { return usage(command, origin: origin, line: line) }
            guard let word = args.first else {
                report("pager: \(output.pager.map { "on (\($0.command))" } ?? "off")")
                return true
            }
            guard let on = Self.parseSwitch(word) else { return usage(command, origin: origin, line: line) }
            pagerChosen = true
            if !on {
                output.finishPage()
                output.pager = nil
            } else if output.pager == nil {
                guard let pagerCommand = Pager.defaultCommand() else {
                    return fail(.runtime, "no pager found: set $PAGER", origin: origin, line: line)
                }
                output.pager = Pager(command: pagerCommand, screenRows: { Terminal.rows })
            }
            return true
        case "show":
            guard args.isEmpty else { return usage(command, origin: origin, line: line) }
            report(settings.map { "\($0.name): \($0.value)" }.joined(separator: "\n"))
            return true
        case "testcase":
            guard args.count == 1 else { return usage(command, origin: origin, line: line) }
            output.flush()
            testCase = TestCase(name: args[0])
            output.capture = []
            return true
        case "check":
            return check(command, origin: origin, line: line)
        default:
            return nil
        }
    }

    /// The settings `.show` lists, in order.
    var settings: [(name: String, value: String)] {
        let options = session.options
        return [
            ("mode", options.mode.rawValue),
            ("headers", headersSetting),
            ("maxrows", options.maxRows.map(String.init) ?? "off"),
            ("pager", output.pager.map { "on (\($0.command))" } ?? "off"),
            ("output", output.redirection.map { ($0.once ? "once " : "") + $0.path } ?? "stdout"),
            ("timer", options.timer ? "on" : "off"),
            ("echo", options.echo ? "on" : "off"),
            ("timeout", "\(options.busyTimeoutMilliseconds) ms"),
            ("keep-going", keepGoing ? "on" : "off"),
            ("testcase", testCase?.name ?? "none"),
        ]
    }

    private var headersSetting: String {
        switch session.options.headers {
        case .some(true): "on"
        case .some(false): "off"
        case .none: "default (csv on, list off)"
        }
    }

    /// Writes one report line (or lines) as a result.
    func report(_ text: String) {
        output.write(text.hasSuffix("\n") ? text : text + "\n")
        output.endResult()
        output.flush()
    }
}
