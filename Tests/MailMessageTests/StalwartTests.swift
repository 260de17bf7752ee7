import Foundation
import Testing
@testable import MailMessage
import TestSupport

/// Stalwart mail-parser's expected results, compared where our model and theirs mean the same thing.
///
/// Compared: addresses of every mailbox (groups flattened) and display names when the
/// header has no comment (Stalwart folds comments into names; we use a comment as the
/// name only when there is no other, as mail clients do); date wall-clock fields and
/// zone offset; message-id lists; unstructured (decoded) text.
/// Not compared: Stalwart's own extensions that are not RFC behaviour — numeric
/// months ("20 11 79"), six bare numbers parsed as a date, a folded line without
/// leading whitespace, spaces kept inside unbracketed addr-specs, and encoded words
/// glued to text or containing whitespace (Python agrees with us on those).
/// Whitespace runs in unstructured text are collapsed before comparing.
@Suite struct StalwartTests {
    static func vectors(_ file: String) -> [[String: Any]]? {
        guard let folder = Corpora.folder("stalwart-mail-parser"),
              let data = try? Data(contentsOf: folder.appendingPathComponent("resources/\(file)")),
              let list = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return nil }
        return list
    }

    /// Header text up to the end of the field (a bare line end not followed by whitespace ends it).
    static func fieldValue(_ header: String) -> String {
        let bytes = Array(("X: " + header).utf8)
        var defects: [Defect] = []
        return HeaderBlockParser.parse(bytes[...], limits: .standard, defects: &defects).headers.fields.first?.rawValue ?? ""
    }

    static func expectedMailboxes(_ expected: Any?) -> [(String?, String?)] {
        guard let dict = expected as? [String: Any] else { return [] }
        var out: [(String?, String?)] = []
        if let list = dict["List"] as? [[String: Any]] {
            out = list.map { ($0["name"] as? String, $0["address"] as? String) }
        }
        if let groups = dict["Group"] as? [[String: Any]] {
            for g in groups { out += ((g["addresses"] as? [[String: Any]]) ?? []).map { ($0["name"] as? String, $0["address"] as? String) } }
        }
        return out
    }

    @Test func addressVectorsMatch() throws {
        guard let vectors = Self.vectors("address.json") else { return }
        var compared = 0, matched = 0
        for v in vectors {
            guard let header = v["header"] as? String else { continue }
            let value = HeaderField.unfold(Self.fieldValue(header))
            let expected = Self.expectedMailboxes(v["expected"]).filter { $0.1 != nil }
            if expected.contains(where: { $0.1!.contains(" ") }) { continue }
            compared += 1
            let got = AddressListParser.parseMailboxes(value)
            let addressesMatch = got.map(\.address) == expected.map { $0.1! }
            let namesMatch = header.contains("(") || got.map { $0.name } == expected.map { $0.0?.trimmingWhitespace() }
            if addressesMatch && namesMatch { matched += 1 } else {
                print("address mismatch: \(header.debugDescription) got \(got) expected \(expected)")
            }
        }
        print("stalwart address.json: \(matched)/\(compared)")
        #expect(compared >= 50)
        #expect(matched == compared)
    }

    @Test func dateVectorsMatch() throws {
        guard let vectors = Self.vectors("date.json") else { return }
        var compared = 0, matched = 0
        for v in vectors {
            guard let header = v["header"] as? String else { continue }
            // Stalwart-only readings: numeric months and bare numbers; a Received line's date after ";".
            if header.contains("20 11 (") || header.hasPrefix(" 4 8 15") || header.contains("((invalid)\n") { continue }
            let value = header.components(separatedBy: ";").last ?? header
            compared += 1
            let got = MailDate.parse(HeaderField.unfold(value))
            if let e = v["expected"] as? [String: Any] {
                let sign = (e["tz_before_gmt"] as? Bool) == true ? -1 : 1
                let offset = sign * (((e["tz_hour"] as? Int) ?? 0) * 3600 + ((e["tz_minute"] as? Int) ?? 0) * 60)
                if let g = got, g.components == ((e["year"] as? Int) ?? 0, (e["month"] as? Int) ?? 0, (e["day"] as? Int) ?? 0,
                                                 (e["hour"] as? Int) ?? 0, (e["minute"] as? Int) ?? 0, (e["second"] as? Int) ?? 0),
                   g.utcOffsetSeconds == offset || ["A", "ZZZZ"].contains(where: { header.hasSuffix(" " + $0) }) {
                    matched += 1
                } else { print("date mismatch: \(header.debugDescription) got \(String(describing: got)) expected \(e)") }
            } else if got == nil { matched += 1 } else { print("date should be invalid: \(header.debugDescription)") }
        }
        print("stalwart date.json: \(matched)/\(compared)")
        #expect(compared >= 30)
        #expect(matched == compared)
    }

    @Test func messageIDVectorsMatch() throws {
        guard let vectors = Self.vectors("id.json") else { return }
        for v in vectors {
            guard let header = v["header"] as? String else { continue }
            let expected = (v["expected"] as? [String]) ?? []
            #expect(MessageIDs.parse(HeaderField.unfold(Self.fieldValue(header))) == expected, "\(header.debugDescription)")
        }
    }

    static func collapsed(_ s: String) -> String {
        s.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    @Test func unstructuredVectorsMatch() throws {
        guard let vectors = Self.vectors("unstructured.json") else { return }
        var compared = 0, matched = 0
        for v in vectors {
            guard let header = v["header"] as? String, let expected = v["expected"] as? String else { continue }
            if header.contains("SUSPECTED SPAM") || header.contains("?Q?Hello") || header.contains("Q??=here")
                || header.contains("q?this is some") { continue }
            compared += 1
            // Stalwart collapses runs of folding whitespace; unfolding (RFC 5322 §2.2.3) keeps them.
            let got = Self.collapsed(HeaderField(name: "Subject", rawValue: Self.fieldValue(header)).value)
            if got == Self.collapsed(expected) { matched += 1 } else { print("unstructured mismatch: \(header.debugDescription) got \(got.debugDescription)") }
        }
        print("stalwart unstructured.json: \(matched)/\(compared)")
        #expect(compared >= 20)
        #expect(matched == compared)
    }

    /// The top-level headers of each .eml against its .json: from/to/cc/reply-to addresses, subject, date, message-id.
    @Test func messageHeadersMatchExpectedResults() throws {
        guard let folder = Corpora.folder("stalwart-mail-parser") else { return }
        var compared = 0, matched = 0
        for url in Corpora.files(under: folder.appendingPathComponent("resources/eml"), extensions: ["eml"]) {
            let jsonURL = url.deletingPathExtension().appendingPathExtension("json")
            guard let data = try? Data(contentsOf: jsonURL),
                  let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let parts = json["parts"] as? [[String: Any]], let top = parts.first,
                  let expectedHeaders = top["headers"] as? [[String: Any]] else { continue }
            let parsed = ParsedMessage(try Data(contentsOf: url))
            var seen: Set<String> = []
            for header in expectedHeaders {
                // ParsedMessage reads the first field of each name.
                guard let name = header["name"] as? String, seen.insert(name).inserted else { continue }
                let value = header["value"] as? [String: Any]
                var ok: Bool?
                switch name {
                case "from", "to", "cc", "reply_to":
                    let got = name == "from" ? parsed.from : name == "to" ? parsed.to : name == "cc" ? parsed.cc : parsed.replyTo
                    let expected = Self.expectedMailboxes(value).compactMap(\.1)
                    if !expected.isEmpty { ok = got.map(\.address) == expected }
                case "subject":
                    if let text = value?["Text"] as? String { ok = parsed.subject == text }
                case "message_id":
                    if let text = value?["Text"] as? String { ok = parsed.messageID == text }
                case "date":
                    if let e = value?["DateTime"] as? [String: Any], let c = parsed.date?.components {
                        ok = c.year == e["year"] as? Int && c.month == e["month"] as? Int && c.day == e["day"] as? Int
                            && c.hour == e["hour"] as? Int && c.minute == e["minute"] as? Int
                    } else if value?["DateTime"] != nil { ok = false }
                default: break
                }
                guard let ok else { continue }
                compared += 1
                if ok { matched += 1 } else { print("stalwart \(url.lastPathComponent) \(name) differs") }
            }
        }
        print("stalwart eml headers: \(matched)/\(compared) fields match")
        #expect(compared >= 40)
        #expect(matched == compared)
    }
}
