/// Parses the tokens of one rule file into declarations.
///
/// A declaration starts with a keyword in column 1; everything up to the next token in column 1
/// belongs to it. After a syntax error the parser reports it and skips to the next declaration,
/// so one run finds the errors of every declaration.
struct Parser {
    private let tokens: [Token]
    /// The names and string literals that tokens refer to.
    private let names: [String]
    private let literals: [StringLiteral]
    private var index = 0
    /// The tokens read are those before `limit`: all of a file's, or one table cell's; from
    /// there on, the parser reads the end, at `endRange`.
    private var limit: Int
    private var endRange = SourceRange(file: 0, start: 0, end: 0)
    /// The first token read: 0, or a table cell's first.
    private var first = 0
    /// Index of the token that opened the current declaration.
    private var declarationStart = 0
    /// How many sub-expressions the parser is inside, to refuse pathological nesting.
    private var nesting = 0
    private(set) var diagnostics: [Diagnostic] = []

    struct Failure: Error {
        var diagnostic: Diagnostic
    }

    /// The words that open declarations, in the order of ``Word``'s cases.
    static let declarationKeywords = Word.allCases.filter(\.isDeclaration).map(\.rawValue)

    init(_ file: LexedFile) {
        tokens = file.tokens
        names = file.names
        literals = file.literals
        limit = tokens.count
    }

    /// What parsing a file yields.
    struct Result {
        var declarations: [Declaration]
        var diagnostics: [Diagnostic]
        /// The names of declarations skipped because of a syntax error (the word after the
        /// declaration's keyword), so that uses of them are not reported as unknown as well.
        var abandonedNames: Set<String>
    }

    /// Parses a whole file, also noting the names of the declarations that failed to parse.
    static func parse(_ source: SourceFile, fileIndex: Int) -> Result {
        let lexed = Lexer.tokenize(source, fileIndex: fileIndex)
        var parser = Parser(lexed)
        var declarations: [Declaration] = []
        var abandoned: Set<String> = []
        while parser.tokens[parser.index].kind != .end {
            parser.declarationStart = parser.index
            do {
                declarations.append(try parser.declaration())
            } catch {
                parser.diagnostics.append(error.diagnostic)
                let next = parser.tokens[parser.declarationStart + 1]
                if case .identifier = parser.tokens[parser.declarationStart].kind, !next.opensDeclaration,
                   case .identifier(let name) = next.kind, next.word?.isKeyword != true {
                    abandoned.insert(parser.names[name])
                }
                parser.skipToNextDeclaration()
            }
        }
        let all = (lexed.diagnostics + parser.diagnostics).sorted { ($0.range?.start ?? 0) < ($1.range?.start ?? 0) }
        return Result(declarations: declarations, diagnostics: all, abandonedNames: abandoned)
    }

    // MARK: Tokens

    /// The current token; a token that opens the next declaration reads as the end, and so
    /// does the end of a table cell.
    private var current: Token {
        guard index < limit else { return Token(kind: .end, range: endRange, line: 0, opensDeclaration: true) }
        let token = tokens[index]
        if atNextDeclaration {
            return Token(kind: .end, range: SourceRange(file: token.range.file, start: token.range.start, end: token.range.start),
                         line: token.line, opensDeclaration: true)
        }
        return token
    }

    /// The token after the current one, as it is (or the end of a table cell).
    private var next: Token {
        index + 1 < limit ? tokens[index + 1] : Token(kind: .end, range: endRange, line: 0, opensDeclaration: true)
    }

    /// Whether the current token is `symbol`, or the word `word`.
    private func atSymbol(_ symbol: Symbol) -> Bool { current.kind == .symbol(symbol) }
    private func atKeyword(_ word: Word) -> Bool { current.word == word }

    /// Whether the current token opens the next declaration, so that it reads as the end.
    private var atNextDeclaration: Bool { tokens[index].opensDeclaration && index != declarationStart }

    private var previousEnd: SourceRange {
        let token = tokens[max(first, index - 1)]
        return SourceRange(file: token.range.file, start: token.range.end, end: token.range.end)
    }

    /// The name an identifier token spells.
    private func identifier(_ token: Token) -> String? {
        if case .identifier(let name) = token.kind { return names[name] }
        return nil
    }

    /// How a token reads in a message.
    private func description(_ token: Token) -> String {
        switch token.kind {
        case .identifier(let name): return "'\(names[name])'"
        case .number(let value): return "number \(formatNumber(value))"
        case .string: return "a string"
        case .symbol(let symbol): return "'\(symbol.rawValue)'"
        case .end: return "end of file"
        }
    }

