import Foundation

/// What a command gets from the outside world, read once: the clock, the
/// environment and where to write. The binary passes the real ones; tests
/// pass a fixed `now` and a captured console.
public struct Context {
    public var now: Date
    public var environment: [String: String]
    public var console: Console
    /// Standard input, read whole (`fuctl add --ics -`); tests give their own.
    public var input: () -> Data

    public init(now: Date, environment: [String: String], console: Console,
                input: @escaping () -> Data = { FileHandle.standardInput.readDataToEndOfFile() }) {
        self.now = now
        self.environment = environment
        self.console = console
        self.input = input
    }

    func readInput() -> Data { input() }

    /// The real clock, environment and standard streams.
    public static func live() -> Context {
        Context(now: Date(), environment: ProcessInfo.processInfo.environment, console: .standard())
    }
}

/// Standard output and error, or buffers that tests read.
public final class Console {
    private let capturing: Bool
    /// What was written to standard output (captured consoles only).
    public private(set) var output = ""
    /// What was written to standard error (captured consoles only).
    public private(set) var errors = ""

    private init(capturing: Bool) { self.capturing = capturing }

    public static func standard() -> Console { Console(capturing: false) }
    public static func captured() -> Console { Console(capturing: true) }

    /// One line (or several) on standard output.
    /// Human output: stored text and mail from strangers can hold control characters.
    func print(_ text: String) { write(VisibleText.render(text) + "\n") }

    /// Text as is on standard output: `fuctl draft` writes the message's exact bytes.
    func write(_ text: String) {
        if capturing { output += text } else { FileHandle.standardOutput.write(Data(text.utf8)) }
    }

    func error(_ text: String) {
        let text = VisibleText.render(text)
        if capturing { errors += text + "\n" } else { FileHandle.standardError.write(Data((text + "\n").utf8)) }
    }
}
