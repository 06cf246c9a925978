/// Orders values and rules so that each is evaluated after everything it reads, and reports
/// cycles among them.
enum DependencyOrder {
    /// The plan: every value and rule after what it reads (outputs after the rules that set
    /// them), with the cycles that prevent it.
    static func plan(_ symbols: SymbolTable, _ typed: TypedValues) -> ([PlanStep], [Diagnostic]) {
        let slotCount = symbols.slotCount
        var diagnostics: [Diagnostic] = []
        // Outputs depend on the rules that set them.
        var dependencies = typed.dependencies
        var settersByOutput: [Int: [Int]] = [:]
        for (rule, compiled) in typed.rules.enumerated() {
            for (slot, _) in compiled?.assignments ?? [] where settersByOutput[slot]?.last != rule {
                settersByOutput[slot, default: []].append(rule)
                dependencies[slot].append(slotCount + rule)
            }
        }
        var reported: Set<Int> = []
        func name(_ node: Int) -> String {
            node < slotCount ? symbols.slotDeclarations[node].name.text : "rule " + symbols.ruleDeclarations[node - slotCount].name.text
        }
        func range(_ node: Int) -> SourceRange {
            node < slotCount ? symbols.slotDeclarations[node].name.range : symbols.ruleDeclarations[node - slotCount].name.range
        }
        let order = postOrder(dependencies) { cycle in
            guard let node = cycle.first, reported.insert(node).inserted else { return }
            var cycle = cycle
            // A cycle through a rule is the rule's to fix: report it there.
            if let rule = cycle.firstIndex(where: { $0 >= slotCount }) {
                cycle = Array(cycle[rule...] + cycle[..<rule])
                let names = (cycle + [cycle[0]]).map(name).joined(separator: " → ")
                let ruleName = symbols.ruleDeclarations[cycle[0] - slotCount].name.text
                if cycle.count == 2 {
                    diagnostics.append(Diagnostic(OrderDiagnostic.ruleReadsWhatItSets(rule: ruleName, value: name(cycle[1])), at: range(cycle[0])))
                } else {
                    diagnostics.append(Diagnostic(OrderDiagnostic.ruleDependsOnItsResult(rule: ruleName, path: names), at: range(cycle[0])))
                }
            } else {
                let names = (cycle + [node]).map(name).joined(separator: " → ")
                diagnostics.append(Diagnostic(OrderDiagnostic.dependsOnItself(name(node), path: names), at: range(node)))
            }
        }

        // Tables are numbered in declaration order, as the rule base lists them.
        let tableIDs = Dictionary(uniqueKeysWithValues: typed.tables.keys.sorted().enumerated().map { ($1, TableID($0)) })
        let plan = order.compactMap { node -> PlanStep? in
            guard node < slotCount else { return .rule(RuleID(node - slotCount)) }
            let slot = SlotID(node)
            switch symbols.slotDeclarations[node] {
            case .question: return .question(slot, relevance: typed.questionRelevance[node])
            // A table that did not compile has an error; there is no rule base to plan for.
            case .table: return tableIDs[node].map { .table($0) }
            case .output: return .output(slot, rules: (settersByOutput[node] ?? []).map(RuleID.init))
            default: return .derive(slot, typed.derivedCode[node] ?? .constant(.boolean(false)))
            }
        }
        return (plan, diagnostics)
    }

    /// The nodes of a graph in depth-first post-order (each after the nodes it depends on),
    /// starting from each node in turn. Iterative, so long chains cannot exhaust the stack.
    /// `onCycle` receives each cycle found, as the path from the node closing it.
    static func postOrder(_ dependencies: [[Int]], onCycle: ([Int]) -> Void) -> [Int] {
        enum Mark { case unvisited, active, done }
        var marks = Array(repeating: Mark.unvisited, count: dependencies.count)
        var order: [Int] = []
        order.reserveCapacity(dependencies.count)
        for root in dependencies.indices where marks[root] == .unvisited {
            // Each frame: a node and how many of its dependencies have been looked at.
            var stack: [(node: Int, next: Int)] = [(root, 0)]
            marks[root] = .active
            while let (node, next) = stack.last {
                if next < dependencies[node].count {
                    stack[stack.count - 1].next += 1
                    let dependency = dependencies[node][next]
                    switch marks[dependency] {
                    case .done: continue
                    case .active:
                        let path = stack.map(\.node)
                        onCycle(Array(path[path.lastIndex(of: dependency)!...]))
                    case .unvisited:
                        marks[dependency] = .active
                        stack.append((dependency, 0))
                    }
                } else {
                    stack.removeLast()
                    marks[node] = .done
                    order.append(node)
                }
            }
        }
        return order
    }
}
