/// Interval arithmetic, for the ranges numbers can take (used by table gap analysis).
enum Interval {
    static func apply(_ op: BinaryOperator, _ a: ClosedRange<Double>, _ b: ClosedRange<Double>) -> ClosedRange<Double>? {
        let products: [Double]
        switch op {
        case .add: return (a.lowerBound + b.lowerBound)...(a.upperBound + b.upperBound)
        case .subtract: return (a.lowerBound - b.upperBound)...(a.upperBound - b.lowerBound)
        case .multiply:
            products = [a.lowerBound * b.lowerBound, a.lowerBound * b.upperBound, a.upperBound * b.lowerBound, a.upperBound * b.upperBound]
        case .divide:
            if b.contains(0) { return nil }
            products = [a.lowerBound / b.lowerBound, a.lowerBound / b.upperBound, a.upperBound / b.lowerBound, a.upperBound / b.upperBound]
        default: return nil
        }
        guard let low = products.min(), let high = products.max(), !low.isNaN, !high.isNaN else { return nil }
        return low...high
    }

    static func aggregate(_ function: Function, _ ranges: [ClosedRange<Double>]) -> ClosedRange<Double>? {
        let lows = ranges.map(\.lowerBound)
        let highs = ranges.map(\.upperBound)
        switch function {
        case .mean, .meanKnown: return lows.min()!...highs.max()!
        case .min: return lows.min()!...highs.min()!
        case .max: return lows.max()!...highs.max()!
        case .sum: return lows.reduce(0, +)...highs.reduce(0, +)
        default: return nil
        }
    }
}
