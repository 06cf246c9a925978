/// Orders values and rules so that each is evaluated after everything it reads, and reports
/// cycles among them.
enum DependencyOrder {
    static func plan(checker: inout Checker) -> [Step] {
        let slotCount = checker.slotDeclarations.count
        // Outputs depend on the rules that set them.
        var dependencies = checker.dependencies
        var settersByOutput: [Int: [Int]] = [:]
        for (rule, compiled) in checker.rules.enumerated() {
            for (slot, _) in compiled?.assignments ?? [] where settersByOutput[slot]?.last != rule {
                settersByOutput[slot, default: []].append(rule)
                dependencies[slot].append(slotCount + rule)
            }
        }
        enum Mark { case unvisited, active, done }
        var marks = Array(repeating: Mark.unvisited, count: dependencies.count)
        var order: [Int] = []
        var path: [Int] = []
        var reported: Set<Int> = []

        func name(_ node: Int) -> String {
            node < slotCount ? checker.slotDeclarations[node].name.text : "rule " + checker.ruleDeclarations[node - slotCount].name.text
        }
        func range(_ node: Int) -> SourceRange {
            node < slotCount ? checker.slotDeclarations[node].name.range : checker.ruleDeclarations[node - slotCount].name.range
        }
        func visit(_ node: Int) {
            switch marks[node] {
            case .done: return
            case .active:
                var cycle = Array(path[path.lastIndex(of: node)!...])
                guard reported.insert(node).inserted else { return }
                // A cycle through a rule is the rule's to fix: report it there.
                if let rule = cycle.firstIndex(where: { $0 >= slotCount }) {
                    cycle = Array(cycle[rule...] + cycle[..<rule])
                    let names = (cycle + [cycle[0]]).map(name).joined(separator: " → ")
                    let ruleName = checker.ruleDeclarations[cycle[0] - slotCount].name.text
                    if cycle.count == 2 {
                        checker.error("rule '\(ruleName)' reads '\(name(cycle[1]))', which it sets itself", at: range(cycle[0]))
                    } else {
                        checker.error("rule '\(ruleName)' depends on its own result: \(names)", at: range(cycle[0]))
                    }
                } else {
                    let names = (cycle + [node]).map(name).joined(separator: " → ")
                    checker.error("'\(name(node))' depends on itself: \(names)", at: range(node))
                }
                return
            case .unvisited:
                marks[node] = .active
                path.append(node)
                for dependency in dependencies[node] { visit(dependency) }
                path.removeLast()
                marks[node] = .done
                order.append(node)
            }
        }
        for node in dependencies.indices { visit(node) }

        return order.map { node -> Step in
            guard node < slotCount else { return .rule(node - slotCount) }
            switch checker.slotDeclarations[node] {
            case .question: return .question(slot: node, relevance: checker.questionRelevance[node])
            case .table: return .table(node)
            case .output: return .output(slot: node, rules: settersByOutput[node] ?? [])
            default: return .derive(slot: node, checker.derivedCode[node] ?? .constant(.boolean(false)))
            }
        }
    }
}
