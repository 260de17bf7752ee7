import FollowUpConfig
import MailTransport
import Testing
@testable import FollowUpDaemon

private func box(_ name: String, _ attributes: String..., delimiter: Character = ".") -> ListedMailbox {
    ListedMailbox(name: name, delimiter: delimiter, attributes: Set(attributes))
}

/// `imap.folders` against a server's LIST: which mailboxes a check reads.
@Suite struct ReplyFoldersTests {
    private func read(_ choices: [FolderChoice], given: Bool, _ listing: [ListedMailbox]) throws -> ReplyFolders {
        try ReplyFolders.resolve(choices, allRequired: given, sent: "Sent", listing: listing)
    }

    /// With the default `imap.folders`.
    private func read(_ listing: [ListedMailbox]) throws -> ReplyFolders {
        try read(FolderChoice.defaults, given: false, listing)
    }

    @Test func theDefaultReadsTheInboxAndTheFolderMarkedJunk() throws {
        let found = try read([box("INBOX"), box("Sent", "\\Sent"), box("Quarantaine", "\\HasNoChildren", "\\Junk")])
        #expect(found.mailboxes == ["INBOX", "Quarantaine"] && found.leftOut.isEmpty)
    }

    /// Servers without SPECIAL-USE: the usual names, whole, at the top or
    /// under INBOX or [Gmail]; never a user's folder that merely starts so.
    @Test(arguments: [
        ([box("Spam")], ["Spam"]),
        ([box("INBOX.Junk")], ["INBOX.Junk"]),
        ([box("Junk E-mail")], ["Junk E-mail"]),
        ([box("[Gmail]/Spam", delimiter: "/")], ["[Gmail]/Spam"]),
        ([box("Courrier ind&AOk-sirable")], ["Courrier ind&AOk-sirable"]),
        ([box("Junk Drawer"), box("Projects.Spam")], []),
    ])
    func junkIsFoundByItsUsualNamesWhenNothingIsMarked(extra: [ListedMailbox], junk: [String]) throws {
        let found = try read([box("INBOX")] + extra)
        #expect(found.mailboxes == ["INBOX"] + junk)
        #expect(found.leftOut == (junk.isEmpty ? [.specialUse("\\Junk")] : []))
    }

    @Test func aNamedFolderMatchesByItsTextWithSlashForTheServersDelimiter() throws {
        let listing = [box("INBOX"), box("Jobs.Acme"), box("Candidatures &AMk-t&AOk-")]
        let found = try read([.named("inbox"), .named("Jobs/Acme"), .named("Candidatures Été")], given: true, listing)
        #expect(found.mailboxes == ["INBOX", "Jobs.Acme", "Candidatures &AMk-t&AOk-"])
    }

    @Test func aNamedFolderTheServerLacksIsAProblemNamingWhatItHas() {
        let listing = [box("INBOX"), box("Archive", "\\Archive"), box("[Gmail]", "\\Noselect")]
        #expect(throws: ReplyFolders.Problem(message: "no folder \"Jobs\" on the server; it has: INBOX, Archive")) {
            try read([.named("INBOX"), .named("Jobs")], given: true, listing)
        }
        // A name that is only a level of the hierarchy cannot be read either.
        #expect(throws: ReplyFolders.Problem.self) { try read([.named("[Gmail]")], given: true, listing) }
    }

    @Test func aJunkTheUserAskedForMustExistButTheDefaultsMayBeLeftOut() throws {
        #expect(try read([box("INBOX")]).mailboxes == ["INBOX"])
        #expect(throws: ReplyFolders.Problem.self) {
            try read([.named("INBOX"), .specialUse("\\Junk")], given: true, [box("INBOX")])
        }
    }

    @Test func theUsersOwnFoldersAreNeverReadEvenByAnotherName() {
        let listing = [box("INBOX"), box("Gesendet", "\\Sent"), box("Papierkorb", "\\Trash"), box("Sent")]
        for name in ["Gesendet", "Papierkorb", "Sent"] {
            #expect(throws: ReplyFolders.Problem.self) { try read([.named(name)], given: true, listing) }
        }
    }

    @Test func allMailReplacesTheFoldersItHoldsButNotJunk() throws {
        let listing = [box("INBOX", delimiter: "/"), box("Jobs", delimiter: "/"),
                       box("[Gmail]/All Mail", "\\All", delimiter: "/"), box("[Gmail]/Spam", "\\Junk", delimiter: "/")]
        let found = try read([.named("INBOX"), .named("Jobs"), .specialUse("\\All"), .specialUse("\\Junk")], given: true, listing)
        #expect(found.mailboxes == ["[Gmail]/All Mail", "[Gmail]/Spam"])
        #expect(found.heldByAll == ["INBOX", "Jobs"])
    }
}

extension ReplyFoldersTests {
    @Test func aFolderOnlyNamedAllMailIsReadBesideTheOthersNeverInsteadOfThem() throws {
        let listing = [box("INBOX", delimiter: "/"), box("[Gmail]/All Mail", delimiter: "/")]
        let found = try ReplyFolders.resolve([.named("INBOX"), .specialUse("\\All")], allRequired: true, sent: "Sent", listing: listing)
        #expect(found.mailboxes == ["INBOX", "[Gmail]/All Mail"] && found.heldByAll.isEmpty)
    }
}
