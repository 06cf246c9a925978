// What the fuzz targets of CXMAdvisor (batch, replies, writers) share, with the generated file
// that defines `fuzzBundledRuleFiles` (Fuzz/run embeds rules/*.cxm).

/// What the EmbedRules plugin generates for CXMAdvisor in a SwiftPM build: the bundled rule
/// files by file name, here from the rules that Fuzz/run embeds.
let bundledRuleFiles: [(name: String, text: String)] = fuzzBundledRuleFiles.map { file in
    (String(file.path.split(separator: "/").last ?? Substring(file.path)), String(decoding: file.bytes, as: UTF8.self))
}

/// The bundled advisor, checked once, on first use.
let fuzzAdvisor: Advisor = {
    do throws(RuleBaseError) {
        return try Advisor.bundled()
    } catch {
        fuzzSetupFailure("the bundled rules have errors:\n" + DiagnosticRenderer(files: error.files).render(error.diagnostics))
    }
}()

/// Whether text holds a control character (C0 but line feed, DEL, C1), which no text cxm
/// writes for a terminal, a CSV cell or (unescaped) JSON may hold; with `lineEnds`, a CR before
/// a line feed (as CSV ends its records) is no control character either. Decided on Unicode
/// scalars: a combining mark after a line feed makes another Character, not another line end.
func fuzzHasControls(_ text: some StringProtocol, lineEnds: Bool = false) -> Bool {
    let scalars = Array(text.unicodeScalars)
    return scalars.indices.contains { index in
        let scalar = scalars[index]
        if scalar == "\n" { return false }
        if lineEnds, scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { return false }
        return scalar.isControl
    }
}
