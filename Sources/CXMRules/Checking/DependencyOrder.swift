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
                let cycle = Array(path[path.lastIndex(of: node)!...]) + [node]
                if reported.insert(node).inserted {
                    let names = cycle.map(name).joined(separator: " → ")
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
