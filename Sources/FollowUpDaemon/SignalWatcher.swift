import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Turns SIGTERM, SIGINT and SIGHUP into calls on a queue, so the daemon can
/// finish the SMTP transaction in flight before it stops, and reload its
/// config between ticks rather than in the middle of one.
public final class SignalWatcher: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []

    public init(queue: DispatchQueue, onStop: @escaping @Sendable (Int32) -> Void, onReload: @escaping @Sendable () -> Void) {
        for sig in [SIGTERM, SIGINT, SIGHUP] {
            // The default action would kill the process before the handler runs.
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler {
                if sig == SIGHUP { onReload() } else { onStop(sig) }
            }
            source.resume()
            sources.append(source)
        }
    }

    deinit { sources.forEach { $0.cancel() } }
}