    private mutating func advance() -> Token {
        let token = current
        if token.kind != .end { index += 1 }
        return token
    }

    private mutating func skipToNextDeclaration() {
        if index == declarationStart { index += 1 }
        while tokens[index].kind != .end && !tokens[index].opensDeclaration { index += 1 }
    }

    private func failure(_ kind: SyntaxDiagnostic, at range: SourceRange? = nil) -> Failure {
        Failure(diagnostic: Diagnostic(kind, at: range ?? current.range))
    }

    private func expected(_ what: String) -> Failure {
        let token = current
        // Something missing at the end of a line is reported there, not at the next line's start.
        if token.kind == .end || (index > first && token.line > tokens[index - 1].line) {
            return failure(.expected(what, found: nil), at: previousEnd)
        }
        return failure(.expected(what, found: description(token)))
    }

    private mutating func accept(_ symbol: Symbol) -> Bool {
        if atSymbol(symbol) { index += 1; return true }
        return false
    }

    private mutating func acceptKeyword(_ word: Word) -> Bool {
        if atKeyword(word) { index += 1; return true }
        return false
    }

    private mutating func expect(_ symbol: Symbol) throws(Failure) {
        guard accept(symbol) else { throw expected("'\(symbol.rawValue)'") }
    }

    private mutating func name(_ what: String) throws(Failure) -> Name {
        guard let text = identifier(current) else { throw expected(what) }
        let token = advance()
        if token.word?.isKeyword == true {
            throw failure(.keywordAsName(text, what: what), at: token.range)
        }
        return Name(text: text, range: token.range)
    }

    private mutating func string(_ what: String) throws(Failure) -> StringLiteral {
        guard case .string(let number) = current.kind else { throw expected(what) }
        var literal = literals[number]
        index += 1
        // Adjacent string literals are joined, so long texts can continue on the next line.
        while case .string(let more) = current.kind {
            index += 1
            literal.value += literals[more].value
            literal.placeholders += literals[more].placeholders
        }
        return literal
    }

    private mutating func number(_ what: String) throws(Failure) -> Double {
        let negative = accept(.minus)
        guard case .number(let value) = current.kind else { throw expected(what) }
        index += 1
        return negative ? -value : value
    }

    // MARK: Declarations

    private mutating func declaration() throws(Failure) -> Declaration {
        let keyword = current
        guard let word = identifier(keyword) else {
            throw failure(.expectedDeclaration(found: description(keyword)))
        }
        index += 1
        switch keyword.word {
        case .source: return .source(try sourceDeclaration())
        case .scale: return .type(try typeDeclaration(ordered: true))
        case .enum: return .type(try typeDeclaration(ordered: false))
        case .question: return .question(try questionDeclaration())
        case .let: return .letValue(try letDeclaration())
        case .output: return .output(try outputDeclaration())
        case .table: return .table(try tableDeclaration())
        case .rule: return .rule(try ruleDeclaration())
        case .step: return .step(try stepDeclaration(keyword.range))
        case .version: return .version(try versionDeclaration(keyword.range))
        default:
            let suggestion = Suggestions.didYouMean(word, in: Parser.declarationKeywords)
            throw failure(.unknownDeclaration(word, suggestion: suggestion), at: keyword.range)
        }
    }

    private mutating func sourceDeclaration() throws(Failure) -> SourceDeclaration {
        let name = try name("a source name")
        var source = SourceDeclaration(name: name, reference: try string("the source's full reference in quotes").value)
        try clauses(allowed: [.short]) { (p: inout Parser, _: Name, _: Word) throws(Failure) in
            source.short = try p.string("a short form in quotes, such as \"Smith et al. (2024)\"").value
        }
        return source
    }

