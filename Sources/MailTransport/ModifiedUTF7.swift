/// IMAP's modified UTF-7 for mailbox names (RFC 3501 §5.1.3): printable
/// ASCII stands for itself, `&-` is `&`, and `&…-` is UTF-16BE in base64
/// with `,` for `/`. libcurl asks for no UTF8=ACCEPT, so names arrive this
/// way; the wire form is the mailbox's identity, the decoded one is for
/// people (matching a configured name, messages).
public enum ModifiedUTF7 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,".utf8)

    /// The name as text; nil when it is not valid modified UTF-7.
    public static func decode(_ wire: String) -> String? {
        var out = ""
        var bytes = wire.utf8[...]
        while let byte = bytes.first {
            bytes = bytes.dropFirst()
            guard (0x20...0x7E).contains(byte) else { return nil }
            guard byte == UInt8(ascii: "&") else { out.unicodeScalars.append(Unicode.Scalar(byte)); continue }
            guard let end = bytes.firstIndex(of: UInt8(ascii: "-")) else { return nil }
            let run = bytes[..<end]
            bytes = bytes[bytes.index(after: end)...]
            if run.isEmpty { out += "&"; continue }
            guard let units = utf16(run), !units.isEmpty, let scalars = Unicode.UTF16.decode(units) else { return nil }
            out.unicodeScalars.append(contentsOf: scalars)
        }
        return out
    }

    /// The wire form of a name given as text.
    public static func encode(_ text: String) -> String {
        var out = ""
        var pending: [UInt16] = []
        func flush() {
            guard !pending.isEmpty else { return }
            var bytes: [UInt8] = []
            for unit in pending { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
            var bits = 0, value = 0
            out += "&"
            for byte in bytes {
                value = (value << 8) | Int(byte); bits += 8
                while bits >= 6 { bits -= 6; out.unicodeScalars.append(Unicode.Scalar(alphabet[(value >> bits) & 0x3F])) }
            }
            if bits > 0 { out.unicodeScalars.append(Unicode.Scalar(alphabet[(value << (6 - bits)) & 0x3F])) }
            out += "-"
            pending = []
        }
        for scalar in text.unicodeScalars {
            if (0x20...0x7E).contains(scalar.value) {
                flush()
                out += scalar == "&" ? "&-" : String(scalar)
            } else {
                pending += Array(String(scalar).utf16)
            }
        }
        flush()
        return out
    }

    private static func utf16(_ run: Substring.UTF8View.SubSequence) -> [UInt16]? {
        var bits = 0, value = 0
        var bytes: [UInt8] = []
        for char in run {
            guard let index = alphabet.firstIndex(of: char) else { return nil }
            value = ((value << 6) | index) & 0xFFFFFF; bits += 6
            if bits >= 8 { bits -= 8; bytes.append(UInt8((value >> bits) & 0xFF)) }
        }
        guard bytes.count % 2 == 0 else { return nil }
        return stride(from: 0, to: bytes.count, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
    }
}

private extension Unicode.UTF16 {
    /// The scalars of `units`, or nil at an unpaired surrogate.
    static func decode(_ units: [UInt16]) -> [Unicode.Scalar]? {
        var scalars: [Unicode.Scalar] = []
        var iterator = units.makeIterator()
        var decoder = Unicode.UTF16()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): scalars.append(scalar)
            case .emptyInput: return scalars
            case .error: return nil
            }
        }
    }
}
