import FollowUpCore

/// Text from the store or from strangers' mail, made safe for a terminal: a
/// control character could retitle, clear or reprogram it. Line breaks and
/// tabs of fuctl's own output stay; every other control is shown as what it
/// is — `\r`, `^[` (ESC), `^G` (BEL), `<U+009B>` (a C1 control) — never raw.
enum VisibleText {
    static func render(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: \.isControlCharacter) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x09: out.unicodeScalars.append(scalar)
            case 0x0D: out += "\\r"
            case 0x00..<0x20: out += "^" + String(UnicodeScalar(UInt8(scalar.value + 0x40)))
            case 0x7F: out += "^?"
            case 0x80..<0xA0: out += "<U+00" + String(scalar.value, radix: 16, uppercase: true) + ">"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Refuses a line break or a control character in a one-line field
    /// (a company, a role, a name): it could not be sent in a header, and
    /// would be printed to a terminal. The error shows the value safely.
    static func checkOneLine(_ value: String, named name: String) -> String? {
        guard let bad = value.unicodeScalars.first(where: \.isControlCharacter) else { return nil }
        let shown = bad.value == 0x0A ? "a line break" : "the control character \(render(String(bad)))"
        return "\(name) \"\(render(value))\" contains \(shown); type it on one line, without control characters"
    }
}
