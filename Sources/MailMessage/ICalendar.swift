import Foundation

/// An iCalendar object (RFC 5545) as a tree of components with their
/// properties, read without ever failing: what cannot be read is left out,
/// and the work is bounded by `ICalendar.Limits` whatever the input.
public struct ICalendar: Hashable, Sendable {
    /// One content line: `NAME;PARAM=VALUE:value`, unfolded, the value still escaped.
    public struct Property: Hashable, Sendable {
        public var name: String
        public var parameters: [String: String]
        public var value: String

        /// The value with RFC 5545 §3.3.11 text escapes undone.
        public var text: String { ICalendar.unescaped(value) }
    }

    /// `BEGIN:NAME` … `END:NAME`.
    public struct Component: Hashable, Sendable {
        public var name: String
        public var properties: [Property]
        public var components: [Component]
        /// False when the text ended (or was cut) before its END line: what
        /// follows may have held more (an update's SEQUENCE, written late by Exchange).
        public var isComplete = true

        public func property(_ name: String) -> Property? { properties.first { $0.name == name } }
        public func properties(_ name: String) -> [Property] { properties.filter { $0.name == name } }
        public func components(_ name: String) -> [Component] { components.filter { $0.name == name } }
    }

    public struct Limits: Hashable, Sendable {
        public var maxBytes = 512 * 1024
        public var maxLineBytes = 16 * 1024
        public var maxDepth = 8
        public var maxComponents = 1000
        public var maxProperties = 10_000
        public static let standard = Limits()
    }

    /// The top-level VCALENDAR components, in order.
    public var calendars: [Component]

    /// Reads `text`; nil when it holds no component at all.
    public static func parse(_ text: String, limits: Limits = .standard) -> ICalendar? {
        var stack: [Component] = []
        var calendars: [Component] = []
        var components = 0, properties = 0
        for line in contentLines(text, limits: limits) {
            guard let property = parseLine(line) else { continue }
            switch property.name {
            case "BEGIN":
                let name = property.value.trimmingCharacters(in: .whitespaces).uppercased()
                components += 1
                // Too deep or too many: the rest of the text is not read.
                guard stack.count < limits.maxDepth, components <= limits.maxComponents, !name.isEmpty else {
                    return finish(calendars, stack)
                }
                // A component on its own (a bare VEVENT file) is read as if in a calendar.
                if stack.isEmpty && name != "VCALENDAR" { stack.append(Component(name: "VCALENDAR", properties: [], components: [])) }
                stack.append(Component(name: name, properties: [], components: []))
            case "END":
                let name = property.value.trimmingCharacters(in: .whitespaces).uppercased()
                // An END that closes an outer component closes the ones left open inside it.
                guard let index = stack.lastIndex(where: { $0.name == name }) else { continue }
                while stack.count > index { close(&stack, &calendars) }
            default:
                properties += 1
                guard properties <= limits.maxProperties else { return finish(calendars, stack) }
                if !stack.isEmpty { stack[stack.count - 1].properties.append(property) }
            }
        }
        return finish(calendars, stack)
    }

    /// Components left open at the end are kept as far as they were read.
    private static func finish(_ calendars: [Component], _ open: [Component]) -> ICalendar? {
        var calendars = calendars, stack = open
        for index in stack.indices { stack[index].isComplete = false }
        while !stack.isEmpty { close(&stack, &calendars) }
        return calendars.isEmpty ? nil : ICalendar(calendars: calendars)
    }

    private static func close(_ stack: inout [Component], _ calendars: inout [Component]) {
        let done = stack.removeLast()
        if stack.isEmpty { calendars.append(done) } else { stack[stack.count - 1].components.append(done) }
    }

    /// Lines with folding undone (a line break then a space or tab continues
    /// the line), each cut to `maxLineBytes`; at most `maxBytes` of input read.
    static func contentLines(_ text: String, limits: Limits) -> [String] {
        var bytes = Array(text.utf8.prefix(limits.maxBytes))
        if bytes.count == limits.maxBytes { while let last = bytes.last, last & 0xC0 == 0x80 { bytes.removeLast() } }
        var lines: [[UInt8]] = []
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var line = bytes[start..<end]
            if line.last == 0x0D { line = line.dropLast() }
            if let first = line.first, first == 0x20 || first == 0x09, !lines.isEmpty {
                let room = limits.maxLineBytes - lines[lines.count - 1].count
                if room > 0 { lines[lines.count - 1] += line.dropFirst().prefix(room) }
            } else if !line.isEmpty {
                lines.append(Array(line.prefix(limits.maxLineBytes)))
            }
            start = end + 1
        }
        return lines.map { String(decoding: $0, as: UTF8.self) }
    }

    /// `NAME;P1=V1;P2="V;2":value`: a colon or semicolon inside a quoted
    /// parameter value belongs to the value.
    static func parseLine(_ line: String) -> Property? {
        var name = "", parameters: [String: String] = [:]
        var current = "", key: String?, quoted = false, inName = true
        var index = line.startIndex
        while index < line.endIndex {
            let c = line[index]
            if quoted {
                if c == "\"" { quoted = false } else { current.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == ";" || c == ":" {
                if inName { name = current; inName = false } else if let k = key { parameters[k] = current } else if !current.isEmpty {
                    parameters[current.uppercased()] = ""
                }
                current = ""
                key = nil
                if c == ":" {
                    let value = String(line[line.index(after: index)...])
                    let upper = name.trimmingCharacters(in: .whitespaces).uppercased()
                    return upper.isEmpty ? nil : Property(name: upper, parameters: parameters, value: value)
                }
            } else if c == "=" && !inName && key == nil {
                key = current.trimmingCharacters(in: .whitespaces).uppercased()
                current = ""
            } else {
                current.append(c)
            }
            index = line.index(after: index)
        }
        return nil
    }

    static func unescaped(_ value: String) -> String {
        var out = ""
        var escaping = false
        for c in value {
            if escaping {
                switch c {
                case "n", "N": out.append("\n")
                default: out.append(c)
                }
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        return out
    }
}
