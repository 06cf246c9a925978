/// Scans bytes eight at a time (SWAR: each byte of a 64-bit word a lane), for the fast paths.
enum ByteScan {
    /// A 1 in every lane: times a byte, that byte in every lane.
    static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes at `offset`, little-endian: the first byte in the lowest lane.
    @inline(__always)
    static func load(_ raw: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// The first index in `start..<end` that holds `byte` or `other`, or `end`, flagging in
    /// `unprintable` each byte scanned on the way that is not printable ASCII; the bytes up to
    /// `readable` (at least `end`) may be loaded, so that a short run is scanned a word at a time
    /// rather than byte by byte.
    @inline(__always)
    static func first(_ byte: UInt8, or other: UInt8, in base: UnsafePointer<UInt8>, from start: Int, to end: Int, readable: Int,
                      unprintable: inout UInt64) -> Int {
        let (pattern, otherPattern) = (UInt64(byte) &* ones, UInt64(other) &* ones)
        let raw = UnsafeRawPointer(base)
        var index = start
        while index < end, index + 8 <= readable {
            let word = load(raw, index)
            unprintable |= unprintableLanes(word)
            // A lane that was `byte` (or `other`) is now 0: the lowest such lane is the lowest
            // flagged one (a lane above a 0 may be flagged too, by the borrow).
            let (this, that) = (word ^ pattern, word ^ otherPattern)
            let found = ((this &- ones) & ~this | (that &- ones) & ~that) & highs
            if found != 0 { return min(index + found.trailingZeroBitCount / 8, end) }
            index += 8
        }
        while index < end, base[index] != byte, base[index] != other {
            if base[index] < 0x20 || base[index] >= 0x7F { unprintable |= highs }
            index += 1
        }
        return min(index, end)
    }

    /// The high bits of the lanes of `word` that are not printable ASCII: a lane at 0x80 or
    /// above has its high bit; under 0x20, its high bit after the subtraction; 0x7F, after the
    /// addition. With no such lane nothing carries or borrows between lanes, so no lane is
    /// flagged; with one, at least it is.
    @inline(__always)
    private static func unprintableLanes(_ word: UInt64) -> UInt64 {
        (word | (word &- 0x20 &* ones) | (word &+ ones)) & highs
    }

    /// Whether every byte is ASCII (under 0x80), checked a word at a time.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        noneFlagged(bytes, lanes: { $0 }, byte: { $0 >= 0x80 })
    }

    /// Whether every byte is printable ASCII (0x20 to 0x7E): no control character, no DEL, no
    /// byte of a longer UTF-8 sequence.
    static func isPrintableASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        noneFlagged(bytes, lanes: unprintableLanes, byte: { $0 < 0x20 || $0 >= 0x7F })
    }

    /// Whether no byte is flagged: a word at a time by `lanes` (whose high bits flag lanes), and
    /// the bytes after the last whole word one at a time by `byte`.
    @inline(__always)
    private static func noneFlagged(_ bytes: UnsafeBufferPointer<UInt8>, lanes: (UInt64) -> UInt64, byte: (UInt8) -> Bool) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var index = 0
        var flagged: UInt64 = 0
        while index + 8 <= bytes.count {
            flagged |= lanes(load(raw, index))
            index += 8
        }
        while index < bytes.count {
            if byte(bytes[index]) { return false }
            index += 1
        }
        return flagged & highs == 0
    }
}
