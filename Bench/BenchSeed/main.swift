// Seeds a followupd database for scripts/bench.sh through the store's own API.
// Not part of the product.
//
//   followupd-bench-seed DATABASE APPS
//       APPS applications, one interview each in the last five weeks, with the
//       drafts such a history has (thank-yous and check-ins sent, one check-in
//       waiting, a fifth closed).
//   followupd-bench-seed DATABASE --ready-to-send N
//       N more applications, each with an approved thank-you due an hour ago
//       to an address of its own (hr+sendK@employer.test): what a tick sends.
import Foundation
import FollowUpCore
import FollowUpStore

let arguments = CommandLine.arguments
func usage() -> Never {
    FileHandle.standardError.write(Data("usage: followupd-bench-seed DATABASE APPS | DATABASE --ready-to-send N\n".utf8))
    exit(2)
}
guard arguments.count >= 3 else { usage() }
let now = Date()
let store = try Store(path: arguments[1])

func application(_ label: String, contact: Contact, domain: String, start: Date, outcome: Outcome? = nil) throws -> Application {
    try store.addApplication(Application(
        id: 0, company: "Company \(label)", role: "Engineer", contacts: [contact], companyDomains: [domain],
        timeZone: "Europe/Berlin", talkingPoints: ["the platform migration"],
        events: [Event(id: 0, start: start, end: start + 3600, recordedAt: start - 86_400)], outcome: outcome))
}

func draft(_ app: Application, _ kind: MessageKind, due: Date) throws -> Draft {
    let contact = app.contacts[0]
    return try store.insertDraft(Draft(
        id: 0, applicationID: app.id, round: app.events[0].id, kind: kind, recipientName: contact.name,
        recipientEmail: contact.email, subject: "Thank you", body: "Dear Dana,\n\nthank you for your time.\n\nMorgan",
        due: due, messageID: "\(UUID().uuidString)@bench.example", state: .drafted, createdAt: due - 86_400))
}

func send(_ stored: Draft) throws {
    _ = try store.approve(draftID: stored.id, now: stored.due - 3600)
    _ = try store.beginSend(draftID: stored.id, now: stored.due) { _, _, _ in .send }
    _ = try store.finishSend(draftID: stored.id, outcome: .sent, now: stored.due)
}

if arguments[2] == "--ready-to-send" {
    guard arguments.count == 4, let count = Int(arguments[3]), count > 0 else { usage() }
    let first = (try store.applications().map(\.id).max() ?? 0) + 1
    for k in first..<(first + Int64(count)) {
        // Ended 25 hours ago: the thank-you was due an hour ago.
        let start = now - 26 * 3600
        let app = try application("send \(k)", contact: Contact(name: "Dana Roe", email: "hr+send\(k)@employer.test"),
                                  domain: "employer.test", start: start)
        let thanks = try draft(app, .thankYou, due: start + 3600 + 24 * 3600)
        _ = try store.approve(draftID: thanks.id, now: now - 1800)
    }
    print("seeded \(count) drafts ready to send into \(arguments[1])")
    exit(0)
}

guard let count = Int(arguments[2]), count > 0 else { usage() }
for i in 1...count {
    let start = now.addingTimeInterval(-Double(1 + i % 35) * 86_400 - 4 * 3600)
    let domain = "company\(i).example"
    let app = try application("\(i)", contact: Contact(name: "Dana Roe\(i)", email: "dana.roe@\(domain)"), domain: domain,
                              start: start, outcome: i % 5 == 0 ? .rejected : nil)
    try send(try draft(app, .thankYou, due: start + 25 * 3600))
    let checkIn = start + 7 * 86_400
    let stored = try draft(app, .checkIn, due: checkIn)
    if checkIn < now { try send(stored) }
}
print("seeded \(count) applications into \(arguments[1])")
