import Foundation

/// What an IMAP server returns for `BODY.PEEK[HEADER.FIELDS (...)]`: the
/// message's header fields with those names, in their order, folds kept,
/// then an empty line (RFC 3501 §6.4.5).
enum HeaderFetch {
    static func of(_ raw: [UInt8], fields: [String]) -> [UInt8] {
        let wanted = Set(fields.map { $0.lowercased() })
        var out: [UInt8] = []
        var keeping = false
        for line in headerLines(raw) {
            if line.first == UInt8(ascii: " ") || line.first == UInt8(ascii: "\t") {
                if keeping { out += line }
                continue
            }
            let name = line.firstIndex(of: UInt8(ascii: ":")).map { String(decoding: line[..<$0], as: UTF8.self) } ?? ""
            keeping = wanted.contains(name.trimmingCharacters(in: .whitespaces).lowercased())
            if keeping { out += line }
        }
        return out + Array("\r\n".utf8)
    }

    /// The header's lines, each with its line end, up to the first empty line.
    private static func headerLines(_ raw: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = raw.startIndex
        while start < raw.endIndex {
            let end = raw[start...].firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? raw.endIndex
            let line = raw[start..<end]
            if line.allSatisfy({ $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") }) { break }
            lines.append(line)
            start = end
        }
        return lines
    }
}
