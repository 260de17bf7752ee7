// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "followupd",
    platforms: [.macOS(.v14)],
    products: [],
    dependencies: [],
    targets: [
        // The policy: domain, timeline, gate, planner. Pure: no I/O, no clock reads.
        .target(name: "FollowUpCore"),
        .testTarget(name: "FollowUpCoreTests", dependencies: ["FollowUpCore"]),
        // RFC 5322 / MIME: build outgoing messages as exact bytes, parse real-world mail. Pure.
        .target(name: "MailMessage"),
        .testTarget(name: "MailMessageTests", dependencies: ["MailMessage"]),
    ]
)
