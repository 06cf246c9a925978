/// The catalogue of diagnostics of reading a rule file's text: codes L0101–L0199 for lexing
/// (``Lexer``: characters, numbers, strings), L0201–L0299 for parsing (``Parser``: declarations,
/// clauses, tables, expressions). See ``DiagnosticCode``.
enum SyntaxDiagnostic: DiagnosticKind {
    // Lexing
    case notUTF8(encoding: String)
    case invalidName(String)
    case numberTooLarge(String)
    case typographicQuote(String)
    case lookalikeCharacter(String, symbol: String)
    case unexpectedCharacters(String)
    case controlCharacterInString
    case unterminatedString
    case unknownEscape(Character)
    case strayBrace

    // Parsing
    case expected(String, found: String?)
    case keywordAsName(String, what: String)
    case expectedDeclaration(found: String)
    case unknownDeclaration(String, suggestion: String)
    case optionSinceTwice
    case enumWithScaleSeparator
    case scaleWithEnumSeparator
    case declarationNotEnded(found: String)
    case keywordAsType(String)
    case rowAmongClauses
    case indentedDeclaration(String)
    case unexpectedClause(String, suggestion: String?, allowed: [String])
    case questionSinceTwice
    case versionNotWhole
    case stepOutOfRange
    case unknownHitPolicy(String, suggestion: String?)
    case unexpectedBeforeHeader(found: String, clauses: [String])
    case tableWithoutInputs
    case rowCellCount(Int, header: Int)
    case unexpectedAfterRows(found: String)
    case tableWithoutRows(String)
    case unexpectedInCell(found: String)
    case emptyCell
    case rowNotClosed
    case ruleWhenTwice
    case clauseWithoutRecommendation(String)
    case recommendationClauseTwice(String)
    case rankTwice
    case rankOutOfRange
    case nestedTooDeep(Int)
    case chainedComparison
    case assignmentInExpression

    var entry: DiagnosticEntry {
        switch self {
        case .notUTF8(let encoding): .error("L0101", "the file is in \(encoding); save it as UTF-8")
        case .invalidName(let name):
            .error("L0102", "'\(name)' is not a valid name; names use only the letters a to z and A to Z, digits and '_'")
        case .numberTooLarge(let text): .error("L0103", "the number \(text.quotable(limit: 20)) is too large")
        case .typographicQuote(let quote): .error("L0104", "typographic quote '\(quote)'; use a straight quote '\"'")
        case .lookalikeCharacter(let lookalike, let symbol): .error("L0105", "unexpected character '\(lookalike)'; write '\(symbol)'")
        case .unexpectedCharacters(let characters):
            .error("L0106", "unexpected character\(characters.count > 1 ? "s" : "") '\(characters.prefix(20))\(characters.count > 20 ? "…" : "")'")
        case .controlCharacterInString:
            .error("L0107", "a string cannot hold control characters or bytes that are not UTF-8; remove them, or write \\n or \\t")
        case .unterminatedString: .error("L0108", "unterminated string; close it with '\"' on the same line")
        case .unknownEscape(let escaped): .error("L0109", "unknown escape '\\\(escaped)'; use \\\", \\\\, \\n, \\t, \\{ or \\}")
        case .strayBrace: .error("L0110", "'{' must start a placeholder such as {name}; write \\{ for a literal brace")

        case .expected(let what, let found): .error("L0201", "expected \(what)" + (found.map { ", found \($0)" } ?? ""))
        case .keywordAsName(let word, let what): .error("L0202", "'\(word)' is a keyword and cannot be used as \(what)")
        case .expectedDeclaration(let found):
            .error("L0203", "expected a declaration (source, scale, enum, question, let, output, table or rule), found \(found)")
        case .unknownDeclaration(let word, let suggestion): .error("L0204", "unknown declaration '\(word)'\(suggestion)")
        case .optionSinceTwice: .error("L0205", "an option has one 'since' clause")
        case .enumWithScaleSeparator: .error("L0206", "options of an enum are separated by ','; use 'scale' for ordered options")
        case .scaleWithEnumSeparator: .error("L0207", "options of a scale are ordered with '<'; use 'enum' for unordered options")
        case .declarationNotEnded(let found): .error("L0208", "unexpected \(found); a new declaration must start in column 1")
        case .keywordAsType(let word): .error("L0209", "expected a type, found '\(word)'")
        case .rowAmongClauses: .error("L0210", "a table row must follow a table's clauses")
        case .indentedDeclaration(let word): .error("L0211", "'\(word)' starts a declaration only in column 1; remove the indentation")
        case .unexpectedClause(let what, let suggestion, let allowed):
            .error("L0212", "unexpected \(what); " + (suggestion.map { "did you mean '\($0)'?" } ?? "expected one of: \(allowed.joined(separator: ", "))"))
        case .questionSinceTwice: .error("L0213", "a question has one 'since' clause")
        case .versionNotWhole: .error("L0214", "a version is a whole number from 1")
        case .stepOutOfRange: .error("L0215", "a step is a whole number from 1 to 99")
        case .unknownHitPolicy(let word, let suggestion):
            .error("L0216", "unknown hit policy '\(word)'; " + (suggestion.map { "did you mean '\($0)'?" } ?? "use unique, first, priority, collect or rule order"))
        case .unexpectedBeforeHeader(let found, let clauses):
            .error("L0217", "unexpected \(found); expected 'cite', \(clauses.map { "'\($0)'" }.joined(separator: ", ")) or the table's header row '| … |'")
        case .tableWithoutInputs: .error("L0218", "a table needs at least one input column and the output column")
        case .rowCellCount(let cells, let header): .error("L0219", "this row has \(cells) cells but the header has \(header)")
        case .unexpectedAfterRows(let found): .error("L0220", "unexpected \(found) after the table's rows; every row starts with '|'")
        case .tableWithoutRows(let name): .error("L0221", "table '\(name)' has a header but no rows")
        case .unexpectedInCell(let found): .error("L0222", "unexpected \(found) in this cell")
        case .emptyCell: .error("L0223", "empty cell; write '-' for a cell that matches any value")
        case .rowNotClosed: .error("L0224", "this row is not closed; end it with '|'")
        case .ruleWhenTwice: .error("L0225", "a rule has one 'when' clause; join conditions with 'and'")
        case .clauseWithoutRecommendation(let keyword):
            .error("L0226", "'\(keyword)' belongs to a recommendation; put it right after a 'recommend' clause")
        case .recommendationClauseTwice(let keyword): .error("L0227", "this recommendation has a '\(keyword)' clause already")
        case .rankTwice: .error("L0228", "this recommendation has a rank already")
        case .rankOutOfRange: .error("L0229", "a rank is a whole number from 1 to 999 (1 comes first)")
        case .nestedTooDeep(let depth): .error("L0230", "this expression nests more than \(depth) levels deep; split it into several 'let' values")
        case .chainedComparison: .error("L0231", "comparisons cannot be chained; join them with 'and'")
        case .assignmentInExpression: .error("L0232", "'=' assigns; use '==' to compare")
        }
    }
}
