#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// The places of `;` and `,` in a run of bytes (a CSV row, whose cells and the items of whose
/// multi-select cells they separate), one after another, found 64 bytes at a time (with SSE2
/// on x86-64, else eight in each word: SWAR).
struct SeparatorScan {
    private let base: UnsafeRawPointer
    /// Where the run ends (the place given out after its last separator), and up to where its
    /// buffer may be loaded.
    let end: Int
    private let readable: Int
    /// Where the 64 bytes being taken apart start, and a bit for each of them that is a
    /// separator not yet given out.
    private var chunk: Int
    private var found: UInt64 = 0

    private static let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    private static let semicolons = UInt64(UInt8(ascii: ";")) &* ByteScan.ones
    private static let commas = UInt64(UInt8(ascii: ",")) &* ByteScan.ones

    /// The separators in `start..<end` of `bytes` (not empty).
    init(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
        base = UnsafeRawPointer(bytes.baseAddress!)
        self.end = end
        readable = bytes.count
        chunk = start - 64
    }

    /// The place of the next `;` or `,`, or the run's end.
    @inline(__always)
    mutating func next() -> Int {
        while found == 0 {
            chunk &+= 64
            guard chunk < end else { return end }
            scan()
        }
        let place = chunk &+ found.trailingZeroBitCount
        found &= found &- 1
        return place
    }

    /// Takes the 64 bytes from `chunk` apart: loaded at once where the buffer holds them (the
    /// buffer's last 64 for the last chunk), their bits past the run's end left out; in a
    /// buffer shorter than that, a word at a time, a last word short of eight bytes loaded where
    /// the buffer allows.
    @inline(__always)
    private mutating func scan() {
        if chunk &+ 64 <= end {
            found = Self.separators(at: base + chunk)
        } else {
            scanLast()
        }
    }

    /// Takes the last 64 bytes apart, those that reach the run's end, as ``scan()`` says.
    @inline(never)
    private mutating func scanLast() {
        var found: UInt64 = 0
        if chunk + 64 <= readable {
            found = Self.separators(at: base + chunk)
        } else if readable >= 64 {
            found = Self.separators(at: base + readable - 64) >> UInt64(chunk - (readable - 64))
        } else {
            for lane in 0..<(end - chunk + 7) / 8 {
                let word = chunk + 8 * lane
                let count = end - word
                if count >= 8 {
                    Self.take(ByteScan.load(base, word), lanes: ~0, at: lane, found: &found)
                    continue
                }
                let lanes: UInt64 = (1 &<< UInt64(8 * count)) &- 1
                var value: UInt64
                if word + 8 <= readable {
                    value = ByteScan.load(base, word) & lanes
                } else if end >= 8 {
                    value = ByteScan.load(base, end - 8) >> UInt64(64 - 8 * count)
                } else {
                    value = 0
                    for index in (word..<end).reversed() { value = value << 8 | UInt64(base.load(fromByteOffset: index, as: UInt8.self)) }
                }
                Self.take(value, lanes: lanes, at: lane, found: &found)
            }
        }
        if chunk + 64 > end { found &= (1 &<< UInt64(end - chunk)) &- 1 }
        self.found = found
    }

    /// A bit for each of the 64 bytes at `bytes` that is a separator: with SSE2, which compares
    /// 16 bytes at once and gathers their high bits with one instruction, on x86-64; eight
    /// words of SWAR elsewhere.
    @inline(__always)
    private static func separators(at bytes: UnsafeRawPointer) -> UInt64 {
        var found: UInt64 = 0
        #if arch(x86_64)
        let (semicolons, commas) = (_mm_set1_epi8(Int8(UInt8(ascii: ";"))), _mm_set1_epi8(Int8(UInt8(ascii: ","))))
        for lane in 0..<4 {
            let value = bytes.loadUnaligned(fromByteOffset: 16 * lane, as: __m128i.self)
            let separators = _mm_or_si128(_mm_cmpeq_epi8(value, semicolons), _mm_cmpeq_epi8(value, commas))
            found |= UInt64(UInt16(truncatingIfNeeded: _mm_movemask_epi8(separators))) << UInt64(16 * lane)
        }
        #else
        for lane in 0..<8 {
            take(ByteScan.load(bytes, 8 * lane), lanes: ~0, at: lane, found: &found)
        }
        #endif
        return found
    }

    /// Adds the separators of the word `value`, the `lane`th of its chunk, to `found` (one bit a
    /// byte), counting only its bytes in `lanes`.
    ///
    /// A separator's lane is found exactly: a lane's low seven bits plus 0x7F carry into its high
    /// bit unless they are all 0, and no lane carries into the next. The high bits found are
    /// gathered into one byte by a multiplication that moves each to its own bit of the top
    /// byte, no two products meeting.
    @inline(__always)
    private static func take(_ value: UInt64, lanes: UInt64, at lane: Int, found: inout UInt64) {
        let (a, b) = (value ^ semicolons, value ^ commas)
        let separators = ~(((a & lows) &+ lows | a) & ((b & lows) &+ lows | b) | lows) & lanes
        found |= (((separators >> 7) &* 0x0102_0408_1020_4080) >> 56) << UInt64(8 * lane)
    }
}