    private mutating func typeDeclaration(ordered: Bool) throws(Failure) -> TypeDeclaration {
        let name = try name(ordered ? "a scale name" : "an enum name")
        try expect(.colon)
        let separator: Symbol = ordered ? .less : .comma
        var options: [OptionSyntax] = []
        repeat {
            let option = try self.name("an option name")
            var label: String?
            if case .string = current.kind { label = try string("a label").value }
            var syntax = OptionSyntax(name: option, label: label)
            while let keyword = current.word, keyword == .since || keyword == .formerly {
                let range = advance().range
                if keyword == .formerly {
                    if case .string(let literal) = current.kind {
                        syntax.formerly.append(Name(text: literals[literal].value, range: advance().range))
                    } else {
                        syntax.formerly.append(try self.name("the option's former id (or \"former label\") after 'formerly'"))
                    }
                } else {
                    guard syntax.since == nil else { throw failure(.optionSinceTwice, at: range) }
                    let numberRange = current.range
                    syntax.since = (try version("the version that added the option"), range.union(numberRange))
                }
            }
            options.append(syntax)
        } while accept(separator)
        if !ordered && atSymbol(.less) {
            throw failure(.enumWithScaleSeparator)
        }
        if ordered && atSymbol(.comma) {
            throw failure(.scaleWithEnumSeparator)
        }
        try expectEndOfDeclaration()
        return TypeDeclaration(name: name, ordered: ordered, options: options)
    }

    private mutating func expectEndOfDeclaration() throws(Failure) {
        guard current.kind == .end else {
            throw failure(.declarationNotEnded(found: description(current)))
        }
    }

    private mutating func typeSyntax() throws(Failure) -> TypeSyntax {
        let token = current
        let start = token.range
        guard let word = identifier(token) else { throw expected("a type") }
        index += 1
        switch token.word {
        case .boolean: return TypeSyntax(kind: .boolean, range: start)
        case .text: return TypeSyntax(kind: .text, range: start)
        case .number:
            var low: Double?
            var high: Double?
            if case .number = current.kind {
                low = try number("a lower bound")
                try expect(.dotDot)
                high = try number("an upper bound")
            } else if atSymbol(.minus) {
                low = try number("a lower bound")
                try expect(.dotDot)
                high = try number("an upper bound")
            }
            return TypeSyntax(kind: .number(low: low, high: high), range: start.union(previousEnd))
        case .set:
            guard acceptKeyword(.of) else { throw expected("'of' (as in 'set of channel')") }
            let element = try name("the name of an enum or scale")
            return TypeSyntax(kind: .setOf(element), range: start.union(element.range))
        default:
            if token.word?.isKeyword == true { throw failure(.keywordAsType(word), at: start) }
            return TypeSyntax(kind: .named(word), range: start)
        }
    }

    private mutating func citation() throws(Failure) -> Citation {
        let start = previousEnd
        let source = try name("a source name after 'cite'")
        var locator: String?
        if case .string = current.kind { locator = try string("a locator").value }
        return Citation(source: source, locator: locator, range: start.union(previousEnd))
    }

    /// Reads clauses until the declaration ends, calling `clause` with each keyword.
    private mutating func clauses(
        allowed: [Word], _ clause: (inout Parser, Name, Word) throws(Failure) -> Void
    ) throws(Failure) {
        while current.kind != .end {
            let token = current
            guard let word = token.word, allowed.contains(word), let text = identifier(token) else {
                if atSymbol(.bar) { throw failure(.rowAmongClauses) }
                let identifier = identifier(token)
                if let identifier, token.word?.isDeclaration == true {
                    throw failure(.indentedDeclaration(identifier))
                }
                let what = identifier.map { "clause '\($0)'" } ?? description(token)
                let allowed = allowed.map(\.rawValue)
                let suggestion = identifier.flatMap { Suggestions.closest(to: $0, in: allowed) }
                throw failure(.unexpectedClause(what, suggestion: suggestion, allowed: allowed))
            }
            let keyword = Name(text: text, range: advance().range)
            try clause(&self, keyword, word)
        }
    }

    private mutating func questionDeclaration() throws(Failure) -> QuestionDeclaration {
        let name = try name("a question name")
        try expect(.colon)
        var question = QuestionDeclaration(name: name, type: try typeSyntax(), citations: [])
        try clauses(allowed: [.step, .section, .ask, .short, .help, .when, .formerly, .since, .cite]) { (p: inout Parser, keyword: Name, word: Word) throws(Failure) in
            switch word {
            case .step: question.step = try p.stepNumber()
            case .formerly: question.formerly.append(try p.formerName())
            case .since:
                guard question.since == nil else { throw p.failure(.questionSinceTwice, at: keyword.range) }
                question.since = try p.since(keyword.range)
            case .section: question.section = try p.string("a section title in quotes").value
            case .ask: question.text = try p.string("the question text in quotes").value
            case .short: question.short = try p.string("a short label in quotes, such as \"Team size\"").value
            case .help: question.help = try p.string("help text in quotes").value
            case .when: question.relevance = try p.expression()
            default: question.citations.append(try p.citation())
            }
        }
        return question
    }

