import Foundation
@testable import MailTransport
import Testing

/// TLS refused, login refused, a server that hangs up or never answers.
@Suite("IMAP failures against Dovecot")
struct IMAPFailureTests {
    private func category(_ body: () throws -> Void) -> TransportError.Category? {
        do {
            try body()
            return nil
        } catch let error as TransportError {
            #expect(!error.description.isEmpty)
            return error.category
        } catch {
            return nil
        }
    }

    private let week = Date(timeIntervalSinceNow: -7 * 86400)

    /// Runs a check through a recording proxy; returns the error and the bytes the client sent.
    private func checkThroughRecorder(_ stack: MailStack, target: Int, offset: Int, security: MailServer.Security,
                                      caFile: String?) throws -> (TransportError.Category?, String) {
        let record = NSTemporaryDirectory() + "client-\(UUID().uuidString)"
        let port = stack.testPort(offset)
        let proxy = try Helper.proxy(port: port, target: target, extra: ["--record", record])
        defer { proxy.stop() }
        let server = MailServer(host: "localhost", port: port, security: security, caFile: caFile,
                                timeouts: TransportTimeouts(connect: 5, stall: 5, total: 20))
        let failure = category {
            _ = try IMAPClient(server: server, credentials: stack.login(MailStack.candidate)).check(MailboxCursor(), rescanSince: week, headerFields: MailStack.headerFields)
        }
        let sent = (try? String(contentsOfFile: record, encoding: .isoLatin1)) ?? ""
        try? FileManager.default.removeItem(atPath: record)
        return (failure, sent)
    }

    @Test func aCertificateFromAnUnknownCAIsRefusedBeforeLogin() throws {
        guard let stack = try MailStack.required() else { return }
        let (failure, sent) = try checkThroughRecorder(stack, target: stack.ports["IMAPS_PORT"]!, offset: 0,
                                                       security: .implicitTLS, caFile: nil)
        #expect(failure == .tls)
        #expect(!sent.contains(stack.password(MailStack.candidate)))
    }

    @Test func aCertificateForAnotherHostNameIsRefused() throws {
        guard let stack = try MailStack.required() else { return }
        let (failure, sent) = try checkThroughRecorder(stack, target: stack.ports["IMAPS_WRONGHOST_PORT"]!, offset: 1,
                                                       security: .implicitTLS, caFile: stack.caFile)
        #expect(failure == .tls)
        #expect(!sent.contains(stack.password(MailStack.candidate)))
    }

    @Test func aServerWithoutSTARTTLSNeverSeesTheCredentials() throws {
        guard let stack = try MailStack.required() else { return }
        let (failure, sent) = try checkThroughRecorder(stack, target: stack.ports["IMAP_NOTLS_PORT"]!, offset: 2,
                                                       security: .startTLS, caFile: stack.caFile)
        #expect(failure == .tls)
        #expect(sent.contains("CAPABILITY"), "the recorder saw the client")
        #expect(!sent.contains("AUTHENTICATE") && !sent.contains("LOGIN"))
        let plain = Data("\u{0}\(MailStack.candidate)\u{0}\(stack.password(MailStack.candidate))".utf8).base64EncodedString()
        #expect(!sent.contains(stack.password(MailStack.candidate)) && !sent.contains(plain))
    }

    @Test func STARTTLSOnTheRealServerWorks() throws {
        guard let stack = try MailStack.required() else { return }
        let imap = try IMAPClient(server: stack.server("IMAP_PORT", .startTLS), credentials: stack.login(MailStack.candidate))
        #expect(try imap.check(MailboxCursor(), rescanSince: week, headerFields: MailStack.headerFields).cursor.uidValidity != nil)
    }

    @Test func aWrongPasswordIsAnAuthenticationErrorWithoutThePassword() throws {
        guard let stack = try MailStack.required() else { return }
        let server = stack.server("IMAPS_PORT", .implicitTLS, interface: MailStack.freshLoopbackAddress())
        let wrong = "wrong-\(UUID().uuidString)"
        do {
            _ = try IMAPClient(server: server, credentials: .password(user: MailStack.candidate, password: wrong))
                .check(MailboxCursor(), rescanSince: week, headerFields: MailStack.headerFields)
            Issue.record("login with a wrong password succeeded")
        } catch let error as TransportError {
            #expect(error.category == .authentication)
            #expect(!error.description.contains(wrong))
        }
    }

