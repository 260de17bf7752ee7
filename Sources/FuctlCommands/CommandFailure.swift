/// A command could not do what it was asked; the message says why (exit 1).
struct CommandFailure: Error, CustomStringConvertible {
    enum Code: String {
        /// No application or draft with the id given.
        case notFound = "not-found"
        /// The record is in a state that does not allow it (sent, closed…).
        case refused
        /// The editor could not be run, or left something that is not a draft.
        case edit
    }

    var code: Code
    var description: String

    init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }
}
