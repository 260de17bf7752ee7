import CCurl
import Foundation

/// An IMAP session over one libcurl handle: consecutive operations reuse the
/// connection. Reads only: every fetch is `BODY.PEEK`, mailboxes are opened
/// with EXAMINE (read-only), and nothing is ever flagged, moved or deleted;
/// the one write is APPEND to the Sent folder.
/// Not thread-safe: use one client from one task at a time.
public final class IMAPClient {
    /// UIDs per header FETCH: Debian's libcurl 7.88.1 fails a response it
    /// counts as over ~300 KB (FIELD-NOTES), and it counts more than the
    /// bytes: header fetches of 115 to 200 small messages (400 bytes of
    /// fields each) failed so, intermittently. Keep each well below.
    static let headerBatch = 50
    /// Bytes of partial bodies per FETCH at most, whatever the messages'
    /// sizes, for the same reason: `bodyBytesPerFetch / maxBytes` messages.
    static let bodyBytesPerFetch = 200_000
    /// The bytes of the bodies in one batch by the sizes the header fetch
    /// reported (`bodyBatches`), and their number: half the above, as libcurl
    /// counts more than the bytes (batches of 74 bodies of 2.7 KB failed).
    static let bodyBatchBytes = 100_000
    static let bodiesPerFetch = 50
    /// Messages asked about per UID SEARCH. The same libcurl clips long server
    /// lines, and the answer is one line with a UID per match: a `* SEARCH`
    /// of 1,700 UIDs lost most of them (FIELD-NOTES). 500 UIDs of ten digits
    /// make a line of 5.5 KB.
    static let searchWindow: UInt32 = 500
    /// Messages asked about per ESEARCH, where the server offers it: the
    /// answer is a set of ranges, short while the matches come in runs (as a
    /// scan by date finds them), and believed only when it adds up
    /// (`ExtendedSearch`); otherwise that window is asked again in
    /// `searchWindow`s. A first check of 100,000 messages takes ten.
    static let extendedSearchWindow: UInt32 = 10_000
    /// Scans of a mailbox begun again when the server reports an expunge midway.
    static let scanAttempts = 3
    /// Broken header fetches one check recovers from by asking again in
    /// smaller pieces; a server that breaks more often fails the check.
    static let fetchRecoveries = 10

    private let server: MailServer
    private let handle: CurlHandle
    /// Whether the server offers ESEARCH (RFC 4731), once asked.
    private var offersExtendedSearch: Bool?
    /// The sizes this session's header fetches reported, by mailbox and UID:
    /// the body fetches are batched by them.
    private var sizes: [String: [UInt32: Int]] = [:]

    public init(server: MailServer, credentials: MailCredentials) throws {
        self.server = server
        handle = try CurlHandle()
        try handle.configure(server: server, credentials: credentials)
    }

    /// Asked about once a second while the server is awaited: true stops the
    /// operation with a `stopped` error.
    public var stopRequested: (() -> Bool)? {
        get { handle.stopRequested }
        set { handle.stopRequested = newValue }
    }

    // MARK: - Incremental check

    /// Reports the messages that arrived in `cursor.mailbox` since the cursor.
    /// When the cursor is new, its UIDVALIDITY is not the mailbox's, or it
    /// points at or past UIDNEXT (a bookmark no server could have given),
    /// scans by date instead: every message since `rescanSince`.
    /// `headerFields` are the fields fetched for each new message: the
    /// reader of the inbox says which it needs.
    public func check(_ cursor: MailboxCursor, rescanSince: Date, headerFields: [String]) throws -> CheckResult {
        try check(cursor, rescanSince: { rescanSince }, headerFields: headerFields)
    }

