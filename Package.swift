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
        // Reply understanding: which application an inbox message belongs to and what it means. Pure.
        .target(name: "FollowUpReplies", dependencies: ["FollowUpCore"]),
        .testTarget(name: "FollowUpRepliesTests", dependencies: ["FollowUpReplies", "FollowUpCore"]),
    ]
)
