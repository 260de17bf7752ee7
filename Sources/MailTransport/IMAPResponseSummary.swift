import Foundation

/// One `* n FETCH (…)` response, its items keyed by upper-case name
/// (`UID`, `FLAGS`, `INTERNALDATE`, `BODY[HEADER.FIELDS (FROM TO)]`, `BODY[TEXT]<0>`).
public struct IMAPFetch: Hashable, Sendable {
    public var sequence: UInt32
    public var items: [String: IMAPValue]

    public init(sequence: UInt32, values: [IMAPValue]) {
        self.sequence = sequence
        var items: [String: IMAPValue] = [:]
        let pairs = values.first?.list ?? []
        var index = 0
        while index + 1 < pairs.count {
            if let key = pairs[index].text { items[key.uppercased()] = pairs[index + 1] }
            index += 2
        }
        self.items = items
    }

    public var uid: UInt32? { items["UID"]?.number }

    public var flags: [String]? { items["FLAGS"]?.list?.compactMap(\.text) }

    public var internalDate: String? { items["INTERNALDATE"]?.text }

    /// `RFC822.SIZE`: the message's size in bytes, as the server says.
    public var size: Int? { items["RFC822.SIZE"]?.number.map(Int.init) }

    /// The bytes of `BODY[section]`, partial or not (`section` as sent, e.g. "TEXT", "").
    public func body(section: String) -> [UInt8]? {
        let name = "BODY[\(section.uppercased())]"
        for (key, value) in items where key == name || key.hasPrefix(name + "<") {
            return value.bytes ?? []
        }
        return nil
    }

    /// The bytes of the first `BODY[HEADER.FIELDS (…)]` item.
    public var headerFields: [UInt8]? {
        items.first { $0.key.hasPrefix("BODY[HEADER.FIELDS") }.map { $0.value.bytes ?? [] }
    }
}

/// What a command's responses say, unsolicited ones included.
public struct IMAPResponseSummary: Hashable, Sendable {
    public var responses: [IMAPResponse]

    public init(_ responses: [IMAPResponse]) {
        self.responses = responses
    }

    /// The last UIDVALIDITY seen, from `* OK [UIDVALIDITY n]` or `* STATUS`.
    public var uidValidity: UInt32? { codeOrStatus("UIDVALIDITY") }

    /// The last UIDNEXT seen, from `* OK [UIDNEXT n]` or `* STATUS`.
    public var uidNext: UInt32? { codeOrStatus("UIDNEXT") }

    /// The last `* n EXISTS`.
    public var exists: UInt32? {
        responses.reversed().lazy.compactMap { response -> UInt32? in
            if case .data(let number, "EXISTS", _) = response { return number }
            return nil
        }.first
    }

    public var fetches: [IMAPFetch] {
        responses.compactMap { response in
            if case .data(let number?, "FETCH", let values) = response {
                return IMAPFetch(sequence: number, values: values)
            }
            return nil
        }
    }

    /// Whether the server reported a message expunged (`* n EXPUNGE`, or
    /// `* VANISHED`): sequence numbers asked about before may now name others.
    public var expunged: Bool {
        responses.contains { response in
            if case .data(_, let name, _) = response { return name == "EXPUNGE" || name == "VANISHED" }
            return false
        }
    }

    /// The numbers of every `* SEARCH` response.
    public var searchResults: [UInt32] {
        responses.flatMap { response -> [UInt32] in
            if case .data(nil, "SEARCH", let values) = response { return values.compactMap(\.number) }
            return []
        }
    }

    /// The answer of `UID SEARCH RETURN (MIN MAX COUNT ALL)` (RFC 4731), when
    /// there is one: the matches and what the server says of them.
    public var extendedSearch: ExtendedSearch? {
        for response in responses {
            guard case .data(nil, "ESEARCH", let values) = response else { continue }
            var answer = ExtendedSearch()
            var items = values.drop { $0.list != nil }[...]  // (TAG "A5")
            if items.first?.text?.uppercased() == "UID" { items = items.dropFirst() }
            while let name = items.first?.text?.uppercased(), let value = items.dropFirst().first?.text {
                switch name {
                case "COUNT": answer.count = Int(value)
                case "MIN": answer.min = UInt32(value)
                case "MAX": answer.max = UInt32(value)
                case "ALL": answer.all = value
                default: break
                }
                items = items.dropFirst(2)
            }
            return answer
        }
        return nil
    }

    /// The capabilities of every `* CAPABILITY`, upper-case.
    public var capabilities: Set<String> {
        Set(responses.flatMap { response -> [String] in
            if case .data(nil, "CAPABILITY", let values) = response { return values.compactMap { $0.text?.uppercased() } }
            return []
        })
    }

    /// The last tagged completion: the outcome of the command.
    public var completion: IMAPStatus? {
        responses.reversed().lazy.compactMap { response -> IMAPStatus? in
            if case .tagged(_, let status) = response { return status }
            return nil
        }.first
    }

    private func codeOrStatus(_ name: String) -> UInt32? {
        for response in responses.reversed() {
            switch response {
            case .status(let status), .tagged(_, let status):
                if status.code == name, let number = status.codeValues.first?.number { return number }
            case .data(nil, "STATUS", let values):
                let pairs = values.dropFirst().first?.list ?? []
                if let index = pairs.firstIndex(where: { $0.text?.uppercased() == name }),
                   index + 1 < pairs.count, let number = pairs[index + 1].number {
                    return number
                }
            default:
                continue
            }
        }
        return nil
    }
}

/// One ESEARCH answer. Its set is believed only when it adds up: the number
/// of UIDs it names is COUNT and its ends are MIN and MAX, all below UIDNEXT.
/// A line libcurl clipped (FIELD-NOTES) does not add up.
public struct ExtendedSearch: Hashable, Sendable {
    public var count: Int?
    public var min: UInt32?
    public var max: UInt32?
    /// The sequence set, as sent: "1:40,42".
    public var all: String?

    /// The UIDs, sorted, when the answer adds up and every one is below `uidNext`; nil otherwise.
    public func uids(below uidNext: UInt32) -> [UInt32]? {
        guard let count else { return nil }
        guard count > 0 else { return all == nil ? [] : nil }
        guard let all, let min, let max, min <= max, max < uidNext else { return nil }
        var found: [UInt32] = []
        for part in all.split(separator: ",", omittingEmptySubsequences: false) {
            let ends = part.split(separator: ":", omittingEmptySubsequences: false).map { UInt32($0) }
            guard (1...2).contains(ends.count), let a = ends.first!, let b = ends.last!,
                  Swift.min(a, b) >= min, Swift.max(a, b) <= max else { return nil }
            found += Swift.min(a, b)...Swift.max(a, b)
            if found.count > count { return nil }
        }
        let sorted = Array(Set(found)).sorted()
        return sorted.count == count && sorted.first == min && sorted.last == max ? sorted : nil
    }
}