    /// `rescanSince` is asked only when the mailbox is read by date.
    public func check(_ cursor: MailboxCursor, rescanSince: () throws -> Date, headerFields: [String]) throws -> CheckResult {
        let status = try examine(cursor.mailbox)
        guard let validity = status.uidValidity, let uidNext = status.uidNext, let exists = status.exists else {
            throw TransportError(category: .protocolViolation,
                                 detail: "EXAMINE \(cursor.mailbox) gave no UIDVALIDITY, UIDNEXT or EXISTS")
        }
        let rescan: CheckResult.Rescan? = switch cursor.uidValidity {
        case nil: .firstCheck
        case validity?: cursor.highestUID >= uidNext ? .bookmarkBeyondUIDNext : nil
        case _?: .uidValidityChanged
        }
        let uids: [UInt32]
        if rescan != nil {
            uids = try search("SINCE \(IMAPDate.searchDate(try rescanSince()))", exists: exists, uidNext: uidNext, newestOnly: false)
        } else if uidNext <= cursor.highestUID &+ 1 {
            uids = []
        } else {
            uids = try search("UID \(cursor.highestUID + 1):\(uidNext - 1)", exists: exists, uidNext: uidNext, newestOnly: true)
            if let old = uids.first(where: { $0 <= cursor.highestUID }) {
                throw TransportError(category: .protocolViolation,
                                     detail: "UID SEARCH for UIDs above \(cursor.highestUID) answered \(old)")
            }
        }
        let messages = try fetchSummaries(uids, in: cursor.mailbox, headerFields: headerFields)
        // Every UID here is below UIDNEXT: the bookmark can only name a place the server has given.
        let highest = rescan != nil ? uidNext - 1 : max(cursor.highestUID, uids.last ?? 0)
        return CheckResult(cursor: MailboxCursor(mailbox: cursor.mailbox, uidValidity: validity, highestUID: highest),
                           messages: messages, rescan: rescan)
    }

    /// The UIDs of the messages matching `criteria`, sorted, asked about a
    /// window of messages at a time from the newest (`extendedSearchWindow`
    /// with ESEARCH, else `searchWindow`), so that no answer is a long line. With `newestOnly` it stops at the first window that is not
    /// all matches: UIDs grow with sequence numbers, so for a `UID n:m`
    /// criterion nothing older can match. An answer naming a UID at or above
    /// UIDNEXT is refused; an expunge midway starts the scan again.
    private func search(_ criteria: String, exists: UInt32, uidNext: UInt32, newestOnly: Bool) throws -> [UInt32] {
        let extended = try offersESEARCH()
        scan: for _ in 0..<Self.scanAttempts {
            var found: [UInt32] = []
            var high = exists
            while high >= 1 {
                let width = extended ? Self.extendedSearchWindow : Self.searchWindow
                let low = high > width ? high - width + 1 : 1
                guard let uids = try search(criteria, low: low, high: high, uidNext: uidNext, extended: extended) else { continue scan }
                found += uids
                if newestOnly && uids.count < Int(high - low + 1) { break }
                high = low - 1
            }
            return Array(Set(found)).sorted()
        }
        throw TransportError(category: .protocolViolation,
                             detail: "messages were expunged during each of \(Self.scanAttempts) scans; the mailbox was not read")
    }

    /// The UIDs matching `criteria` among the messages `low...high`; nil when
    /// one was expunged meanwhile (the scan begins again). An ESEARCH answer
    /// that does not add up is asked again in plain `searchWindow`s.
    private func search(_ criteria: String, low: UInt32, high: UInt32, uidNext: UInt32, extended: Bool) throws -> [UInt32]? {
        if extended {
            let answer = try command("UID SEARCH RETURN (MIN MAX COUNT ALL) \(low):\(high) \(criteria)")
            if answer.expunged { return nil }
            if let uids = answer.extendedSearch?.uids(below: uidNext) { return uids }
        }
        var found: [UInt32] = []
        var top = high
        while top >= low {
            let bottom = top - low >= Self.searchWindow ? top - Self.searchWindow + 1 : low
            let answer = try command("UID SEARCH \(bottom):\(top) \(criteria)")
            if answer.expunged { return nil }
            if let bad = answer.searchResults.first(where: { $0 >= uidNext }) {
                throw TransportError(category: .protocolViolation,
                                     detail: "UID SEARCH answered UID \(bad), at or above UIDNEXT \(uidNext); the answer is not trusted")
            }
            found += answer.searchResults
            top = bottom - 1
        }
        return found
    }

