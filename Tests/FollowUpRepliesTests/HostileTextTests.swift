import Foundation
import Testing
import FollowUpCore
@testable import FollowUpReplies
import TestSupport

/// A reply's text is written by strangers: no text may trap the classifier
/// (a trap would stop the daemon on the same message at every restart).
@Suite struct HostileTextTests {
    /// Fragments that have broken date readers: other scripts' digits, case
    /// folding ("ſ" is an "s", "K" is a "K"), impossible dates, huge numbers.
    static let fragments = [
        "out of the office until ２０２６-１２-１８", "back on ٢٠٢٦-١٢-١٨", "ſunday", "next ſaturday", "by the ３１st",
        "December ９９", "the 0th", "on the 99th", "in 99 months", "9999-99-99", "0000-00-00", "February 30",
        "30 february 2026", "early ſeptember", "Kelvin K", "FRİDAY", "mid-ｄｅｃｅｍｂｅｒ", "in ٣ weeks",
        "within 12 business days", "by tomorrow", "unfortunately", "we need more time", "next week", "\u{0}",
        "\u{202E}gnirts", "👩‍💻", "ﬀ", "I'll be back on Mon.", "by the 31st of February", "until 2026-02-29",
        "we will decide by 18 December, 2026", "2026-12-", "-12-18", "on the 1st", "in a couple of days",
    ]

    @Test func randomTextsNeverTrapTheReader() {
        var rng = SplitMix64(seed: 0x5eed)
        let context = World.context()
        for round in 0..<3000 {
            let words = (0..<Int.random(in: 1...8, using: &rng)).map { _ -> String in
                if Bool.random(using: &rng) { return Self.fragments.randomElement(using: &rng)! }
                let scalars = (0..<Int.random(in: 1...6, using: &rng)).compactMap { _ in
                    Unicode.Scalar(UInt32.random(in: 0x20...0x2FFFF, using: &rng))
                }
                return String(String.UnicodeScalarView(scalars))
            }
            let text = words.joined(separator: Bool.random(using: &rng) ? " " : "\n")
            let message = World.mail(from: "dana@acme.example", subject: round.isMultiple(of: 2) ? text : "Re: Thank you",
                                     body: text, inReplyTo: [World.thankYouToAcme])
            // The verdict itself is not the point; not trapping is.
            _ = context.verdict(for: message)
            _ = ReplyDates(written: World.instant("2026-11-16T15:00:00Z"), timeZone: .gmt).dates(in: text)
        }
    }

    @Test func fullWidthDigitsAreReadAsDigits() {
        let reader = ReplyDates(written: World.instant("2026-11-16T15:00:00Z"), timeZone: .gmt)
        #expect(reader.dates(in: "I am out of the office until ２０２６-１２-１８.") == [LocalDate(year: 2026, month: 12, day: 18)])
    }
}
