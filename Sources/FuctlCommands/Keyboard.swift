import Foundation

/// One key at a time from the terminal, without Enter: the terminal is put
/// in non-canonical, no-echo mode while the reader lives, and put back as
/// it was when it goes (a quit, an error or an interrupt that unwinds).
final class Keyboard {
    private let fd: Int32
    private var saved = termios()

    /// The terminal on stdin, or nil when stdin is not one (a pipe, a file, cron).
    static func terminal() -> Keyboard? {
        isatty(STDIN_FILENO) == 1 ? Keyboard(fd: STDIN_FILENO) : nil
    }

    private init?(fd: Int32) {
        self.fd = fd
        guard tcgetattr(fd, &saved) == 0 else { return nil }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        guard tcsetattr(fd, TCSANOW, &raw) == 0 else { return nil }
    }

    deinit { restore() }

    /// Puts the terminal back, before an editor takes it, and for good at the end.
    func restore() { _ = tcsetattr(fd, TCSANOW, &saved) }

    /// Back to one key at a time, after the editor.
    func resume() {
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        _ = tcsetattr(fd, TCSANOW, &raw)
    }

    /// The next key, lower-cased; nil at the end of input.
    func next() -> Character? {
        var byte: UInt8 = 0
        while true {
            let n = read(fd, &byte, 1)
            if n == 1 { return Character(Unicode.Scalar(byte)).lowercased().first }
            if n < 0 && errno == EINTR { continue }
            return nil
        }
    }
}
