import CMalloc
import Foundation

/// Between ticks the daemon only waits: what a tick touched need not stay
/// resident. The heap's free pages go back to the system (`malloc_trim`),
/// and the pages of the program and its libraries read from their files
/// (code, constant data, data never written) are paged out (`MADV_PAGEOUT`,
/// Linux 5.4): the next tick reads them back. A page written to is kept (no
/// swap) or swapped like any other; none is mapped by another process. This
/// changes nothing but what an idle daemon holds.
enum IdleMemory {
    static func release() {
        malloc_trim(0)
        for line in mappings().split(separator: "\n") {
            // "7f12…-7f13… r-xp 00000000 fe:01 1234   /usr/lib/…/libFoundation.so"
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, fields[5].hasPrefix("/"), let range = Self.range(fields[0]) else { continue }
            _ = madvise(UnsafeMutableRawPointer(bitPattern: range.lowerBound), Int(range.upperBound - range.lowerBound), MADV_PAGEOUT)
        }
    }

    /// /proc/self/maps, read to its end (its size says 0, so a read by size gets nothing).
    private static func mappings() -> String {
        let fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(fd, &buffer, buffer.count)
            guard n > 0 else { break }
            bytes += buffer[..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func range(_ text: Substring) -> Range<UInt>? {
        let ends = text.split(separator: "-")
        guard ends.count == 2, let low = UInt(ends[0], radix: 16), let high = UInt(ends[1], radix: 16), low < high else { return nil }
        return low..<high
    }
}