    private mutating func letDeclaration() throws(Failure) -> LetDeclaration {
        let name = try name("a name")
        var type: TypeSyntax?
        if accept(.colon) { type = try typeSyntax() }
        guard accept(.equal) else {
            throw expected(type == nil ? "'=' or ':' after the name" : "'='")
        }
        var value = LetDeclaration(name: name, type: type, expr: try expression(), citations: [])
        try clauses(allowed: Parser.presentationClauses + [.cite]) { (p: inout Parser, keyword: Name, word: Word) throws(Failure) in
            if word == .cite { value.citations.append(try p.citation()) }
            else { try p.presentationClause(keyword, word, into: &value.presentation) }
        }
        return value
    }

    private mutating func outputDeclaration() throws(Failure) -> OutputDeclaration {
        let name = try name("an output name")
        try expect(.colon)
        var output = OutputDeclaration(name: name, type: try typeSyntax(), citations: [])
        try clauses(allowed: Parser.presentationClauses + [.cite]) { (p: inout Parser, keyword: Name, word: Word) throws(Failure) in
            if word == .cite { output.citations.append(try p.citation()) }
            else { try p.presentationClause(keyword, word, into: &output.presentation) }
        }
        return output
    }

    /// `formerly OLD [: VALUE -> OPTION, …]`, after the keyword.
    private mutating func formerName() throws(Failure) -> FormerName {
        var former = FormerName(name: try name("the question's former id after 'formerly'"), answers: [])
        guard accept(.colon) else { return former }
        repeat {
            let old = try formerValue()
            try expect(.arrow)
            former.answers.append((old, try name("the option that the former answer maps to")))
        } while accept(.comma)
        return former
    }

    /// An answer as a former question took it: an id, `true`, `false`, a number or a string.
    private mutating func formerValue() throws(Failure) -> FormerValue {
        let token = current
        switch token.kind {
        case .number, .symbol(.minus): return .number(try number("a former answer"))
        case .string: return .text(try string("a former answer").value)
        case .identifier where token.word == .true || token.word == .false:
            index += 1
            return .boolean(token.word == .true)
        case .identifier(let name) where token.word?.isKeyword != true:
            index += 1
            return .text(names[name])
        default:
            throw expected("a former answer (an id, true, false, a number or a string), as in 'formerly old_id: yes -> new_option'")
        }
    }

    /// `since N[, earlier when EXPR]`, after the keyword.
    /// A version number: a whole number from 1.
    private mutating func version(_ what: String) throws(Failure) -> Int {
        let range = current.range
        let number = try number(what)
        guard number == number.rounded(), number >= 1, number < 1_000_000 else {
            throw failure(.versionNotWhole, at: range)
        }
        return Int(number)
    }

    private mutating func since(_ keywordRange: SourceRange) throws(Failure) -> Since {
        let range = current.range
        var since = Since(version: try version("the version since which the question is asked as declared"), range: keywordRange.union(range))
        if accept(.comma) {
            guard acceptKeyword(.earlier), acceptKeyword(.when) else {
                throw expected("'earlier when' and the condition under which earlier versions asked the question")
            }
            since.earlier = try expression()
        }
        return since
    }

    /// `version N`, after the keyword.
    private mutating func versionDeclaration(_ keywordRange: SourceRange) throws(Failure) -> VersionDeclaration {
        let range = current.range
        let number = try version("the rules' version, a whole number")
        try expectEndOfDeclaration()
        return VersionDeclaration(name: Name(text: "version", range: keywordRange.union(range)), number: number)
    }

    /// The number of a step, a whole number from 1 to 99. Which steps exist is the rule files'
    /// choice (`step N "TITLE"`); the checker holds uses to the declared ones.
    private mutating func stepNumber() throws(Failure) -> Int {
        let range = current.range
        let step = try number("a step number")
        guard step == step.rounded(), (1...99).contains(step) else {
            throw failure(.stepOutOfRange, at: range)
        }
        return Int(step)
    }

    /// `step N "TITLE"`.
    private mutating func stepDeclaration(_ keywordRange: SourceRange) throws(Failure) -> StepDeclaration {
        let range = current.range
        let number = try stepNumber()
        let title = try string("the step's title in quotes").value
        return StepDeclaration(name: Name(text: String(number), range: keywordRange.union(range)), number: number, title: title)
    }

    /// The clauses that say how a derived value, table or output is shown.
    static let presentationClauses: [Word] = [.label, .help, .watch, .show, .headline, .chart, .matrix]

