import Testing
@testable import FollowUpConfig

/// `imap.folders`: what may be named, and the line an error points at.
@Suite struct FolderConfigTests {
    @Test func namesAndSpecialUsesAreReadInOrderWithoutRepeats() throws {
        let c = try parse(adding(#"folders = ["INBOX", "Jobs/Acme", "\\junk", "\\All", "INBOX"]"#, to: "imap"))
        #expect(c.imap.folders == [.named("INBOX"), .named("Jobs/Acme"), .specialUse("\\Junk"), .specialUse("\\All")])
        #expect(c.imap.foldersGiven)
        #expect(c.imap.foldersLine == lineNumber(of: "folders", in: adding(#"folders = ["INBOX"]"#, to: "imap"), section: "imap"))
    }

    @Test func theOldInboxKeyStandsForINBOXInTheDefault() throws {
        let c = try parse(adding(#"inbox = "Posteingang""#, to: "imap"))
        #expect(c.imap.folders == [.named("Posteingang"), .specialUse("\\Junk")] && !c.imap.foldersGiven)
    }

    @Test(arguments: [
        (#"folders = ["\\Sent"]"#, "holds your own mail"),
        (#"folders = ["\\Trash", "INBOX"]"#, "never read there"),
        (#"folders = ["\\Spam"]"#, "not a special-use name"),
        (#"folders = ["Sent"]"#, "is the Sent folder"),
        (#"folders = []"#, "at least one folder"),
        (#"folders = "INBOX""#, "expected a list of strings"),
        (#"folders = ["INBOX", 3]"#, "in it"),
        ("folders = [\"A\\u0007B\"]", "not a usable mailbox name"),
    ])
    func aFolderThatCannotBeReadIsRefusedAtItsLine(line: String, fragment: String) throws {
        let text = adding(line, to: "imap")
        let e = try #require(configError(text))
        #expect(e.key == "imap.folders" && e.line == lineNumber(of: "folders", in: text, section: "imap"))
        #expect(e.message.contains(fragment), "\(e)")
    }

    @Test func theOldInboxKeyAndFoldersTogetherAreRefused() throws {
        let e = try #require(configError(adding("inbox = \"INBOX\"\nfolders = [\"INBOX\"]", to: "imap")))
        #expect(e.key == "imap.inbox" && e.message.contains("set only imap.folders"))
    }
}
