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

/// `[notify]`: the command's words, the channels and their bounds.
@Suite struct NotifyConfigTests {
    @Test(arguments: [
        (#"notify-send followupd"#, ["notify-send", "followupd"]),
        (#"sh -c 'notify-send followupd "$FOLLOWUPD_SUMMARY"'"#, ["sh", "-c", #"notify-send followupd "$FOLLOWUPD_SUMMARY""#]),
        (#"a\ b "c \"d\" \\" '' e"#, ["a b", #"c "d" \"#, "", "e"]),
    ])
    func commandsSplitIntoWordsWithoutAShell(line: String, words: [String]) throws {
        #expect(try CommandWords.split(line) == words)
    }

    @Test func theSampleConfigsCommandsAreWordsAndTheDefaultsAreOff() throws {
        let c = try parse(minimalConfig)
        #expect(c.notify == NotifySettings() && !c.notify.enabled)
        let ntfy = #"sh -c 'curl -fsS -H "Title: followupd" -d "$FOLLOWUPD_SUMMARY" https://ntfy.sh/YOUR-TOPIC'"#
        let words = try CommandWords.split(ntfy)
        #expect(words.count == 3 && words[2].hasPrefix("curl -fsS -H \"Title: followupd\""))
        let set = try parse(minimalConfig + "\n[notify]\ncommand = \"notify-send followupd\"\nmail = true\nremind_before = \"1h\"\n")
        #expect(set.notify.command == ["notify-send", "followupd"] && set.notify.mail && set.notify.remindBefore == 3600)
        // Shown as password_command is, by its program only: a command line may hold a token.
        let shown = set.effectiveDescription()
        #expect(shown.contains("command = \"notify-send …\"") && shown.contains("approve_by_reply = false"), "\(shown)")
        let token = try parse(minimalConfig + "\n[notify]\ncommand = \"ntfy publish --token tk_secret mytopic\"\n")
        #expect(!token.effectiveDescription().contains("tk_secret"))
    }

    @Test(arguments: [
        ("command = \"sh -c 'unclosed\"", "notify.command", "not closed"),
        ("command = \"  \"", "notify.command", "must name a program"),
        ("remind_before = \"1m\"", "notify.remind_before", "between 10m and"),
        ("alert_after = \"30d\"", "notify.alert_after", "between 5m and"),
        ("mail = \"yes\"", "notify.mail", "expected true or false"),
    ])
    func aBadNotifyKeyIsRefusedAtItsLine(line: String, key: String, fragment: String) throws {
        let e = try #require(configError(minimalConfig + "\n[notify]\n" + line + "\n"))
        #expect(e.key == key && e.message.contains(fragment), "\(e)")
        #expect(e.line == minimalConfig.components(separatedBy: "\n").count + 2)
    }
}
