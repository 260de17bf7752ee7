import CCurl
import Foundation

/// An IMAP session over one libcurl handle: consecutive operations reuse the
/// connection. Reads only: every fetch is `BODY.PEEK`, mailboxes are opened
/// with EXAMINE (read-only), and nothing is ever flagged, moved or deleted;
/// the one write is APPEND to the Sent folder.
/// Not thread-safe: use one client from one task at a time.
public final class IMAPClient {
    /// UIDs per header FETCH: Debian's libcurl 7.88.1 fails a response over
    /// ~300 KB (FIELD-NOTES), so keep each well below.
    static let headerBatch = 50
    /// Bytes of partial bodies per FETCH, for the same reason.
    static let bodyBytesPerFetch = 200_000

    private let server: MailServer
    private let handle: CurlHandle

    public init(server: MailServer, credentials: MailCredentials) throws {
        self.server = server
        handle = try CurlHandle()
        try handle.configure(server: server, credentials: credentials)
    }

    // MARK: - Incremental check

    /// Reports the messages that arrived in `cursor.mailbox` since the cursor.
    /// When the mailbox's UIDVALIDITY is not the cursor's (or the cursor is
    /// new), scans by date instead: every message since `rescanSince`.
    /// `headerFields` are the fields fetched for each new message: the
    /// reader of the inbox says which it needs.
    public func check(_ cursor: MailboxCursor, rescanSince: Date, headerFields: [String]) throws -> CheckResult {
        let status = try examine(cursor.mailbox)
        guard let validity = status.uidValidity else {
            throw TransportError(category: .protocolViolation, detail: "EXAMINE \(cursor.mailbox) gave no UIDVALIDITY")
        }
        let rescanned = cursor.uidValidity != validity
        var uids: [UInt32]
        if rescanned {
            uids = try command("UID SEARCH SINCE \(IMAPDate.searchDate(rescanSince))").searchResults
        } else if let next = status.uidNext, next <= cursor.highestUID &+ 1 {
            uids = []
        } else {
            // `n:*` also matches the highest existing UID when it is below n.
            uids = try command("UID SEARCH UID \(cursor.highestUID + 1):*").searchResults
                .filter { $0 > cursor.highestUID }
        }
        uids.sort()
        let messages = try fetchSummaries(uids, headerFields: headerFields)
        let floor = rescanned ? (status.uidNext ?? 1) - 1 : cursor.highestUID
        let cursor = MailboxCursor(mailbox: cursor.mailbox, uidValidity: validity,
                                   highestUID: max(floor, uids.last ?? 0))
        return CheckResult(cursor: cursor, messages: messages, rescanned: rescanned)
    }

    /// The first `maxBytes` of each message's text (or whole message), for the
    /// messages the caller chose. Never marks anything read.
    public func fetchPartial(_ part: MessagePart, uids: [UInt32], in mailbox: String,
                             maxBytes: Int = 65536) throws -> [UInt32: [UInt8]] {
        _ = try examine(mailbox)
        var result: [UInt32: [UInt8]] = [:]
        let batch = max(1, Self.bodyBytesPerFetch / max(1, maxBytes))
        for chunk in uids.chunked(batch) {
            let fetch = "UID FETCH \(Self.uidSet(chunk)) (UID BODY.PEEK[\(part.rawValue)]<0.\(maxBytes)>)"
            for item in try command(fetch).fetches {
                if let uid = item.uid, let bytes = item.body(section: part.rawValue) { result[uid] = bytes }
            }
        }
        return result
    }

    /// The flags of the given messages, by UID.
    public func flags(uids: [UInt32], in mailbox: String) throws -> [UInt32: [String]] {
        _ = try examine(mailbox)
        var result: [UInt32: [String]] = [:]
        for chunk in uids.chunked(Self.headerBatch) {
            for item in try command("UID FETCH \(Self.uidSet(chunk)) (UID FLAGS)").fetches {
                if let uid = item.uid { result[uid] = item.flags ?? [] }
            }
        }
        return result
    }

    // MARK: - Sent copy