    private func offersESEARCH() throws -> Bool {
        if let offersExtendedSearch { return offersExtendedSearch }
        let offered = try command("CAPABILITY").capabilities.contains("ESEARCH")
        offersExtendedSearch = offered
        return offered
    }

    /// The first `maxBytes` of each message's text (or whole message), for the
    /// messages the caller chose. Never marks anything read.
    public func fetchPartial(_ part: MessagePart, uids: [UInt32], in mailbox: String,
                             maxBytes: Int = 65536) throws -> [UInt32: [UInt8]] {
        _ = try examine(mailbox)
        var result: [UInt32: [UInt8]] = [:]
        func fetch(_ chunk: some Collection<UInt32>) throws {
            let fetch = "UID FETCH \(Self.uidSet(chunk)) (UID BODY.PEEK[\(part.rawValue)]<0.\(maxBytes)>)"
            for item in try command(fetch).fetches {
                if let uid = item.uid, let bytes = item.body(section: part.rawValue) { result[uid] = bytes }
            }
        }
        // As many as the sizes the server gave allow; should an answer still be
        // too large (a size that was not the message's), those again in
        // batches whose answer cannot be, whatever the messages' sizes.
        let safe = max(1, Self.bodyBytesPerFetch / max(1, maxBytes))
        for batch in Self.bodyBatches(uids, sizes: sizes[mailbox] ?? [:], maxBytes: maxBytes) {
            do {
                try fetch(batch)
            } catch let error as TransportError where batch.count > safe && error.category != .stopped {
                _ = try examine(mailbox)
                for chunk in batch.chunked(safe) { try fetch(chunk) }
            }
        }
        return result
    }

