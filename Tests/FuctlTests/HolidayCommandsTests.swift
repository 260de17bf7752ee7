import Foundation
import Testing
import TestSupport
import FollowUpCore
@testable import FuctlCommands

/// `--country`/`--region` on add and update: where the employer is, for its public holidays.
@Suite struct HolidayCommandsTests {
    @Test func addKeepsThePlaceAndShowSaysItOrHintsAtIt() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication(extra: ["--country", "us"])
        #expect(try f.workspace().store.history(for: app)?.application.country == "US")
        let shown = f.run(["show", "\(app)"]).output.split(separator: "\n").first { $0.hasPrefix("Holidays") }
        #expect(shown?.hasSuffix("  US (no follow-up goes out on its public holidays)") == true, "\(shown ?? "no Holidays line")")

        let plain = f.run(["add", "--company", "Initech", "--role", "SRE", "--contact-name", "Sam", "--contact-email", "sam@initech.example",
                           "--interview", Fixture.interview, "--tz", "Europe/Berlin"])
        #expect(plain.output.contains("hint: no public holidays are kept for it; if the employer is in DE, fuctl update 2 --country DE"),
                "\(plain.output)")
        let line = f.run(["show", "2"]).output.split(separator: "\n").first { $0.hasPrefix("Holidays") }
        #expect(line?.hasSuffix("  none kept") == true, "\(line ?? "no Holidays line")")
    }

    @Test func wrongPlacesAreRefusedClearly() throws {
        let f = try Fixture()
        defer { f.remove() }
        let base = ["add", "--company", "Acme", "--role", "SRE", "--contact-name", "Dana", "--contact-email", "dana@acme.example",
                    "--interview", Fixture.interview]
        let unknown = f.run(base + ["--country", "XX"])
        #expect(unknown.code == FuctlMain.usage && unknown.errors.contains("not of \"XX\""), "\(unknown.errors)")
        let region = f.run(base + ["--country", "DE", "--region", "Bavaria"])
        #expect(region.code == FuctlMain.usage && region.errors.contains("DE has the regions BB, BE, BW, BY"), "\(region.errors)")
        #expect(f.run(base + ["--region", "BY"]).errors.contains("--region needs --country"))
    }

    /// A thank-you's words name the interview's day as seen from its due time: it is written anew for the new one.
    @Test func updateOfThePlaceRedraftsTheScheduledDrafts() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication()
        let draft = try f.queueThankYou(app)
        let r = f.run(["update", "\(app)", "--country", "DE", "--region", "de-by"])
        #expect(r.code == 0 && r.output.contains("holidays country: none → DE") && r.output.contains("holidays region: none → BY"),
                "\(r.output)\(r.errors)")
        #expect(r.output.contains("draft \(draft.id), the thank-you, is withdrawn at followupd's next check and drafted anew"), "\(r.output)")
        let cleared = f.run(["update", "\(app)", "--no-holidays"])
        #expect(cleared.output.contains("holidays country: DE → none"), "\(cleared.output)")
        #expect(try f.workspace().store.history(for: app)?.application.holidayPlace == nil)
    }
}