    /// Where the next APPEND to `mailbox` will land; remember it before appending.
    public func appendMark(_ mailbox: String) throws -> AppendMark {
        let summary = try command("STATUS \(try Self.quoted(mailbox)) (UIDVALIDITY UIDNEXT)")
        guard let validity = summary.uidValidity, let next = summary.uidNext else {
            throw TransportError(category: .protocolViolation, detail: "STATUS \(mailbox) gave no UIDNEXT")
        }
        return AppendMark(mailbox: mailbox, uidValidity: validity, uidNext: next)
    }

    /// Stores `message` in `mailbox` (the Sent folder) exactly as given, marked \Seen.
    public func append(_ message: [UInt8], to mailbox: String) throws {
        _ = try Self.quoted(mailbox)
        let path = mailbox.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/", ";", "?"])) ?? mailbox
        defer { try? handle.setUpload([]) }
        try handle.set(CURLOPT_CUSTOMREQUEST, nil as String?)
        try handle.set(CURLOPT_URL, server.url(scheme: "imap", path: path))
        try handle.setUpload(message)
        try perform(describing: "APPEND \(mailbox)")
    }

    /// The UID of the message with this Message-ID in `mailbox`, searching from
    /// `mark` on when its UIDVALIDITY still holds; nil when there is none.
    public func find(messageID: String, in mailbox: String, from mark: AppendMark? = nil) throws -> UInt32? {
        let status = try examine(mailbox)
        var start: UInt32 = 1
        if let mark, mark.uidValidity == status.uidValidity { start = mark.uidNext }
        let search = "UID SEARCH UID \(start):* HEADER Message-ID \(try Self.quoted(messageID))"
        return try command(search).searchResults.filter { $0 >= start }.min()
    }

    // MARK: - Commands

    /// Opens `mailbox` read-only. Sent as a custom command on the server's root
    /// URL, because a mailbox in the URL makes libcurl SELECT it (read-write).
    private func examine(_ mailbox: String) throws -> IMAPResponseSummary {
        try command("EXAMINE \(try Self.quoted(mailbox))")
    }

    private func fetchSummaries(_ uids: [UInt32], headerFields: [String]) throws -> [MessageSummary] {
        let fields = headerFields.joined(separator: " ")
        var summaries: [MessageSummary] = []
        for chunk in uids.chunked(Self.headerBatch) {
            let fetch = "UID FETCH \(Self.uidSet(chunk)) (UID INTERNALDATE BODY.PEEK[HEADER.FIELDS (\(fields))])"
            for item in try command(fetch).fetches {
                guard let uid = item.uid, chunk.contains(uid) else { continue }
                summaries.append(MessageSummary(uid: uid, internalDate: item.internalDate.flatMap(IMAPDate.parseDateTime),
                                                header: item.headerFields ?? []))
            }
        }
        return summaries.sorted { $0.uid < $1.uid }
    }

    private func command(_ text: String) throws -> IMAPResponseSummary {
        try handle.setUpload([])
        try handle.set(CURLOPT_URL, server.url(scheme: "imap"))
        try handle.set(CURLOPT_CUSTOMREQUEST, text)
        try perform(describing: text.split(separator: " ").prefix(2).joined(separator: " "))
        return IMAPResponseSummary(IMAPResponseParser.parse(handle.serverStream).responses)
    }

    /// Runs the transfer; a refusal carries the server's own words.
    private func perform(describing what: String) throws {
        do {
            try handle.perform()
        } catch let error as TransportError where error.category == .refused {
            let said = IMAPResponseSummary(IMAPResponseParser.parse(handle.serverStream).responses).completion
            throw TransportError(category: .refused, curlCode: error.curlCode,
                                 detail: "\(what): \(said.map { "\($0.kind) \($0.text)" } ?? error.detail)")
        }
    }

    static func uidSet(_ uids: some Sequence<UInt32>) -> String {
        uids.map(String.init).joined(separator: ",")
    }

    /// An IMAP quoted string. Only printable ASCII: a CR or LF would let the
    /// caller's text start a command of its own.
    static func quoted(_ text: String) throws -> String {
        guard !text.isEmpty, text.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) else {
            throw TransportError(category: .invalidInput, detail: "not a printable ASCII name: \(text.debugDescription)")
        }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
