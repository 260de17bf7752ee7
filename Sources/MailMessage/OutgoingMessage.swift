import Foundation

/// A plain-text message to send, rendered as exact RFC 5322 bytes: CRLF line
/// ends, header lines folded at 78, no line over 998, UTF-8 text.
public struct OutgoingMessage: Hashable, Sendable {
    public var from: MailAddress
    public var to: [MailAddress]
    public var subject: String
    /// Plain text; line ends may be "\n", "\r\n" or "\r".
    public var body: String
    public var date: Date
    /// The zone whose offset the Date header shows.
    public var timeZone: TimeZone
    /// Fixed once per draft (see `MessageIDs.make`); angle brackets optional.
    public var messageID: String
    public var inReplyTo: String?
    public var references: [String]
    /// More header fields, by name (`Auto-Submitted`); values of one line.
    public var extraFields: [String: String] = [:]

    public init(from: MailAddress, to: [MailAddress], subject: String, body: String, date: Date, timeZone: TimeZone,
                messageID: String, inReplyTo: String? = nil, references: [String] = []) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.date = date
        self.timeZone = timeZone
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
    }

    /// The message as bytes, ready for SMTP DATA (before dot-stuffing).
    /// Throws `MessageBuildError` for a CR, LF or NUL in any header value, an
    /// invalid address or message ID, or no recipient.
    public func render() throws -> [UInt8] {
        guard !to.isEmpty else { throw MessageBuildError(.noRecipients, field: "To") }
        let offset = timeZone.secondsFromGMT(for: date)
        var head = HeaderFolding.field("Date", words: [MailDate(date: date, utcOffsetSeconds: offset).rfc5322])
        head += HeaderFolding.field("From", words: try Self.mailboxWords(from, field: "From"))
        var toWords: [String] = []
        for (i, recipient) in to.enumerated() {
            var words = try Self.mailboxWords(recipient, field: "To")
            if i < to.count - 1, let last = words.popLast() { words.append(last + ",") }
            toWords += words
        }
        head += HeaderFolding.field("To", words: toWords)
        head += HeaderFolding.field("Subject", words: try Self.subjectWords(subject))
        head += HeaderFolding.field("Message-ID", words: [try Self.bracketed(messageID, field: "Message-ID")])
        if let parent = inReplyTo {
            head += HeaderFolding.field("In-Reply-To", words: [try Self.bracketed(parent, field: "In-Reply-To")])
        }
        if !references.isEmpty {
            head += HeaderFolding.field("References", words: try references.map { try Self.bracketed($0, field: "References") })
        }
        for (name, value) in extraFields.sorted(by: { $0.key < $1.key }) {
            guard !name.isEmpty, name.utf8.allSatisfy({ (0x21...0x7E).contains($0) && $0 != UInt8(ascii: ":") }),
                  value.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) else {
                throw MessageBuildError(.controlCharacter, field: name)
            }
            head += HeaderFolding.field(name, words: value.split(separator: " ").map(String.init))
        }
        let (bodyText, encoding) = try Self.encodeBody(body)
        head += "MIME-Version: 1.0\r\n"
        head += "Content-Type: text/plain; charset=utf-8\r\n"
        head += "Content-Transfer-Encoding: \(encoding)\r\n"
        return Array((head + "\r\n" + bodyText).utf8)
    }

    private static func refuseControls(_ value: String, field: String) throws {
        if value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) {
            throw MessageBuildError(.controlCharacter, field: field)
        }
    }

    private static let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~ ".unicodeScalars)

    /// A mailbox as header words: display name (plain, quoted or encoded) then "<address>".
    static func mailboxWords(_ mailbox: MailAddress, field: String) throws -> [String] {
        try refuseControls(mailbox.address, field: field)
        guard MailAddress.isValid(mailbox.address) else { throw MessageBuildError(.invalidAddress, field: field) }
        let angle = "<\(mailbox.address)>"
        guard let name = mailbox.name, !name.isEmpty else { return [angle] }
        try refuseControls(name, field: field)
        let printableASCII = name.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
        if !printableASCII || name.contains("=?") {
            return EncodedWords.encode(name, separator: " ").split(separator: " ").map(String.init) + [angle]
        }
        let isPlainPhrase = name.unicodeScalars.allSatisfy(atext.contains) && !name.contains("  ")
            && name.first != " " && name.last != " "
        if isPlainPhrase { return name.split(separator: " ").map(String.init) + [angle] }
        let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return ["\"\(escaped)\"", angle]
    }

    /// Subject words: the text as is when it is plain ASCII that folds within 78, else RFC 2047 encoded words.
    static func subjectWords(_ subject: String) throws -> [String] {
        try refuseControls(subject, field: "Subject")
        let words = subject.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let plain = subject.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
            && !subject.contains("=?") && words.allSatisfy { $0.count <= HeaderFolding.lineLimit - 10 }
            && subject.first != " " && subject.last != " "
        if plain { return words }
        return EncodedWords.encode(subject, firstLineBudget: HeaderFolding.lineLimit - "Subject: ".count, separator: " ")
            .split(separator: " ").map(String.init)
    }

    static func bracketed(_ id: String, field: String) throws -> String {
        try refuseControls(id, field: field)
        var bare = Substring(id)
        if bare.hasPrefix("<"), bare.hasSuffix(">"), bare.count >= 2 { bare = bare.dropFirst().dropLast() }
        let valid = bare.contains("@") && bare.count <= 900 && bare.unicodeScalars.allSatisfy {
            $0.value > 0x20 && $0.value < 0x7F && $0 != "<" && $0 != ">" && $0 != "(" && $0 != ")" && $0 != "\\" && $0 != "\""
        }
        guard valid else { throw MessageBuildError(.invalidMessageID, field: field) }
        return "<\(bare)>"
    }

    /// CRLF-terminated body and its transfer encoding: 7bit when every line is ASCII
    /// and at most 998 bytes, else quoted-printable.
    static func encodeBody(_ body: String) throws -> (String, String) {
        if body.unicodeScalars.contains("\0") { throw MessageBuildError(.controlCharacter, field: "body") }
        let normalized = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var lines = normalized.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        if lines.allSatisfy({ $0.utf8.count <= 998 && $0.utf8.allSatisfy { $0 < 0x80 } }) {
            return (lines.map { $0 + "\r\n" }.joined(), "7bit")
        }
        return (lines.map { QuotedPrintable.encodeLine(Array($0.utf8)) }.joined(), "quoted-printable")
    }
}

enum QuotedPrintable {
    /// One text line as quoted-printable lines of at most 76 characters, soft breaks ("=") between them.
    static func encodeLine(_ bytes: [UInt8]) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        var lineLength = 0
        for (i, b) in bytes.enumerated() {
            let isLast = i == bytes.count - 1
            let literal = (b >= 33 && b <= 126 && b != UInt8(ascii: "=")) || ((b == 0x20 || b == 0x09) && !isLast)
            let piece: [UInt8] = literal ? [b] : [UInt8(ascii: "="), hex[Int(b >> 4)], hex[Int(b & 0x0F)]]
            // Leave room for the soft break "=" unless this is the line's last piece.
            if lineLength + piece.count > (isLast ? 76 : 75) {
                out += [UInt8(ascii: "="), 0x0D, 0x0A]
                lineLength = 0
            }
            out += piece
            lineLength += piece.count
        }
        return String(decoding: out + [0x0D, 0x0A], as: UTF8.self)
    }
}
