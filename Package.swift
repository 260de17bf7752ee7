// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "followupd",
    platforms: [.macOS(.v14)],
    products: [],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // The policy: domain, timeline, gate, planner. Pure: no I/O, no clock reads.
        .target(name: "FollowUpCore"),
        // The daemon's moving parts: one tick, timer, signals, systemd, logging.
        .target(name: "FollowUpDaemon", dependencies: [
            "FollowUpCore",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "FollowUpCoreTests", dependencies: ["FollowUpCore"]),
        .testTarget(name: "FollowUpDaemonTests", dependencies: ["FollowUpDaemon"]),
        // RFC 5322 / MIME: build outgoing messages as exact bytes, parse real-world mail. Pure.
        .target(name: "MailMessage"),
        .testTarget(name: "MailMessageTests", dependencies: ["MailMessage"]),
    ]
)
