/// Text with `{placeholders}` resolved to slots.
struct Template: Sendable {
    enum Piece: Sendable {
        case literal(String)
        case slot(Int)
    }

    var pieces: [Piece]
}

struct CompiledRecommendation: Sendable {
    var step: Int
    var priority: Priority
    var text: Template
    /// For the first actions: the rank (1 first), the action and its reason in a line each.
    var rank: Int?
    var short: Template?
    var why: Template?
}

struct CompiledRule: Sendable {
    var condition: Code?
    var assignments: [(slot: Int, value: Code)]
    var recommendations: [CompiledRecommendation]
    var warnings: [Template]
    var because: Template?
}
