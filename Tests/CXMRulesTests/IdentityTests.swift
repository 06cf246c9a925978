@testable import CXMRules
import Testing

/// The typed identities cost nothing (each is laid out as the `Int` it wraps, so values that
/// hold one are as large as with a plain position), and each reads the entry it names.
@Suite struct IdentityTests {
    @Test func eachIdentityIsLaidOutAsAnInt() {
        for (size, stride, alignment) in [
            (MemoryLayout<SlotID>.size, MemoryLayout<SlotID>.stride, MemoryLayout<SlotID>.alignment),
            (MemoryLayout<RuleID>.size, MemoryLayout<RuleID>.stride, MemoryLayout<RuleID>.alignment),
            (MemoryLayout<TableID>.size, MemoryLayout<TableID>.stride, MemoryLayout<TableID>.alignment),
            (MemoryLayout<OptionTypeID>.size, MemoryLayout<OptionTypeID>.stride, MemoryLayout<OptionTypeID>.alignment),
        ] {
            #expect(size == MemoryLayout<Int>.size && stride == MemoryLayout<Int>.stride && alignment == MemoryLayout<Int>.alignment)
        }
    }

    /// `optionTypes[id]` and `values[slot]` read the entry at the id's position.
    @Test func anIdReadsTheEntryAtItsPosition() throws {
        let ruleBase = try #require(RuleBase.check(files: [SourceFile(path: "t.cxm", text: """
            source s "S."
            scale level: low < high
            enum kind: a, b
            question q: kind
              step 1
              ask "Q?"
              cite s "1"
            output o: level
            rule r
              when q == b
              set o = high
              cite s "2"
            """)]).ruleBase)
        let kind = try #require(ruleBase.optionType(named: "kind"))
        #expect(kind == OptionTypeID(1) && ruleBase.optionTypes[kind].options == ["a", "b"])
        #expect(ruleBase.optionType(named: "nosuch") == nil)
        let q = try #require(ruleBase.slot(named: "q"))
        #expect(ruleBase.values[q].name == "q" && ruleBase.values[q].type == .option(kind))
    }
}
