import Foundation
import MailMessage
import Testing
import FollowUpCore
@testable import FollowUpReplies
import TestSupport

/// Measures bounce and auto-reply recognition on sisimai's set-of-emails:
/// real delivery failures from ~70 kinds of mail systems. Only headers are
/// read here (the MIME parser is another module's job), and the raw body
/// stands in for the decoded text, so this is a lower bound.
@Suite struct BounceCorpusTests {
    static func requireCorpus() -> URL? { Corpora.folder("sisimai-set-of-emails/maildir") }

    /// Unfolded headers (name lower-cased) and the raw body of a message file.
    static func message(at url: URL) -> IncomingMessage? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        guard let split = text.range(of: "\n\n") else { return nil }
        var headers: [String: String] = [:]
        var last: String?
        for line in text[..<split.lowerBound].split(separator: "\n", omittingEmptySubsequences: false) {
            if line.first == " " || line.first == "\t", let name = last {
                headers[name, default: ""] += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                let name = line[..<colon].lowercased()
                if headers[name] == nil { headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces) }
                last = name
            }
        }
        let from = headers["from"] ?? ""
        let address = from.range(of: "<[^>]*>", options: .regularExpression).map { String(from[$0].dropFirst().dropLast()) } ?? from
        let name = from.range(of: "<").map { String(from[..<$0.lowerBound]).trimmingCharacters(in: CharacterSet(charactersIn: "\" ")) }
        let contentType = (headers["content-type"] ?? "").lowercased()
        let reportType = contentType.range(of: #"report-type="?[a-z-]+"#, options: .regularExpression)
            .map { String(contentType[$0]).replacingOccurrences(of: "report-type=", with: "").replacingOccurrences(of: "\"", with: "") }
        return IncomingMessage(from: MailAddress(name: name, address: address), subject: headers["subject"] ?? "",
                               internalDate: Date(timeIntervalSince1970: 0), autoSubmitted: headers["auto-submitted"],
                               xAutoreply: headers["x-autoreply"], precedence: headers["precedence"],
                               contentType: contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) },
                               reportType: reportType, body: String(text[split.upperBound...]))
    }

    static func files(in directory: URL, where keep: (String) -> Bool) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter(keep).sorted().map { directory.appendingPathComponent($0) }
    }

    @Test func realBouncesAreRecognisedAsDeliveryReports() throws {
        guard let corpus = Self.requireCorpus() else { return }
        // arf-* are abuse reports and rfc3834-* auto-replies: not bounces.
        let bounces = Self.files(in: corpus.appendingPathComponent("bsd")) { !$0.hasPrefix("arf-") && !$0.hasPrefix("rfc3834-") }
        let messages = bounces.compactMap(Self.message)
        let recognised = messages.filter { AutomatedMail.delivery(of: $0) != nil }.count
        let rate = Double(recognised) / Double(max(messages.count, 1))
        print("bounce corpus: \(recognised) of \(messages.count) recognised (\(String(format: "%.1f", rate * 100))%)")
        #expect(messages.count > 500)
        #expect(rate >= 0.97)
    }

    @Test func realAutoRepliesAreAutoRepliesNotBounces() throws {
        guard let corpus = Self.requireCorpus() else { return }
        let replies = Self.files(in: corpus.appendingPathComponent("bsd")) { $0.hasPrefix("rfc3834-") }.compactMap(Self.message)
        #expect(!replies.isEmpty)
        for message in replies {
            #expect(AutomatedMail.delivery(of: message) == nil, "\(message.subject)")
            let reading = ReplyReader(message: message, authored: AuthoredText(body: message.body),
                                      application: World.acme, path: .contactAddress, relay: nil).reading
            #expect(reading.replyClass == .autoReply, "\(message.subject)")
        }
    }

    @Test func realNonBouncesAreNotBounces() throws {
        guard let corpus = Self.requireCorpus() else { return }
        let messages = Self.files(in: corpus.appendingPathComponent("not")) { $0.hasSuffix(".eml") }.compactMap(Self.message)
        #expect(!messages.isEmpty)
        for message in messages {
            #expect(AutomatedMail.delivery(of: message) != .failed, "\(message.subject)")
        }
    }
}
