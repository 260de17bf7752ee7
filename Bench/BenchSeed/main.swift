// Seeds a followupd database for scripts/bench.sh through the store's own API:
// APPS applications, one interview each in the last five weeks, with the
// drafts such a history has (thank-yous and check-ins sent, one check-in
// waiting, a fifth closed). Not part of the product.
//
//   followupd-bench-seed DATABASE APPS [NOW_ISO8601]
import Foundation
import FollowUpCore
import FollowUpStore

let arguments = CommandLine.arguments
guard arguments.count >= 3, let count = Int(arguments[2]), count > 0 else {
    FileHandle.standardError.write(Data("usage: followupd-bench-seed DATABASE APPS [NOW]\n".utf8))
    exit(2)
}
let now = arguments.count > 3 ? (ISO8601DateFormatter().date(from: arguments[3]) ?? Date()) : Date()
let store = try Store(path: arguments[1])

for i in 1...count {
    let start = now.addingTimeInterval(-Double(1 + i % 35) * 86_400 - 4 * 3600)
    let domain = "company\(i).example"
    let contact = Contact(name: "Dana Roe\(i)", email: "dana.roe@\(domain)")
    let app = try store.addApplication(Application(
        id: 0, company: "Company \(i)", role: "Engineer \(i % 7)", contacts: [contact], companyDomains: [domain],
        timeZone: "Europe/Berlin", talkingPoints: ["the platform migration"],
        events: [Event(id: 0, start: start, end: start + 3600, recordedAt: start - 86_400)],
        outcome: i % 5 == 0 ? .rejected : nil))
    func draft(_ kind: MessageKind, due: Date, sent: Bool) throws {
        let stored = try store.insertDraft(Draft(
            id: 0, applicationID: app.id, round: app.events[0].id, kind: kind, recipientName: contact.name,
            recipientEmail: contact.email, subject: "Thank you", body: "Dear Dana,\n\nthank you for your time.\n\nMorgan",
            due: due, messageID: "\(UUID().uuidString)@bench.example", state: .drafted, createdAt: due - 86_400))
        guard sent else { return }
        _ = try store.approve(draftID: stored.id, now: due - 3600)
        _ = try store.beginSend(draftID: stored.id, now: due) { _, _, _ in .send }
        _ = try store.finishSend(draftID: stored.id, outcome: .sent, now: due)
    }
    try draft(.thankYou, due: start + 25 * 3600, sent: true)
    let checkIn = start + 7 * 86_400
    if checkIn < now { try draft(.checkIn, due: checkIn, sent: true) } else { try draft(.checkIn, due: checkIn, sent: false) }
}
print("seeded \(count) applications into \(arguments[1])")
