/// The catalogue of diagnostics of checking how the questions changed across the rules'
/// versions (`version`, `since`, `formerly`; ``QuestionHistory``): codes V0101–V0199. See
/// ``DiagnosticCode``.
enum VersionDiagnostic: DiagnosticKind {
    case versionTwice
    case sinceAfterVersion(Int, version: Int, declared: Bool)
    case formerAnswersWithoutSince(String)
    case formerIdTwice(String)
    case formerIdIsOwnId
    case formerIdInUse(String, kind: String)
    case formerIdReserved(String)
    case formerAnswersWithoutOptions(String, type: String)
    case formerAnswerTwice(FormerValue)
    case unknownOption(String, type: String, suggestion: String)

    var entry: DiagnosticEntry {
        switch self {
        case .versionTwice: .error("V0101", "the rules declare their version once")
        case .sinceAfterVersion(let since, let version, let declared):
            .error("V0102", "'since \(since)' is later than the rules' version (\(version)); "
                   + (declared ? "raise the version or lower this" : "declare 'version \(since)' in one of the rule files"))
        case .formerAnswersWithoutSince(let question):
            .warning("V0103", "question '\(question)' maps former answers but has no 'since N': scripts of cxm ask written "
                     + "for earlier versions would give it answers of the new kind; add 'since N' (the version it changed in)")
        case .formerIdTwice(let former): .error("V0104", "'\(former)' is already a former id of another question")
        case .formerIdIsOwnId: .error("V0105", "a question's former id must differ from its id")
        case .formerIdInUse(let former, let kind):
            .error("V0106", "'\(former)' is a current \(kind) of these rules, so it cannot be a former id; profiles would not know which is meant")
        case .formerIdReserved(let former): .error("V0107", "'\(former)' is reserved for profile metadata; it cannot be a former id")
        case .formerAnswersWithoutOptions(let question, let type):
            .error("V0108", "former answers can be mapped only onto the options of a scale, an enum or a set of them; '\(question)' is \(type)")
        case .formerAnswerTwice(let old): .error("V0109", "the former answer \(old) is mapped twice")
        case .unknownOption(let option, let type, let suggestion): .error("V0110", "'\(option)' is not an option of '\(type)'\(suggestion)")
        }
    }
}
