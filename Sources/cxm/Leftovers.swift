/// What a command still holds when it is done (the loaded rule base, a report), left for the
/// end of the process to reclaim at once instead of being freed object by object, as
/// `clang -disable-free` does: freeing them would be most of the work of a short command's
/// last moments. Only the command line does this, for what lives until cxm ends; the libraries
/// free everything they hold, as long-lived use needs.
enum Leftovers {
    /// Keeps `value` (and all it refers to) alive until cxm ends.
    static func keep<Value>(_ value: Value) {
        _ = Unmanaged.passRetained(Held(value))
    }

    private final class Held<Value> {
        let value: Value
        init(_ value: Value) { self.value = value }
    }
}
