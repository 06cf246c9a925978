/// The declarations a stage's checking referred to: each stage returns the names it resolved,
/// and the usage stage derives from them what is never used.
///
/// A name that failed to check still counts, so that one mistake does not also make the names
/// after it "never used". The declaration a misspelt name is suggested for does not: the
/// misspelling does not use it, and were it the only mention, the warning says so.
struct References {
    var slots: Set<Int> = []
    var types: Set<OptionTypeID> = []
    var sources: Set<String> = []

    mutating func formUnion(_ other: References) {
        slots.formUnion(other.slots)
        types.formUnion(other.types)
        sources.formUnion(other.sources)
    }
}
