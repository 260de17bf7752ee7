import Foundation

/// What `scripts/mailstack.sh start DIR` leaves in DIR: the ports it chose,
/// its CA, the users' passwords and their Maildirs. The one reader of that
/// layout, for the transport tests' shared stack and the end-to-end suite's own.
public struct MailStackFiles: Sendable {
    public static let candidate = "candidate@example.test"
    public static let hr = "hr@employer.test"
    public static let recruiter = "recruiter@employer.test"
    public static let users = [candidate, hr, recruiter]

    public let dir: String
    public let ports: [String: Int]
    public let caFile: String
    private let passwords: [String: String]

    public init(dir: String) throws {
        let values = Self.pairs(try String(contentsOfFile: dir + "/stack.env", encoding: .utf8), separator: "=")
        self.dir = dir
        ports = values.compactMapValues(Int.init)
        caFile = values["CA_FILE"] ?? dir + "/tls/ca.pem"
        passwords = Self.pairs(try String(contentsOfFile: dir + "/passwords", encoding: .utf8), separator: " ")
    }

    public func port(_ name: String) -> Int { ports[name] ?? 0 }
    public func password(_ user: String) -> String { passwords[user] ?? "" }

    /// A port for a test's own listener (the script leaves base+10… free); each test uses its own offset.
    public func testPort(_ offset: Int) -> Int { port("TEST_PORT_BASE") + offset }

    /// The Maildir of `user`'s `folder` (nil: INBOX), as Dovecot and Postfix lay it out.
    public func maildir(_ user: String, _ folder: String? = nil) -> String {
        let parts = user.split(separator: "@").map(String.init)
        return "\(dir)/mail/\(parts[1])/\(parts[0])" + (folder.map { "/.\($0)" } ?? "")
    }

    /// How many messages the folder holds, counted as files (no IMAP session, no side effects).
    public func count(_ user: String, _ folder: String? = nil) -> Int {
        let base = maildir(user, folder)
        return ["new", "cur"].reduce(0) { sum, sub in
            sum + ((try? FileManager.default.contentsOfDirectory(atPath: base + "/" + sub))?.count ?? 0)
        }
    }

    /// Writes `messages` straight into the folder's Maildir, as a delivery
    /// agent would (tmp, then rename into new), owned by the user the stack's
    /// Dovecot runs as: thousands a second, where SMTP or APPEND manage
    /// hundreds. `receivedAt` becomes their IMAP INTERNALDATE (the file's
    /// time). Dovecot gives them UIDs, in order, at its next look.
    public func writeToMaildir(_ messages: some Sequence<[UInt8]>, user: String, folder: String? = nil,
                               receivedAt: Date? = nil) throws {
        var owner = stat()
        guard stat(dir + "/mail", &owner) == 0 else { throw MaildirWriteFailed(path: dir + "/mail") }
        let base = maildir(user, folder)
        try makeDirectories(base, owner: owner)
        let stamp = Int(Date().timeIntervalSince1970)
        let unique = UUID().uuidString.prefix(8)
        var times = [timeval](repeating: timeval(tv_sec: Int(receivedAt?.timeIntervalSince1970 ?? 0), tv_usec: 0), count: 2)
        for (i, message) in messages.enumerated() {
            let name = "\(stamp).M\(i)P\(getpid())_\(unique).followupd-test"
            let tmp = "\(base)/tmp/\(name)", new = "\(base)/new/\(name)"
            guard FileManager.default.createFile(atPath: tmp, contents: Data(message)),
                  chown(tmp, owner.st_uid, owner.st_gid) == 0,
                  receivedAt == nil || utimes(tmp, &times) == 0,
                  rename(tmp, new) == 0 else { throw MaildirWriteFailed(path: tmp) }
        }
    }

    /// The Maildir and the folders above it, owned as the stack's own are.
    private func makeDirectories(_ base: String, owner: stat) throws {
        var parents: [String] = []
        var path = (base as NSString).deletingLastPathComponent
        while path.count > dir.count + "/mail".count {
            parents.insert(path, at: 0)
            path = (path as NSString).deletingLastPathComponent
        }
        let wanted = parents + [base, base + "/tmp", base + "/new", base + "/cur"]
        for directory in wanted where !FileManager.default.fileExists(atPath: directory) {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: 0o700])
            guard chown(directory, owner.st_uid, owner.st_gid) == 0 else { throw MaildirWriteFailed(path: directory) }
        }
    }

    public struct MaildirWriteFailed: Error { public let path: String }

    private static func pairs(_ text: String, separator: Character) -> [String: String] {
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let kv = line.split(separator: separator, maxSplits: 1).map(String.init)
            if kv.count == 2 { values[kv[0]] = kv[1] }
        }
        return values
    }
}
