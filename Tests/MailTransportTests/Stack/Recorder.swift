import Foundation
import MailTransport

/// The fault proxy recording every byte the client sends: with `--tls-cert` it
/// terminates the client's TLS, so the record is what the client said inside it.
final class Recorder {
    private let file = NSTemporaryDirectory() + "client-\(UUID().uuidString)"
    private let proxy: Helper

    init(port: Int, target: Int, extra: [String] = []) throws {
        proxy = try Helper.proxy(port: port, target: target, extra: ["--record", file] + extra)
    }

    /// What the client sent so far (bytes as Latin-1, so nothing is lost).
    var clientBytes: String { (try? String(contentsOfFile: file, encoding: .isoLatin1)) ?? "" }

    /// The client's lines, without their CRLF.
    var clientLines: [String] { clientBytes.components(separatedBy: "\r\n") }

    func stop() {
        proxy.stop()
        try? FileManager.default.removeItem(atPath: file)
    }

    deinit { stop() }
}

extension MailStack {
    /// The proxy arguments that make it terminate TLS with one of the stack's
    /// certificates ("leaf" for localhost, "wronghost" for another name).
    func tlsTermination(_ certificate: String = "leaf") -> [String] {
        ["--tls-cert", "\(files.dir)/tls/\(certificate).pem", "--tls-key", "\(files.dir)/tls/\(certificate).key"]
    }

    /// The SASL PLAIN blob for this user's real password: never on the wire in clear.
    func plainBlob(_ user: String) -> String {
        Data("\u{0}\(user)\u{0}\(password(user))".utf8).base64EncodedString()
    }

    /// An IMAP client for `user` whose every byte passes the fault proxy on
    /// test port `offset`, which sees the plain text between two TLS legs.
    func imapThroughProxy(offset: Int, fault: String, user: String,
                          timeouts: TransportTimeouts = TransportTimeouts(connect: 5, stall: 5, total: 20)) throws -> (Helper, IMAPClient) {
        let port = testPort(offset)
        let proxy = try Helper.proxy(port: port, target: files.port("IMAPS_PORT"), fault: fault,
                                     extra: tlsTermination() + ["--target-tls"])
        let server = MailServer(host: "localhost", port: port, security: .implicitTLS, caFile: files.caFile, timeouts: timeouts)
        return (proxy, try IMAPClient(server: server, credentials: login(user)))
    }
}
