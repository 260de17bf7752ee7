import Foundation
import FuzzDriver
import FollowUpCore
import FollowUpReplies
import InboxReading

/// libFuzzer target: both stages of the reply reader, as the daemon runs
/// them, against two tracked applications (scripts/fuzz.sh).
private let arrival = Date(timeIntervalSince1970: 1_795_000_000)
private let context = ReplyContext(
    userAddresses: ["alex@example.org"], sentMessageIDs: ["<thanks-1@example.org>": 1],
    applications: [
        Application(id: 1, company: "Acme Corp.", role: "Backend Engineer",
                    contacts: [Contact(name: "Jane Doe", email: "jane@acme.com")], companyDomains: ["acme.com"],
                    timeZone: "America/New_York",
                    events: [Event(id: 11, start: arrival - 86_400 * 5, end: arrival - 86_400 * 5 + 3_600)]),
    ])

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzReplies(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    _ = InboxReader.screen(headerBytes: bytes, internalDate: arrival, context: context)
    _ = InboxReader.read(fullBytes: bytes, internalDate: arrival, context: context)
    return 0
}

runFuzzer(fuzzReplies)
