import Foundation
import Testing
@testable import FollowUpDaemon

/// Between ticks the daemon hands back what it does not need resident.
@Suite struct IdleMemoryTests {
    /// kB of this process's memory, by /proc/self/status field.
    func status(_ field: String) throws -> Int {
        let text = try String(decoding: FileHandle(forReadingFrom: URL(fileURLWithPath: "/proc/self/status")).readToEnd() ?? Data(),
                              as: UTF8.self)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix(field + ":") })
        return try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
    }

    @Test func releasingPagesOutWhatIsReadFromFilesAndKeepsEverythingWorking() throws {
        let before = try status("RssFile")
        IdleMemory.release()
        let after = try status("RssFile")
        print("measured: file-backed resident memory \(before) kB before the release, \(after) kB after")
        #expect(after < before, "the program's and libraries' pages read from their files are paged out")
        // The code paged out comes back when it runs again.
        #expect(["a", "b"].joined(separator: "-") == "a-b")
        #expect(try status("RssFile") > 0)
    }
}