    /// `label "…"`, `help "…"`, `watch`, `show step N`, `headline`, `chart "…"` or `matrix …`.
    private mutating func presentationClause(_ keyword: Name, _ word: Word, into presentation: inout Presentation) throws(Failure) {
        switch word {
        case .label: presentation.label = try string("a label in quotes").value
        case .help: presentation.help = try string("help text in quotes").value
        case .watch: presentation.watch = true
        case .show:
            guard acceptKeyword(.step) else { throw expected("'step' (as in 'show step 2')") }
            presentation.reportStep = try stepNumber()
        case .headline:
            presentation.headline = true
            if case .string = current.kind { presentation.headlineText = try string("the summary's sentence in quotes") }
        case .chart: presentation.chart = try string("the chart's title in quotes").value
        default: presentation.matrix = try matrix(keyword.range)
        }
    }

    /// `matrix x NAME split N, y NAME split N, top A B, bottom C D[, target NAME]`.
    private mutating func matrix(_ keywordRange: SourceRange) throws(Failure) -> MatrixSyntax {
        func axis(_ axis: Word, _ p: inout Parser) throws(Failure) -> (Name, Double) {
            let word = axis.rawValue
            guard p.acceptKeyword(axis) else { throw p.expected("'\(word)' (as in 'matrix x effort split 3, y benefit split 3, …')") }
            let value = try p.name("the name of a number for the \(word) axis")
            guard p.acceptKeyword(.split) else { throw p.expected("'split' and the number where the \(word) axis divides") }
            return (value, try p.number("the number where the \(word) axis divides"))
        }
        func quadrants(_ row: Word, _ p: inout Parser) throws(Failure) -> [Name] {
            let word = row.rawValue
            guard p.acceptKeyword(row) else { throw p.expected("'\(word)' and the options in its left and right quadrants") }
            return [try p.name("the option in the \(word) left quadrant"), try p.name("the option in the \(word) right quadrant")]
        }
        let (x, xSplit) = try axis(.x, &self)
        try expect(.comma)
        let (y, ySplit) = try axis(.y, &self)
        try expect(.comma)
        let top = try quadrants(.top, &self)
        try expect(.comma)
        let bottom = try quadrants(.bottom, &self)
        var target: Name?
        if accept(.comma) {
            guard acceptKeyword(.target) else { throw expected("'target' and the value that gives the position to aim for") }
            target = try name("the value that gives the position to aim for")
        }
        return MatrixSyntax(x: x, xSplit: xSplit, y: y, ySplit: ySplit, quadrants: top + bottom, target: target,
                            range: keywordRange.union(previousEnd))
    }

    private mutating func hitPolicy() throws(Failure) -> HitPolicy {
        let token = current
        guard let word = identifier(token) else { throw expected("a hit policy (unique, first, priority, collect or rule order)") }
        index += 1
        switch token.word {
        case .unique: return .unique
        case .first: return .first
        case .priority: return .priority
        case .collect: return .collect
        case .rule:
            guard acceptKeyword(.order) else { throw expected("'order' (the hit policy is 'rule order')") }
            return .ruleOrder
        default:
            let suggestion = Suggestions.closest(to: word, in: ["unique", "first", "priority", "collect"])
            throw failure(.unknownHitPolicy(word, suggestion: suggestion), at: token.range)
        }
    }

    private mutating func tableDeclaration() throws(Failure) -> TableDeclaration {
        let name = try name("a table name")
        try expect(.colon)
        let type = try typeSyntax()
        let policy = try hitPolicy()
        var table = TableDeclaration(name: name, type: type, policy: policy, citations: [], columns: [], rows: [])
        while current.kind != .end && !atSymbol(.bar) {
            let token = current
            guard let word = token.word, word == .cite || Parser.presentationClauses.contains(word), let text = identifier(token) else {
                throw failure(.unexpectedBeforeHeader(found: description(token), clauses: Parser.presentationClauses.map(\.rawValue)))
            }
            let keyword = Name(text: text, range: advance().range)
            if word == .cite { table.citations.append(try citation()) }
            else { try presentationClause(keyword, word, into: &table.presentation) }
        }
        guard atSymbol(.bar) else { throw expected("the table's header row, such as '| input | \(name.text) |'") }
        let header = try rowCells()
        guard header.cells.count >= 2 else {
            throw failure(.tableWithoutInputs, at: header.range)
        }
        for cell in header.cells.dropLast() {
            var sub = parser(of: cell)
            let column = try sub.expression()
            try sub.expectCellEnd()
            table.columns.append(column)
        }
        let outputCell = header.cells[header.cells.count - 1]
        var sub = parser(of: outputCell)
        table.outputHeader = try sub.name("the output column's name")
        try sub.expectCellEnd()
        while atSymbol(.bar) {
            let row = try rowCells()
            guard row.cells.count == header.cells.count else {
                throw failure(.rowCellCount(row.cells.count, header: header.cells.count), at: row.range)
            }
            var inputs: [InputCell] = []
            for cell in row.cells.dropLast() {
                var sub = parser(of: cell)
                inputs.append(try sub.inputCell())
            }
            let last = row.cells[row.cells.count - 1]
            var outputParser = parser(of: last)
            let output = try outputParser.expression()
            try outputParser.expectCellEnd()
            table.rows.append(TableRow(inputs: inputs, output: output, range: row.range))
        }
        if current.kind != .end {
            throw failure(.unexpectedAfterRows(found: description(current)))
        }
        if table.rows.isEmpty {
            throw failure(.tableWithoutRows(name.text), at: header.range)
        }
        return table
    }

