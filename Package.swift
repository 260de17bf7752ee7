// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "followupd",
    platforms: [.macOS(.v14)],
    products: [],
    dependencies: [
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // The policy: domain, timeline, gate, planner. Pure: no I/O, no clock reads.
        .target(name: "FollowUpCore"),
        .testTarget(name: "FollowUpCoreTests", dependencies: ["FollowUpCore"]),

        // TOML -> typed, validated config; secrets resolved at use time.
        .target(name: "FollowUpConfig", dependencies: [
            "FollowUpCore",
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        .testTarget(name: "FollowUpConfigTests", dependencies: ["FollowUpConfig", "FollowUpCore"]),

        // SQLite: schema, migrations, the outbox's transactions.
        .target(name: "FollowUpStore", dependencies: [
            "FollowUpCore",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "FollowUpStoreTests", dependencies: ["FollowUpStore", "FollowUpCore"]),
    ]
)
