// swift-tools-version:6.0
import Foundation
import PackageDescription

let package = Package(
    name: "followupd",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "followupd", targets: ["followupd"]),
        .executable(name: "fuctl", targets: ["fuctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // What tests share: the one rule for absent corpora, binaries and stacks;
        // the seeded generator; running a program. Linked into test targets only.
        .target(name: "TestSupport", path: "Tests/Support"),

        // Test builds only: stop the process at the N-th moment of the send path.
        .target(name: "CrashPoint"),

        // Calendar days as integers: the one day arithmetic. Pure.
        .target(name: "CivilCalendar"),

        // The policy: domain, timeline, gate, planner. Pure: no I/O, no clock reads.
        .target(name: "FollowUpCore", dependencies: ["CivilCalendar"]),
        // Holidays/expected.tsv: python-holidays' dates, read by the test from its own path.
        .testTarget(name: "FollowUpCoreTests", dependencies: ["TestSupport", "FollowUpCore"], exclude: ["Holidays"]),

        // Reply understanding: which application a message belongs to and what it means. Pure.
        .target(name: "FollowUpReplies", dependencies: ["FollowUpCore", "MailMessage"]),
        .testTarget(name: "FollowUpRepliesTests", dependencies: ["TestSupport", "FollowUpReplies", "FollowUpCore", "MailMessage"]),

        // Drafts: Mustache templates -> subject and body; the lint of "What a draft must be".
        // Pure, except TemplateLoader, which reads the user's template files.
        .target(
            name: "FollowUpDrafts",
            dependencies: ["FollowUpCore", .product(name: "Mustache", package: "swift-mustache")]
        ),
        .testTarget(name: "FollowUpDraftsTests", dependencies: ["TestSupport", "FollowUpDrafts", "FollowUpCore"]),

        // Hunspell (Debian libhunspell-dev + hunspell-en-us) behind FollowUpDrafts' Speller.
        .systemLibrary(
            name: "CHunspell",
            pkgConfig: "hunspell",
            providers: [.apt(["libhunspell-dev", "hunspell-en-us"])]
        ),
        .target(name: "Spelling", dependencies: ["CHunspell", "FollowUpDrafts"]),
        .testTarget(name: "SpellingTests", dependencies: ["TestSupport", "Spelling", "FollowUpDrafts", "FollowUpCore"]),

        // RFC 5322 / MIME: build outgoing messages as exact bytes, parse real-world mail. Pure.
        .target(name: "MailMessage", dependencies: ["CivilCalendar"]),
        .testTarget(name: "MailMessageTests", dependencies: ["TestSupport", "MailMessage"]),

        // The inbox's bytes -> reply verdicts, in two stages (headers, then text). Pure.
        .target(name: "InboxReading", dependencies: ["MailMessage", "FollowUpReplies", "FollowUpCore", "FollowUpConfig"]),
        .testTarget(name: "InboxReadingTests", dependencies: ["TestSupport", "InboxReading", "MailMessage", "FollowUpReplies", "FollowUpCore"]),

        // TOML -> typed, validated config; secrets resolved at use time.
        .target(name: "FollowUpConfig", dependencies: [
            "FollowUpCore",
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        .testTarget(name: "FollowUpConfigTests", dependencies: ["TestSupport", "FollowUpConfig", "FollowUpCore"]),

        // SQLite: schema, migrations, the outbox's transactions.
        .target(name: "FollowUpStore", dependencies: [
            "FollowUpCore", "CrashPoint",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "FollowUpStoreTests", dependencies: [
            "TestSupport", "FollowUpStore", "FollowUpCore", .product(name: "GRDB", package: "GRDB.swift"),
        ]),

        // What fuctl and followupd share: config + store + draft writer.
        .target(name: "FollowUpWorkspace", dependencies: [
            "FollowUpCore", "FollowUpConfig", "FollowUpStore", "FollowUpDrafts", "Spelling", "MailMessage",
        ]),

        // fuctl's subcommands, one file each; a library so tests run them with a temp store and captured output.
        .target(name: "FuctlCommands", dependencies: [
            "FollowUpWorkspace", "FollowUpCore", "FollowUpConfig", "FollowUpStore", "FollowUpDrafts",
            "FollowUpReplies", "InboxReading", "MailMessage",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // The user's command line: thin entry point.
        .executableTarget(name: "fuctl", dependencies: ["FuctlCommands"]),
        .testTarget(name: "FuctlTests", dependencies: ["TestSupport",
            "FuctlCommands", "FollowUpWorkspace", "FollowUpCore", "FollowUpStore", "FollowUpDrafts",
        ]),

        // The system libcurl, with typed wrappers for its variadic setopt/getinfo.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // IMAP and SMTP over libcurl; the IMAP response parser. Raw bytes in and out.
        .target(name: "MailTransport", dependencies: ["CCurl", "CrashPoint"]),
        .testTarget(name: "MailTransportTests", dependencies: ["TestSupport", "MailTransport", "CCurl", "MailMessage"]),

        // glibc's malloc_trim, for the idle daemon.
        .systemLibrary(name: "CMalloc"),
        // The daemon's moving parts: one tick, timer, signals, systemd, logging.
        .target(name: "FollowUpDaemon", dependencies: [
            "FollowUpCore", "FollowUpConfig", "FollowUpWorkspace", "FollowUpReplies", "FollowUpStore", "InboxReading",
            "MailMessage", "MailTransport", "CMalloc",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "followupd", dependencies: [
            "FollowUpDaemon", "FollowUpWorkspace", "FollowUpConfig", "FollowUpDrafts", "FollowUpStore",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "FollowUpDaemonTests", dependencies: ["TestSupport",
            "FollowUpDaemon", "FollowUpConfig", "FollowUpCore", "FollowUpDrafts", "FollowUpStore", "FollowUpWorkspace",
            "MailTransport", .product(name: "Logging", package: "swift-log"),
        ]),

        // scripts/bench.sh's databases, made through the store's own API. Not shipped.
        .executableTarget(name: "followupd-bench-seed", dependencies: ["FollowUpStore", "FollowUpCore"], path: "Bench/BenchSeed"),

        // The whole product from outside: both binaries as processes, a real Dovecot and
        // Postfix (scripts/mailstack.sh), the clock moved with faketime. No fakes.
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "MailMessage", "MailTransport"]),
    ]
)

// libFuzzer targets, built only by scripts/fuzz.sh (FOLLOWUPD_FUZZ=1 with
// -sanitize=fuzzer,address): each main hands libFuzzer's driver its target.
if ProcessInfo.processInfo.environment["FOLLOWUPD_FUZZ"] != nil {
    let fuzzed: [(String, [Target.Dependency])] = [
        ("FuzzMIME", ["MailMessage"]),
        ("FuzzIMAP", ["MailTransport"]),
        ("FuzzConfig", ["FollowUpConfig"]),
        ("FuzzReplies", ["InboxReading", "FollowUpReplies", "FollowUpCore"]),
    ]
    package.targets.append(.target(name: "FuzzDriver", path: "Fuzz/FuzzDriver"))
    for (name, dependencies) in fuzzed {
        package.targets.append(.executableTarget(name: name, dependencies: dependencies + ["FuzzDriver"], path: "Fuzz/\(name)"))
    }
}