    /// A parser over the tokens of one table cell. (They never open a declaration: a row's
    /// first token is its opening '|'.)
    private func parser(of cell: Cell) -> Parser {
        var parser = self
        parser.index = cell.tokens.lowerBound
        parser.first = cell.tokens.lowerBound
        parser.declarationStart = cell.tokens.lowerBound
        parser.limit = cell.tokens.upperBound
        parser.endRange = cell.end
        parser.nesting = 0
        return parser
    }

    private mutating func expectCellEnd() throws(Failure) {
        guard current.kind == .end else { throw failure(.unexpectedInCell(found: description(current))) }
    }

    /// The tokens of one table cell, by their indices, and where the cell ends.
    private struct Cell {
        var tokens: Range<Int>
        var end: SourceRange
    }

    /// The cells of one `| a | b | c |` row, which must sit on one line.
    private mutating func rowCells() throws(Failure) -> (cells: [Cell], range: SourceRange) {
        let first = advance()  // the opening '|'
        let line = first.line
        var cells: [Cell] = []
        var cellStart = index
        var closed = false
        var last = first
        while current.kind != .end && current.line == line {
            let token = advance()
            let previousBar = last
            last = token
            if token.isSymbol(.bar) {
                if index - 1 == cellStart {
                    // Point at the blank between the bars, or at the second bar of '||'.
                    let blank = SourceRange(file: token.range.file, start: previousBar.range.end, end: token.range.start)
                    throw failure(.emptyCell,
                                  at: blank.start < blank.end ? blank : token.range)
                }
                cells.append(Cell(tokens: cellStart..<index - 1, end: SourceRange(file: token.range.file, start: token.range.start, end: token.range.start)))
                cellStart = index
                closed = true
            } else {
                closed = false
            }
        }
        guard closed else {
            throw failure(.rowNotClosed, at: SourceRange(file: last.range.file, start: last.range.end, end: last.range.end))
        }
        return (cells, first.range.union(last.range))
    }

    /// `-`, or tests separated by commas, optionally preceded by `not`.
    private mutating func inputCell() throws(Failure) -> InputCell {
        let start = current.range
        if atSymbol(.minus), next.kind == .end {
            index += 1
            return InputCell(tests: [], negated: false, range: start)
        }
        let negated = acceptKeyword(.not)
        var tests: [CellTest] = []
        repeat {
            let testStart = current.range
            if let op = comparisonOperator {
                index += 1
                let operand = try additive()
                tests.append(CellTest(kind: op == .equal ? .equal(operand) : .compare(op, operand), range: testStart.union(operand.range)))
            } else {
                let value = try additive()
                if accept(.dotDot) {
                    let upper = try additive()
                    tests.append(CellTest(kind: .between(value, upper), range: testStart.union(upper.range)))
                } else {
                    tests.append(CellTest(kind: .equal(value), range: value.range))
                }
            }
        } while accept(.comma)
        try expectCellEnd()
        return InputCell(tests: tests, negated: negated, range: start.union(previousEnd))
    }

