import FollowUpCore
import FollowUpDrafts
import FollowUpWorkspace

extension Workspace {
    /// The linter's problems with the draft's text as it is now, so an edit
    /// shows (and approval checks) fresh problems rather than stored ones.
    func currentProblems(of draft: Draft) throws -> [LintProblem] {
        let history = try store.existingHistory(draft.applicationID)
        return writer.lint(draft, history: history)
    }
}

extension Console {
    /// One problem a line, indented under what they belong to.
    func printProblems(_ problems: [LintProblem]) {
        for problem in problems { print(problem.listed) }
    }
}

extension LintProblem {
    /// Indented, and saying when it may be overridden.
    var listed: String {
        "  \(self)" + (kind.isOverridable ? " (may be overridden with --override-spelling)" : "")
    }
}
