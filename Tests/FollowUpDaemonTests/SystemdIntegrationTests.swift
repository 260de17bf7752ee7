import Foundation
import Testing
import Logging
@testable import FollowUpDaemon
#if canImport(Glibc)
import Glibc
#endif

@Suite struct SystemdNotifierTests {
    /// Binds a datagram socket like systemd's and returns what the notifier sent.
    private func receive(_ body: (SystemdNotifier) -> Void) throws -> [String] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("notify-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        #expect(fd >= 0)
        defer { close(fd); unlink(path) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in path.utf8.enumerated() { raw[i] = b }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0)
        body(SystemdNotifier(environment: ["NOTIFY_SOCKET": path, "WATCHDOG_USEC": "2000000"]))
        var messages: [String] = []
        var buffer = [UInt8](repeating: 0, count: 512)
        while true {
            let n = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            if n <= 0 { break }
            messages.append(String(decoding: buffer[0..<n], as: UTF8.self))
        }
        return messages
    }

    @Test func sendsReadyStatusAndWatchdogToTheNotifySocket() throws {
        let messages = try receive { notifier in
            #expect(notifier.watchdogInterval == 1)
            notifier.ready(status: "checking every 5m")
            notifier.watchdog()
        }
        #expect(messages == ["READY=1\nSTATUS=checking every 5m", "WATCHDOG=1"])
    }

    @Test func isSilentOutsideSystemd() {
        let notifier = SystemdNotifier(environment: [:])
        #expect(!notifier.isActive)
        #expect(notifier.watchdogInterval == nil)
        notifier.ready(status: "nobody listens")
    }
}

@Suite struct JournalLogHandlerTests {
    final class Lines: @unchecked Sendable {
        var items: [String] = []
        let lock = NSLock()
        func add(_ s: String) { lock.withLock { items.append(s) } }
    }

    @Test func underJournaldLinesCarryAPriorityAndNoTimestamp() {
        let lines = Lines()
        let logger = Logger(label: "t") { JournalLogHandler(label: $0, level: .info, underJournal: true, sink: lines.add) }
        logger.error("inbox check failed", metadata: ["server": "imap.example.com"])
        logger.info("tick done")
        logger.debug("not shown at info")
        #expect(lines.items == ["<3>inbox check failed server=imap.example.com", "<6>tick done"])
    }

    @Test func journaldIsRecognisedOnlyWhenStderrIsItsStream() {
        var st = stat()
        #expect(fstat(2, &st) == 0)
        #expect(JournalLogHandler.stderrIsJournal("\(st.st_dev):\(st.st_ino)"))
        #expect(!JournalLogHandler.stderrIsJournal("\(st.st_dev):\(st.st_ino &+ 1)"))
        #expect(!JournalLogHandler.stderrIsJournal(nil))
        #expect(!JournalLogHandler.stderrIsJournal("garbage"))
    }

    @Test func aNewlineInAMessageCannotForgeASecondRecord() {
        let lines = Lines()
        let logger = Logger(label: "t") { JournalLogHandler(label: $0, level: .info, underJournal: true, sink: lines.add) }
        logger.warning("subject: Hello\n<2>forged")
        #expect(lines.items == ["<4>subject: Hello\\n<2>forged"])
    }
}