    /// `uids` in FETCH batches whose answers stay under `bodyBatchBytes`:
    /// each message counted at its size up to `maxBytes` (at `maxBytes` when
    /// unknown), with room for its FETCH line; `bodiesPerFetch` at most.
    static func bodyBatches(_ uids: [UInt32], sizes: [UInt32: Int], maxBytes: Int) -> [[UInt32]] {
        var batches: [[UInt32]] = []
        var batch: [UInt32] = []
        var bytes = 0
        for uid in uids {
            let cost = min(max(0, sizes[uid] ?? maxBytes), maxBytes) + 128
            if !batch.isEmpty && (bytes + cost > bodyBatchBytes || batch.count >= bodiesPerFetch) {
                batches.append(batch)
                batch = []
                bytes = 0
            }
            batch.append(uid)
            bytes += cost
        }
        if !batch.isEmpty { batches.append(batch) }
        return batches
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

    // MARK: - Folders

    /// Every mailbox on the server with its attributes. A server that puts
    /// no special-use attribute on a plain LIST is asked again with
    /// `RETURN (SPECIAL-USE)` (RFC 6154 §5.2) when it offers that; the
    /// caller falls back to common names when neither says.
    public func listMailboxes() throws -> [ListedMailbox] {
        let plain = try command("LIST \"\" \"*\"").mailboxes
        guard !plain.contains(where: \.hasSpecialUse),
              try command("CAPABILITY").capabilities.contains("SPECIAL-USE") else { return plain }
        let flagged = try command("LIST \"\" \"*\" RETURN (SPECIAL-USE)").mailboxes
        var byName = Dictionary(plain.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for mailbox in flagged { byName[mailbox.name, default: mailbox].attributes.formUnion(mailbox.attributes) }
        return plain.map { byName[$0.name] ?? $0 }
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

    /// The header fields of `uids`, `headerBatch` messages a command. A
    /// message missing from the answer — a line libcurl clipped, so the
    /// answer did not parse, or more than ~300 KB, so the command failed
    /// (FIELD-NOTES) — is fetched again alone, and then field by field in
    /// pieces, so one message from anyone can neither vanish nor stop the check.
    private func fetchSummaries(_ uids: [UInt32], in mailbox: String, headerFields: [String]) throws -> [MessageSummary] {
        var recoveries = 0
        var summaries: [MessageSummary] = []
        for chunk in uids.chunked(Self.headerBatch) {
            var read: [UInt32: MessageSummary] = [:]
            do {
                for summary in try headerFetch(Array(chunk), fields: headerFields) { read[summary.uid] = summary }
            } catch {
                try recover(from: error, in: mailbox, &recoveries)
            }
            for uid in chunk where read[uid] == nil {
                if let summary = try fetchAlone(uid, in: mailbox, headerFields: headerFields, &recoveries) { read[uid] = summary }
            }
            summaries += chunk.compactMap { read[$0] }
        }
        for summary in summaries { sizes[mailbox, default: [:]][summary.uid] = summary.size }
        return summaries
    }

    /// After a failed fetch: libcurl has dropped the connection, so open the
    /// mailbox again (a server that is down fails here), within the budget.
    private func recover(from error: Error, in mailbox: String, _ recoveries: inout Int) throws {
        recoveries += 1
        guard recoveries <= Self.fetchRecoveries else { throw error }
        _ = try examine(mailbox)
    }

    private func headerFetch(_ uids: [UInt32], fields: [String], piece: (offset: Int, length: Int)? = nil) throws -> [MessageSummary] {
        let range = piece.map { "<\($0.offset).\($0.length)>" } ?? ""
        let fetch = "UID FETCH \(Self.uidSet(uids)) (UID INTERNALDATE RFC822.SIZE BODY.PEEK[HEADER.FIELDS (\(fields.joined(separator: " ")))]\(range))"
        return try command(fetch).fetches.compactMap { item in
            guard let uid = item.uid, uids.contains(uid), let header = item.headerFields else { return nil }
            return MessageSummary(uid: uid, internalDate: item.internalDate.flatMap(IMAPDate.parseDateTime), header: header,
                                  size: item.size)
        }
    }

    /// Bytes per piece when a message's fields are fetched piecemeal: every
    /// server line then stays far below what libcurl clips.
    static let headerPiece = 4096
    /// Bytes kept of one field: more is hostile, and the start says enough.
    static let fieldLimit = 64 * 1024

    /// One message's fields: all at once, else each field in pieces of
    /// `headerPiece` up to `fieldLimit`. Nil when the message is gone (expunged).
    private func fetchAlone(_ uid: UInt32, in mailbox: String, headerFields: [String],
                            _ recoveries: inout Int) throws -> MessageSummary? {
        do {
            if let whole = try headerFetch([uid], fields: headerFields).first { return whole }
        } catch {
            try recover(from: error, in: mailbox, &recoveries)
        }
        var header: [UInt8] = []
        var internalDate: Date?
        var seen = false
        var complete = true
        var failure: Error?
        for field in headerFields {
            var bytes: [UInt8] = []
            var offset = 0
            while true {
                let got: MessageSummary?
                do {
                    got = try headerFetch([uid], fields: [field], piece: (offset, Self.headerPiece)).first
                } catch {
                    try recover(from: error, in: mailbox, &recoveries)
                    failure = error
                    complete = false
                    break
                }
                guard let got else { break }
                seen = true
                internalDate = internalDate ?? got.internalDate
                bytes += got.header
                offset += Self.headerPiece
                if got.header.count < Self.headerPiece { break }
                if offset >= Self.fieldLimit { complete = false; break }
            }
            // A field cut short still ends its line, so the next one starts a line of its own.
            while bytes.last == 0x0A || bytes.last == 0x0D { bytes.removeLast() }
            if !bytes.isEmpty { header += bytes + [0x0D, 0x0A] }
        }
        // Nothing came back: gone when the server said so without fault; a
        // message that could not be read at all fails the check (never skipped).
        guard seen else {
            if let failure { throw failure }
            return nil
        }
        return MessageSummary(uid: uid, internalDate: internalDate, header: header + [0x0D, 0x0A], complete: complete)
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
