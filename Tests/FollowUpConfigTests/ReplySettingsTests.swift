import Testing
@testable import FollowUpConfig

/// `[replies]`: the user's own relaying systems, each a domain or an address.
@Suite struct ReplySettingsTests {
    @Test func defaultsAreEmpty() throws {
        #expect(try parse(minimalConfig).replies == ReplySettings())
    }

    @Test func domainsAndAddressesAreKeptInLowerCase() throws {
        let text = minimalConfig + """

            [replies]
            tracking_systems = ["Jobs.Example-ATS.com"]
            scheduling_tools = ["book@scheduler.example.io"]
            job_platforms = ["example-jobboard.de"]
            """
        let replies = try parse(text).replies
        #expect(replies.trackingSystems == ["jobs.example-ats.com"])
        #expect(replies.schedulingTools == ["book@scheduler.example.io"])
        #expect(replies.jobPlatforms == ["example-jobboard.de"])
    }

    @Test(arguments: ["calendly", "https://calendly.com", "two words.com", "a@b@c.com", ".example.com"])
    func anythingElseIsRefusedWithItsLine(value: String) throws {
        let text = minimalConfig + "\n[replies]\nscheduling_tools = [\"\(value)\"]\n"
        let e = try #require(configError(text))
        #expect(e.key == "replies.scheduling_tools")
        #expect(e.line == lineNumber(of: "scheduling_tools", in: text, section: "replies"))
        #expect(e.message.contains("neither a domain"), "\(e)")
    }
}