    private mutating func ruleDeclaration() throws(Failure) -> RuleDeclaration {
        let name = try name("a rule name")
        var rule = RuleDeclaration(name: name, assignments: [], recommendations: [], warnings: [], citations: [])
        try clauses(allowed: [.when, .set, .recommend, .short, .why, .warn, .because, .cite]) { (p: inout Parser, keyword: Name, word: Word) throws(Failure) in
            switch word {
            case .when:
                if rule.condition != nil {
                    throw p.failure(.ruleWhenTwice, at: keyword.range)
                }
                rule.condition = try p.expression()
            case .set:
                let target = try p.name("the name of an output after 'set'")
                try p.expect(.equal)
                rule.assignments.append((target, try p.expression()))
            case .recommend:
                rule.recommendations.append(try p.recommendation(keyword: keyword))
            case .short, .why:
                // They say a recommendation in one line each, so they follow the one they belong to.
                guard !rule.recommendations.isEmpty else {
                    throw p.failure(.clauseWithoutRecommendation(keyword.text), at: keyword.range)
                }
                let last = rule.recommendations.count - 1
                let given = word == .short ? rule.recommendations[last].short : rule.recommendations[last].why
                guard given == nil else {
                    throw p.failure(.recommendationClauseTwice(keyword.text), at: keyword.range)
                }
                let text = try p.string(word == .short ? "the action in a line, in quotes" : "the reason in a line, in quotes")
                if word == .short { rule.recommendations[last].short = text } else { rule.recommendations[last].why = text }
            case .warn:
                let start = p.current.range
                rule.warnings.append((try p.string("the warning text in quotes"), start.union(p.previousEnd)))
            case .because:
                rule.because = try p.string("the reason in quotes")
            default:
                rule.citations.append(try p.citation())
            }
        }
        return rule
    }

    /// `recommend step N[, priority P][, rank R]: "text"`
    private mutating func recommendation(keyword: Name) throws(Failure) -> Recommendation {
        guard acceptKeyword(.step) else { throw expected("'step' (as in 'recommend step 3, priority high: \"…\"')") }
        let step = try stepNumber()
        var priority = Priority.medium
        var rank: Int?
        while accept(.comma) {
            let keywordRange = current.range
            if acceptKeyword(.rank) {
                guard rank == nil else { throw failure(.rankTwice, at: keywordRange) }
                let range = current.range
                let number = try self.number("a rank (1 comes first)")
                guard number == number.rounded(), (1...999).contains(number) else {
                    throw failure(.rankOutOfRange, at: range)
                }
                rank = Int(number)
                continue
            }
            guard acceptKeyword(.priority) else { throw expected("'priority' or 'rank'") }
            guard let word = identifier(current), let parsed = Priority(rawValue: word) else {
                throw expected("a priority (high, medium or low)")
            }
            index += 1
            priority = parsed
        }
        try expect(.colon)
        let text = try string("the recommendation text in quotes")
        return Recommendation(step: Int(step), priority: priority, rank: rank, text: text, range: keyword.range.union(previousEnd))
    }

    // MARK: Expressions

    /// Parses an expression: `if c then a else b`, or logic, comparison and arithmetic.
    mutating func expression() throws(Failure) -> Expr {
        try enterNesting()
        defer { nesting -= 1 }
        return try deepCheck(try conditionalOrDisjunction())
    }

    /// Counts nested sub-expressions, refusing more than ``Expr/maximumDepth`` levels.
    private mutating func enterNesting() throws(Failure) {
        nesting += 1
        if nesting > Expr.maximumDepth { throw tooDeep(current.range) }
    }

    private func tooDeep(_ range: SourceRange) -> Failure {
        failure(.nestedTooDeep(Expr.maximumDepth), at: range)
    }

    /// The expression itself, unless it is nested too deeply (as a long chain of operators is).
    private func deepCheck(_ expr: Expr) throws(Failure) -> Expr {
        guard expr.depth <= Expr.maximumDepth else { throw tooDeep(expr.range) }
        return expr
    }

    private mutating func conditionalOrDisjunction() throws(Failure) -> Expr {
        if atKeyword(.if) {
            let start = advance().range
            let condition = try expression()
            guard acceptKeyword(.then) else { throw expected("'then'") }
            let then = try expression()
            guard acceptKeyword(.else) else { throw expected("'else'") }
            let otherwise = try expression()
            return Expr(kind: .conditional(condition, then, otherwise), range: start.union(otherwise.range))
        }
        return try disjunction()
    }

    private mutating func disjunction() throws(Failure) -> Expr {
        var left = try conjunction()
        while acceptKeyword(.or) {
            let right = try conjunction()
            left = try deepCheck(Expr(kind: .binary(.or, left, right), range: left.range.union(right.range)))
        }
        return left
    }

