import Foundation
import MailTransport
import Testing

@Suite("Mailbox names and LIST")
struct MailboxListTests {
    @Test(arguments: [
        ("Courrier ind&AOk-sirable", "Courrier indésirable"),  // Dovecot, as it lists a French Junk
        ("Entw&APw-rfe", "Entwürfe"),                          // Zoho's German Drafts
        ("[Gmail]/&BBoEPgRABDcEOAQ9BDA-", "[Gmail]/Корзина"),  // Gmail's Russian Trash
        ("Tom &- Jerry", "Tom & Jerry"),
        ("&ZeVnLIqe-", "日本語"),
        ("INBOX", "INBOX"),
    ])
    func modifiedUTF7DecodesAndEncodesBack(wire: String, text: String) {
        #expect(ModifiedUTF7.decode(wire) == text)
        #expect(ModifiedUTF7.encode(text) == wire)
    }

    @Test(arguments: ["a&AOk", "&AOk*-", "caf\u{E9}", "&2D0-"])
    func malformedNamesDoNotDecode(wire: String) {
        // Unclosed, a character outside the alphabet, raw 8-bit, a lone surrogate.
        #expect(ModifiedUTF7.decode(wire) == nil)
    }

    @Test func listLinesGiveNameDelimiterAndAttributes() {
        let answer = """
            * LIST (\\HasNoChildren) "." INBOX\r
            * LIST (\\HasNoChildren \\Junk) "." "Courrier ind&AOk-sirable"\r
            * LIST (\\Noselect \\HasChildren) "/" "[Gmail]"\r
            * LIST () NIL {5}\r
            Jobs!\r
            A3 OK List completed\r

            """
        let mailboxes = IMAPResponseSummary(IMAPResponseParser.parse(answer).responses).mailboxes
        #expect(mailboxes.map(\.name) == ["INBOX", "Courrier ind&AOk-sirable", "[Gmail]", "Jobs!"])
        #expect(mailboxes[1].has("\\junk") && mailboxes[1].hasSpecialUse && mailboxes[1].displayName == "Courrier indésirable")
        #expect(!mailboxes[2].selectable && mailboxes[2].delimiter == "/")
        #expect(mailboxes[3].delimiter == nil && mailboxes[0].delimiter == ".")
    }
}

@Suite("Folders against Dovecot")
struct DovecotFolderTests {
    @Test func specialUseIsListedAndAFolderWithANonASCIINameIsReadUnderItsWireName() throws {
        guard let stack = try MailStack.required() else { return }
        let name = "Candidatures été \(UUID().uuidString.prefix(6))"
        let wire = ModifiedUTF7.encode(name)
        let messageID = "<\(UUID().uuidString)@employer.test>"
        // Dovecot keeps Maildir++ folder names in modified UTF-7 on disk too.
        try stack.files.writeToMaildir([rawMessage(from: MailStack.hr, to: MailStack.candidate, subject: "Re: Thank you",
                                                   messageID: messageID)], user: MailStack.candidate, folder: wire)
        let imap = try stack.imap(MailStack.candidate)

        let mailboxes = try imap.listMailboxes()

        #expect(mailboxes.first { $0.has("\\Junk") }?.name == "Quarantaine")
        #expect(mailboxes.first { $0.has("\\Sent") }?.name == "Sent")
        let folder = try #require(mailboxes.first { $0.displayName == name })
        #expect(folder.name == wire && folder.selectable)
        let check = try imap.check(MailboxCursor(mailbox: folder.name), rescanSince: Date(timeIntervalSince1970: 0),
                                   headerFields: MailStack.headerFields)
        #expect(check.messages.count == 1)
        #expect(check.messages.first.flatMap { headerValue("Message-ID", in: $0.header) } == messageID)
    }
}
