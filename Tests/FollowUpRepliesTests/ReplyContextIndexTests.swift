import Foundation
import Testing
import MailMessage
import FollowUpCore
@testable import FollowUpReplies

/// Issue 12: the per-check index must not change a single verdict. Its
/// lookups against the linear filters they replaced, over 200 applications
/// and messages from their contacts, their subdomains, free mail and strangers.
@Suite struct ReplyContextIndexTests {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func indexedLookupsAreTheLinearOnes() {
        var rng = Generator(state: 12)
        let domains = (0..<60).map { "co\($0).example" } + ["gmail.com", "outlook.com"]
        let apps: [Application] = (1...200).map { i in
            let domain = domains.randomElement(using: &rng)!
            let contacts = (0..<Int.random(in: 1...2, using: &rng)).map { n in
                Contact(name: "P\(i) \(n)", email: "\(["Dana", "sam", "HR"].randomElement(using: &rng)!).\(i % 40)@\(domain)")
            }
            let own = MailDomain.isFreeMail(domain) ? [] : [Bool.random(using: &rng) ? domain.uppercased() : domain]
            return Application(id: ApplicationID(i), company: "C\(i)", role: "R", contacts: contacts, companyDomains: own,
                               timeZone: "UTC")
        }
        let context = ReplyContext(userAddresses: ["me@example.org"], sentMessageIDs: [:], applications: apps)
        for _ in 0..<600 {
            let app = apps.randomElement(using: &rng)!
            let sender: String = switch Int.random(in: 0..<4, using: &rng) {
            case 0: app.contacts[0].email.uppercased()
            case 1: "x@mail." + (app.companyDomains.first ?? "gmail.com")
            case 2: "someone@" + domains.randomElement(using: &rng)!
            default: "stranger\(Int.random(in: 0..<9, using: &rng))@not-\(domains.randomElement(using: &rng)!)"
            }
            let address = MailAddress(address: sender)
            let linearContacts = apps.filter { $0.contacts.contains { MailAddress(address: $0.email).normalized == address.normalized } }
            #expect(context.applications(withContactIn: [address.normalized]).map(\.id) == linearContacts.map(\.id), "\(sender)")
            if !MailDomain.isFreeMail(address.domain) {
                let linearDomain = apps.filter { $0.companyDomains.contains { !MailDomain.isFreeMail($0) && MailDomain.isWithin(address.domain, $0) } }
                #expect(context.applications(atDomain: address.domain).map(\.id) == linearDomain.map(\.id), "\(sender)")
            }
            #expect(context.application(id: app.id)?.id == app.id)
        }
    }

    @Test func freeMailIsTheDomainOrAParentOfIt() {
        for (domain, free) in [("gmail.com", true), ("GMAIL.COM.", true), ("mail.gmail.com", true), ("notgmail.com", false),
                               ("gmail.com.evil.io", false), ("hotmail.co.uk", true), ("live.acme.com", false), ("acme.com", false)] {
            #expect(MailDomain.isFreeMail(domain) == free, "\(domain)")
        }
    }

    @Test func aRelaySystemIsFoundByHashAsByItsEntries() {
        let relays = RelaySystems(tracking: ["jobs.example-ats.com", "notifications@example-mail.com"],
                                  scheduling: ["greenhouse-mail.io"], platforms: [])
        var rng = Generator(state: 5)
        let domains = relays.systems.flatMap(\.senders).map { $0.contains("@") ? String($0.split(separator: "@")[1]) : $0 }
        for _ in 0..<3000 {
            let domain = domains.randomElement(using: &rng)!
            let host = ["", "us.", "mail.", "not"].randomElement(using: &rng)! + domain
            let local = ["notifications", "no-reply", "Jane.Doe", "calendar-notification"].randomElement(using: &rng)!
            let at = Int.random(in: 0..<10, using: &rng) == 0 ? "" : "@"  // some senders carry no "@" at all
            let address = MailAddress(address: (at.isEmpty ? "" : local) + at + (Bool.random(using: &rng) ? host.uppercased() : host))
            #expect(relays.system(sending: address) == relays.systems.first { $0.sends(from: address) }, "\(address.address)")
        }
    }

    @Test func asciiTextIsNormalizedAsTheUnicodePathWould() {
        var rng = Generator(state: 9)
        let pieces = ["Hello", "WORLD", " ", "  ", "\t", "\r\n", "\n\n", "\u{0B}", "\u{0C}", "x", "Re:", "-", "'", "\"", "42", "\u{1F}", "\u{7F}"]
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...12, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            #expect(PlainWords.normalizeASCII(text) == PlainWords.normalizeUnicode(text), "\(text.debugDescription)")
        }
    }
}

extension RelaySystem {
    /// What the entry sends, by its definition: the reference the hashed lookup is checked against.
    func sends(from address: MailAddress) -> Bool {
        let normalized = address.normalized
        return senders.contains { sender in
            sender.contains("@") ? sender.lowercased() == normalized : MailDomain.isWithin(address.domain, sender)
        }
    }
}
