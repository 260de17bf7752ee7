import FollowUpCore

/// Why the store refused an operation. A struct, so new codes don't break callers.
public struct StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Code: Equatable, Sendable {
        /// No row with that id.
        case notFound
        /// The draft is not in a state the operation may leave from.
        case invalidTransition
        /// The database file or its directory could not be prepared.
        case fileSystem
        /// Another process changed the draft since it was read.
        case changedMeanwhile
        /// The database cannot be used as it is (damaged, emptied, foreign, a
        /// symbolic link): a person must look. followupd exits 78 on it, so
        /// systemd does not restart it in a loop.
        case unusable
        /// A newer followupd (or fuctl) migrated the database past what this
        /// one knows: it would ignore facts it cannot see (a cancelled
        /// interview, a corrected address), so it must stop.
        case superseded
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    static func notFound(_ what: String, _ id: Int64) -> StoreError {
        StoreError(.notFound, "no \(what) with id \(id)")
    }

    static func invalidTransition(_ id: DraftID, from state: DraftState, action: String) -> StoreError {
        StoreError(.invalidTransition, "draft \(id) is \(state.rawValue): cannot \(action) it")
    }
}
