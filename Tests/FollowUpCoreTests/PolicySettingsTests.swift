import Foundation
import Testing
@testable import FollowUpCore

@Suite struct PolicySettingsTests {
    @Test func defaultsAreThePolicys() throws {
        let s = try PolicySettings()
        #expect(s.maxFollowups == 2 && s.minGap == 72 * 3600 && s.sendWindow == .standard)
        #expect(s.askForFeedback && s.freshCheck == 600 && s.draftLead == 24 * 3600)
    }

    @Test func maxFollowupsIsZeroToThree() throws {
        for n in 0...3 { #expect(try PolicySettings(maxFollowups: n).maxFollowups == n) }
        for n in [-1, 4] {
            #expect(throws: SettingsError.self) { try PolicySettings(maxFollowups: n) }
        }
    }

    @Test func minGapMayOnlyBeRaised() throws {
        #expect(try PolicySettings(minGap: 96 * 3600).minGap == 96 * 3600)
        do {
            _ = try PolicySettings(minGap: 48 * 3600)
            Issue.record("a 48 h gap was accepted")
        } catch {
            #expect(error.description.contains("min_gap"))
        }
    }

    @Test func sendWindowMustHaveDaysAndHours() {
        #expect(throws: SettingsError.self) { try PolicySettings(sendWindow: SendWindow(weekdays: [], opens: 540, closes: 1020)) }
        #expect(throws: SettingsError.self) { try PolicySettings(sendWindow: SendWindow(weekdays: [2], opens: 600, closes: 600)) }
    }

    @Test func freshCheckAndDraftLeadAreBounded() {
        #expect(throws: SettingsError.self) { try PolicySettings(freshCheck: 0) }
        #expect(throws: SettingsError.self) { try PolicySettings(freshCheck: 2 * 3600) }
        #expect(throws: SettingsError.self) { try PolicySettings(draftLead: -1) }
    }
}
