extension Assessment.Matrix {
    /// Where the as-is position lies (see ``placement(x:y:option:)``); `nil` when a number is
    /// unknown.
    var asIsPlacement: (quadrant: Int, across: Double, up: Double)? {
        guard let x = asIs.x, let y = asIs.y else { return nil }
        return placement(x: x, y: y, option: asIs.option)
    }

    /// Where a point lies: its quadrant (0 top left, 1 top right, 2 bottom left, 3 bottom right)
    /// and how far across (0 left to 1 right) and up (0 bottom to 1 top) that quadrant. A number
    /// on a split lies on the side of the quadrant the rules concluded for the point (`option`:
    /// the rules decide which side a boundary belongs to), or on the upper side when that is not
    /// known.
    func placement(x: Double, y: Double, option: String? = nil) -> (quadrant: Int, across: Double, up: Double) {
        let concluded = quadrant(of: option)
        let right = x == self.x.split ? concluded.map { $0 % 2 == 1 } ?? true : x > self.x.split
        let top = y == self.y.split ? concluded.map { $0 < 2 } ?? true : y > self.y.split
        let across = right ? share(x, self.x.split, self.x.high) : share(x, self.x.low, self.x.split)
        let up = top ? share(y, self.y.split, self.y.high) : share(y, self.y.low, self.y.split)
        return ((top ? 0 : 2) + (right ? 1 : 0), across, up)
    }

    /// The quadrant (as in ``placement(x:y:)``) of an option, if it has one.
    func quadrant(of option: String?) -> Int? {
        guard let option else { return nil }
        return quadrants.firstIndex { $0.option == option }
    }

    private func share(_ value: Double, _ low: Double, _ high: Double) -> Double {
        high > low ? max(0, min(1, (value - low) / (high - low))) : 0
    }
}