    /// The proxy speaks TLS to the client and plain IMAP to Dovecot, so it
    /// can see the FETCH response and hang up in the middle of it.
    private func proxyClosingMidFetch(_ stack: MailStack, offset: Int, connections: Int) throws -> (Helper, IMAPClient) {
        let port = stack.testPort(offset)
        let proxy = try Helper.proxy(port: port, target: stack.ports["IMAP_PORT"]!, fault: "close-on:FETCH (",
                                     extra: ["--tls-cert", stack.dir + "/tls/leaf.pem", "--tls-key", stack.dir + "/tls/leaf.key",
                                             "--faulty", "\(connections)"])
        return (proxy, try IMAPClient(server: stack.imaps.with(port: port), credentials: stack.login(MailStack.candidate)))
    }

    private func delivered(_ stack: MailStack) throws -> String {
        let messageID = "<\(UUID().uuidString)@example.test>"
        let message = rawMessage(from: MailStack.recruiter, to: MailStack.candidate, subject: "Next steps", messageID: messageID)
        #expect(try stack.smtp(MailStack.recruiter).send(message, from: MailStack.recruiter, to: [MailStack.candidate]) == .delivered)
        _ = try waitForDelivery(stack, user: MailStack.candidate, messageID: messageID)
        return messageID
    }

    @Test func aConnectionClosedOnceMidFetchIsReadAgainOnANewOne() throws {
        guard let stack = try MailStack.required() else { return }
        let messageID = try delivered(stack)
        let (proxy, imap) = try proxyClosingMidFetch(stack, offset: 3, connections: 1)
        defer { proxy.stop() }
        let checked = try imap.check(MailboxCursor(), rescanSince: week, headerFields: MailStack.headerFields)
        #expect(checked.messages.contains { headerValue("Message-ID", in: $0.header) == messageID })
    }

    @Test func aServerThatAlwaysClosesMidFetchFailsTheCheckAndTheNextCheckWorks() throws {
        guard let stack = try MailStack.required() else { return }
        let messageID = try delivered(stack)
        let (proxy, imap) = try proxyClosingMidFetch(stack, offset: 8, connections: 1 + IMAPClient.fetchRecoveries)
        defer { proxy.stop() }
        let failure = category { _ = try imap.check(MailboxCursor(), rescanSince: week, headerFields: MailStack.headerFields) }
        #expect(failure == .connection)
        let recovered = try imap.check(MailboxCursor(), rescanSince: week, headerFields: MailStack.headerFields)
        #expect(recovered.messages.contains { headerValue("Message-ID", in: $0.header) == messageID })
    }

    @Test func aServerSilentAfterTheLoginGivesUpAtTheStallLimitNotTheTotal() throws {
        guard let stack = try MailStack.required() else { return }
        let (proxy, imap) = try stack.imapThroughProxy(offset: 9, fault: "hold-on:[READ-ONLY]", user: MailStack.candidate,
                                                       timeouts: TransportTimeouts(connect: 2, stall: 2, total: 30))
        defer { proxy.stop() }
        let began = Date()
        let failure = category { _ = try imap.check(MailboxCursor(), rescanSince: week, headerFields: MailStack.headerFields) }
        let waited = Date().timeIntervalSince(began)
        #expect(failure == .timeout)
        #expect(waited < 8, "EXAMINE never answered: gave up after \(waited) s with a stall limit of 2 s")
    }

    @Test func aServerThatNeverAnswersFailsWithinTheStallTimeoutAndTheNextCheckWorks() throws {
        guard let stack = try MailStack.required() else { return }
        let port = stack.testPort(4)
        let proxy = try Helper.proxy(port: port, target: stack.ports["IMAPS_PORT"]!, fault: "stall")
        defer { proxy.stop() }
        let timeouts = TransportTimeouts(connect: 2, stall: 2, total: 10)
        let imap = try IMAPClient(server: stack.server("IMAPS_PORT", .implicitTLS, timeouts: timeouts).with(port: port),
                                  credentials: stack.login(MailStack.candidate))
        let began = Date()
        let failure = category { _ = try imap.check(MailboxCursor(), rescanSince: week, headerFields: MailStack.headerFields) }
        let waited = Date().timeIntervalSince(began)
        #expect(failure == .timeout)
        #expect(waited < 5, "gave up after \(waited) s")
        #expect(try imap.check(MailboxCursor(), rescanSince: week, headerFields: MailStack.headerFields).cursor.uidValidity != nil)
    }
}

extension MailServer {
    func with(port: Int) -> MailServer {
        var copy = self
        copy.port = port
        return copy
    }
}
