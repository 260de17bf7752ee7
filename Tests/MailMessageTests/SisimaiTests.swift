import Foundation
import Testing
@testable import MailMessage
import TestSupport

/// sisimai's bounces and auto-replies, labelled by file name (rfc3464-*, rfc3834-*, lhost-*, rhost-*, arf-*).
/// Per label: the share recognised — a delivery-status report with at least one recipient for
/// bounces, an auto-reply header visible for rfc3834. Vendor bounces (lhost/rhost) include
/// plain-text formats (qmail, old Sendmail, carrier-specific) with no RFC 3464 part at all, so
/// their floor is lower; the rates are printed so a regression shows. rfc3834-03 carries no
/// auto-reply header at all (only "Auto reply:" in its Subject), so rfc3834 cannot reach 6/6.
@Suite struct SisimaiTests {
    struct Tally { var total = 0; var recognised = 0 }

    static let autoHeaders = ["Auto-Submitted", "X-Autoreply", "X-Autorespond", "Precedence", "X-Auto-Response-Suppress"]

    @Test func bouncesAndAutoRepliesAreRecognisedPerLabel() throws {
        guard let folder = Corpora.folder("sisimai-set-of-emails") else { return }
        var tallies: [String: Tally] = [:]
        for url in Corpora.files(under: folder.appendingPathComponent("maildir/bsd"), extensions: ["eml"]) {
            let name = url.deletingPathExtension().lastPathComponent
            let parts = name.split(separator: "-")
            guard let kind = parts.first else { continue }
            let parsed = ParsedMessage(try Data(contentsOf: url))
            let recognised: Bool
            switch kind {
            case "rfc3834":
                recognised = Self.autoHeaders.contains { parsed.headers.field($0) != nil }
            case "arf":
                recognised = parsed.contentType.mimeType == "multipart/report"
            default:
                recognised = !(parsed.deliveryStatus?.recipients.isEmpty ?? true)
            }
            let label = kind == "lhost" || kind == "rhost" ? "\(kind)-*" : String(kind)
            tallies[label, default: Tally()].total += 1
            if recognised { tallies[label, default: Tally()].recognised += 1 }
        }
        for (label, t) in tallies.sorted(by: { $0.key < $1.key }) {
            print("sisimai \(label): \(t.recognised)/\(t.total) recognised")
        }
        func rate(_ label: String) -> Double {
            guard let t = tallies[label], t.total > 0 else { return 0 }
            return Double(t.recognised) / Double(t.total)
        }
        // Floors just under the rates measured on 2026-11-21 (33/36, 5/6, 83/87, 232/483).
        #expect(rate("rfc3464") >= 0.9)
        #expect(rate("rfc3834") >= 0.8)
        #expect(rate("rhost-*") >= 0.9)
        #expect(rate("lhost-*") >= 0.45)
    }

    @Test func deliveryStatusFieldsAreReadFromAReport() throws {
        let report = """
        From: MAILER-DAEMON@mx.example\r
        To: ana@example.org\r
        Subject: Undelivered Mail Returned to Sender\r
        Content-Type: multipart/report; report-type=delivery-status;\r
         boundary="B"\r
        \r
        --B\r
        Content-Type: text/plain\r
        \r
        I'm sorry to have to inform you...\r
        --B\r
        Content-Type: message/delivery-status\r
        \r
        Reporting-MTA: dns; mx.example\r
        \r
        Final-Recipient: rfc822; jose@company.example\r
        Original-Recipient: rfc822;Jose@Company.example\r
        Action: failed\r
        Status: 5.1.1\r
        Diagnostic-Code: smtp; 550 5.1.1 <jose@company.example>:\r
          Recipient address rejected\r
        \r
        Final-Recipient: rfc822; <other@company.example>\r
        Action: delayed\r
        Status: 4.4.1 (timeout)\r
        \r
        --B\r
        Content-Type: text/rfc822-headers\r
        \r
        Message-ID: <abc123@example.org>\r
        Subject: Thank you\r
        --B--\r
        """
        let dsn = try #require(ParsedMessage(Array(report.utf8)).deliveryStatus)
        #expect(dsn.originalMessageID == "abc123@example.org")
        #expect(dsn.recipients.count == 2)
        #expect(dsn.recipients.first?.address == "Jose@Company.example")
        #expect(dsn.recipients.first?.status == "5.1.1")
        #expect(dsn.recipients.last?.finalRecipient == "other@company.example")
        #expect(dsn.recipients.last?.status == "4.4.1")
    }
}