    private mutating func conjunction() throws(Failure) -> Expr {
        var left = try negation()
        while acceptKeyword(.and) {
            let right = try negation()
            left = try deepCheck(Expr(kind: .binary(.and, left, right), range: left.range.union(right.range)))
        }
        return left
    }

    private mutating func negation() throws(Failure) -> Expr {
        if atKeyword(.not) {
            let start = advance().range
            try enterNesting()
            defer { nesting -= 1 }
            let operand = try negation()
            return Expr(kind: .not(operand), range: start.union(operand.range))
        }
        return try comparison()
    }

    private mutating func comparison() throws(Failure) -> Expr {
        let left = try additive()
        if let op = comparisonOperator {
            index += 1
            let right = try additive()
            if comparisonOperator != nil {
                throw failure(.chainedComparison)
            }
            return Expr(kind: .binary(op, left, right), range: left.range.union(right.range))
        }
        if atSymbol(.equal) {
            throw failure(.assignmentInExpression)
        }
        if atKeyword(.in) {
            index += 1
            let right = try additive()
            return Expr(kind: .binary(.in, left, right), range: left.range.union(right.range))
        }
        if atKeyword(.not), next.word == .in {
            index += 2
            let right = try additive()
            let range = left.range.union(right.range)
            return Expr(kind: .not(Expr(kind: .binary(.in, left, right), range: range)), range: range)
        }
        return left
    }

    /// The comparison that the current token is, if it is one.
    private var comparisonOperator: BinaryOperator? {
        guard case .symbol(let symbol) = current.kind else { return nil }
        switch symbol {
        case .equalEqual: return .equal
        case .notEqual: return .notEqual
        case .less: return .less
        case .lessOrEqual: return .lessOrEqual
        case .greater: return .greater
        case .greaterOrEqual: return .greaterOrEqual
        default: return nil
        }
    }

    private mutating func additive() throws(Failure) -> Expr {
        var left = try multiplicative()
        while let op = atSymbol(.plus) ? BinaryOperator.add : atSymbol(.minus) ? .subtract : nil {
            index += 1
            let right = try multiplicative()
            left = try deepCheck(Expr(kind: .binary(op, left, right), range: left.range.union(right.range)))
        }
        return left
    }

    private mutating func multiplicative() throws(Failure) -> Expr {
        var left = try unary()
        while let op = atSymbol(.star) ? BinaryOperator.multiply : atSymbol(.slash) ? .divide : nil {
            index += 1
            let right = try unary()
            left = try deepCheck(Expr(kind: .binary(op, left, right), range: left.range.union(right.range)))
        }
        return left
    }

    private mutating func unary() throws(Failure) -> Expr {
        if atSymbol(.minus) {
            let start = advance().range
            try enterNesting()
            defer { nesting -= 1 }
            let operand = try unary()
            return Expr(kind: .negate(operand), range: start.union(operand.range))
        }
        return try primary()
    }

    private mutating func primary() throws(Failure) -> Expr {
        let token = current
        switch token.kind {
        case .number(let value):
            index += 1
            return Expr(kind: .number(value), range: token.range)
        case .string:
            let literal = try string("a string")
            return Expr(kind: .string(literal.value), range: token.range.union(previousEnd))
        case .identifier(let number):
            if token.word == .true || token.word == .false {
                index += 1
                return Expr(kind: .boolean(token.word == .true), range: token.range)
            }
            if token.word?.isKeyword == true { throw expected("a value") }
            index += 1
            let word = names[number]
            let name = Name(text: word, range: token.range)
            if accept(.openParen) {
                var arguments: [Expr] = []
                if !accept(.closeParen) {
                    repeat { arguments.append(try expression()) } while accept(.comma)
                    try expect(.closeParen)
                }
                return Expr(kind: .call(name, arguments), range: token.range.union(previousEnd))
            }
            if accept(.dot) {
                let option = try self.name("an option name after '.'")
                return Expr(kind: .qualified(type: name, option: option), range: token.range.union(option.range))
            }
            return Expr(kind: .name(word), range: token.range)
        case .symbol(.openParen):
            index += 1
            let inner = try expression()
            try expect(.closeParen)
            return Expr(kind: inner.kind, range: token.range.union(previousEnd))
        case .symbol(.openBrace):
            index += 1
            var items: [Expr] = []
            if !accept(.closeBrace) {
                repeat { items.append(try expression()) } while accept(.comma)
                try expect(.closeBrace)
            }
            return Expr(kind: .setLiteral(items), range: token.range.union(previousEnd))
        default:
            throw expected("a value")
        }
    }
}
