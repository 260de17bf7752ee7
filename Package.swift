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
        // The system libcurl, with typed wrappers for its variadic setopt/getinfo.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // IMAP and SMTP over libcurl; the IMAP response parser. Raw bytes in and out.
        .target(name: "MailTransport", dependencies: ["CCurl"]),
        .testTarget(name: "MailTransportTests", dependencies: ["MailTransport", "CCurl"]),
    ]
)
