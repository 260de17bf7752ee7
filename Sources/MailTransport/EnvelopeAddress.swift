/// An SMTP envelope address (`MAIL FROM` / `RCPT TO`), checked before it
/// reaches libcurl: libcurl 7.88.1 puts CR/LF inside an address on the wire
/// as they are, so an unchecked address could inject a command of its own.
public struct EnvelopeAddress: Hashable, Sendable, CustomStringConvertible {
    public let address: String

    /// Accepts exactly one `@` with text on both sides and no CR, LF, NUL,
    /// `<`, `>`, spaces or other controls; non-ASCII only when the server is
    /// to be asked for SMTPUTF8.
    public init(_ address: String, smtpUTF8: Bool = false) throws {
        func reject(_ why: String) -> TransportError {
            TransportError(category: .invalidInput, detail: "envelope address \(address.debugDescription) \(why)")
        }
        let bytes = Array(address.utf8)
        guard bytes.count <= 254 else { throw reject("is too long") }
        if let bad = bytes.first(where: { $0 < 0x21 || $0 == 0x7F || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }) {
            throw reject(bad < 0x21 || bad == 0x7F ? "contains a space or control character" : "contains < or >")
        }
        guard smtpUTF8 || bytes.allSatisfy({ $0 < 0x80 }) else { throw reject("is not ASCII and SMTPUTF8 is off") }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw reject("needs exactly one @ between a local part and a domain")
        }
        self.address = address
    }

    public var description: String { address }
}
