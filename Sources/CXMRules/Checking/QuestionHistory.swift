/// How the questions of a rule base changed across its versions, as the checker resolved
/// `version`, `since` and `formerly`: what reading profiles, CSV files and `cxm ask` scripts of
/// earlier versions needs.
struct QuestionHistory: Sendable {
    /// One question's history.
    struct Entry: Sendable {
        /// The version since which the question is asked as declared (1 where not said).
        var since = 1
        /// Whether scripts of versions before `since` asked it (it had a former id, or an
        /// `earlier when`).
        var askedEarlier = false
        /// The condition under which earlier versions asked it (`earlier when`); `nil`: its `when`.
        var earlierCondition: Code?
        /// Its former ids, each with how that id's answers map onto options (positions).
        var formerNames: [String] = []
        var formerAnswers: [String: [FormerValue: Int]] = [:]
    }

    /// The rule base's version (`version N`; 1 where not declared).
    var version = 1
    /// By question slot.
    var entries: [Entry] = []
    /// The question slot of each former id.
    var formerSlots: [String: Int] = [:]
}
