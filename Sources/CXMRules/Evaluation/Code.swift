/// A compiled expression over slots: the checker's typed tree of an expression. With the
/// compiled tables (``CompiledTable``), rules (``CompiledRule``) and the plan that orders them
/// (``PlanStep``), it is the checked form of a rule base: lowered to a ``FlatProgram`` to run,
/// and read as it is by traces, explanations and analyses.
indirect enum Code: Sendable {
    case constant(Value)
    case slot(Int)
    case negate(Code)
    case not(Code)
    case arithmetic(BinaryOperator, Code, Code)
    case compare(BinaryOperator, Code, Code)
    case and(Code, Code)
    case or(Code, Code)
    /// `element in set` (sets or lists of options).
    case member(Code, Code)
    case conditional(Code, Code, Code)
    case call(Function, [Code])
    case setLiteral(type: OptionTypeID, [Code])
    /// The options of a type ranked by their scores (see ``Function/ranked``).
    case ranked(type: OptionTypeID, [Code])
    /// A condition shown as one line in a trace: the source text and the wrapped comparison.
    case atom(String, Code)
}

/// Built-in functions.
enum Function: String, Sendable, CaseIterable {
    case mean, min, max, sum, count
    /// The mean of the known arguments; unknown only when none is known.
    case meanKnown = "mean_known"
    /// Whether a value is known: never unknown itself.
    case known
    /// A scale value counted from the top: `n + 1 - position`.
    case reverse
    case union, intersection, difference
    /// The absolute value of a number.
    case abs
    /// `ranked(T, s1, …, sn)`: the options of T whose score is above 0, highest score first
    /// (ties in declaration order); one score per option, in declaration order.
    case ranked
    /// `spread(q)`: how far several respondents' answers to question `q` spread (see
    /// ``Combining``); 0 for one respondent. Always known.
    case spread
}
