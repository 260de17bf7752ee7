import Foundation

/// Message identifiers: reading `Message-ID`, `In-Reply-To` and `References`, and making new ones.
public enum MessageIDs {
    /// A Message-ID as identifiers compare: without angle brackets, spaces or case.
    public static func normalize(_ id: String) -> String {
        id.trimmingScalars { $0 == "<" || $0 == ">" || $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }.lowercased()
    }

    /// The identifiers in a msg-id list, without angle brackets, in order.
    /// Values with no brackets at all (common in broken mail) are split on whitespace.
    public static func parse(_ value: String) -> [String] {
        var ids: [String] = []
        var rest = Substring(value)
        var sawBracket = false
        while let open = rest.firstIndex(of: "<") {
            sawBracket = true
            guard let close = rest[open...].firstIndex(of: ">") else { break }
            let id = String(rest[rest.index(after: open)..<close]).trimmingWhitespace()
            if !id.isEmpty { ids.append(id) }
            rest = rest[rest.index(after: close)...]
        }
        if !sawBracket {
            ids = value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
        }
        return ids
    }

    /// A new Message-ID (without brackets) in `domain`, made from caller-supplied
    /// random bytes so this stays pure; the caller draws them once per draft and stores the result.
    /// Throws when fewer than 12 bytes are given (too little to be unique) or the domain is not a host name.
    public static func make(randomBytes: [UInt8], domain: String) throws -> String {
        guard randomBytes.count >= 12 else { throw MessageBuildError(.notEnoughRandomness, field: "Message-ID") }
        guard MailAddress.isValid("x@" + domain) else { throw MessageBuildError(.invalidAddress, field: "Message-ID") }
        let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz")
        // Base-36 of the bytes in 5-byte groups (40 bits -> 8 characters).
        var left = ""
        var i = 0
        while i < randomBytes.count {
            var n: UInt64 = 0
            for b in randomBytes[i..<min(i + 5, randomBytes.count)] { n = n << 8 | UInt64(b) }
            var chunk = ""
            for _ in 0..<8 { chunk.append(alphabet[Int(n % 36)]); n /= 36 }
            left += chunk
            i += 5
        }
        return "\(left)@\(domain.lowercased())"
    }
}
