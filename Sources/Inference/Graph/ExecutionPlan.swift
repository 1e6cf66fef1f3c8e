// What a run of a compiled graph does for given input shapes: the steps left after plan-time folding,
// every value's shape, and which reusable buffer ("slot") each step writes — a slot is freed after its
// value's last consumer and handed to the next value that fits.

struct ExecutionPlan: Sendable {
    enum Source: Sendable {
        case absent
        case constant(GraphValue)
        case value(Int)
    }

    struct Step: Sendable {
        var layerIndex: Int
        var inputs: [Source]
        var output: Int
        var shape: [Int]
        /// True when the output shares input 0's storage (Reshape, Flatten, identity Dropout ...).
        var aliases: Bool
        /// The buffer written (unused when aliasing).
        var slot: Int
        /// After this step: slots whose values are all dead, with the value ids holding them.
        var releases: [(slot: Int, values: [Int])]
    }

    var steps: [Step] = []
    var inputIDs: [String: Int] = [:]
    var outputs: [(name: String, source: Source)] = []
    var valueCount = 0
    var slotCount = 0
    /// Every value's shape by name, for the summary and messages.
    var shapes: [String: [Int]] = [:]
    /// FLOPs of the steps that run (folded nodes cost nothing at run time).
    var flops = 0

    init(graph: CompiledGraph, inputShapes: [String: [Int]], options: RunOptions) throws {
        var planned: [String: PlannedValue] = graph.constants.mapValues { PlannedValue(shape: $0.shape, constant: $0) }
        var ids: [String: Int] = [:]
        for name in graph.inputNames {
            guard let shape = inputShapes[name] else { throw InferenceError(reason: "input '\(name)' is missing") }
            planned[name] = PlannedValue(shape: shape, constant: nil)
            ids[name] = valueCount
            inputIDs[name] = valueCount
            valueCount += 1
            shapes[name] = shape
        }
        var root: [Int] = Array(0..<valueCount) // alias groups: each value → the value owning its storage
        for (layerIndex, layer) in graph.layers.enumerated() {
            let node = layer.node
            let inputs: [PlannedValue?] = try node.inputs.map { name in
                guard !name.isEmpty else { return nil }
                guard let value = planned[name] else { throw InferenceError.invalid(node, "input '\(name)' is not available") }
                return value
            }
            guard let outputName = node.outputs.first else { continue }
            if let folded = try layer.fold(inputs) {
                planned[outputName] = PlannedValue(shape: folded.shape, constant: folded)
                shapes[outputName] = folded.shape
                continue
            }
            let shape = try layer.outputShape(inputs)
            planned[outputName] = PlannedValue(shape: shape, constant: nil)
            shapes[outputName] = shape
            let sources: [Source] = node.inputs.map { name in
                if name.isEmpty { return .absent }
                if let id = ids[name] { return .value(id) }
                return planned[name]?.constant.map(Source.constant) ?? .absent
            }
            let id = valueCount
            valueCount += 1
            ids[outputName] = id
            let aliases: Bool
            if layer.aliasesInput(options), case .value(let source)? = sources.first {
                aliases = true
                root.append(root[source])
            } else {
                aliases = false
                root.append(id)
            }
            flops += layer.flops(inputs.map { $0?.shape ?? [] }, output: shape)
            steps.append(Step(layerIndex: layerIndex, inputs: sources, output: id, shape: shape, aliases: aliases, slot: -1, releases: []))
        }
        for name in graph.outputNames {
            if let id = ids[name] {
                outputs.append((name, .value(id)))
            } else if let constant = planned[name]?.constant {
                outputs.append((name, .constant(constant)))
            } else {
                throw InferenceError(reason: "graph output '\(name)' is produced by no node")
            }
        }
        assignSlots(root: root)
    }

    /// Greedy best fit over the steps in order; values of one alias group share a slot. Graph inputs own
    /// no slot (the caller's memory) and graph outputs keep theirs (handed to the caller).
    private mutating func assignSlots(root: [Int]) {
        let external = Set(inputIDs.values)
        let kept = Set(outputs.compactMap { if case .value(let id) = $0.source { root[id] } else { nil } })
        var lastUse = [Int](repeating: -1, count: valueCount)
        var members: [Int: [Int]] = [:]
        for (index, step) in steps.enumerated() {
            for case .value(let id) in step.inputs { lastUse[root[id]] = max(lastUse[root[id]], index) }
            lastUse[root[step.output]] = max(lastUse[root[step.output]], index)
            members[root[step.output], default: []].append(step.output)
        }
        var capacity: [Int] = []
        var free: [Int] = []
        var slotOf: [Int: Int] = [:]
        for index in steps.indices {
            let step = steps[index]
            let owner = root[step.output]
            if !step.aliases, !external.contains(owner) {
                let need = step.shape.elementCount
                let fitting = free.filter { capacity[$0] >= need }.min { capacity[$0] < capacity[$1] }
                let slot = fitting ?? free.max { capacity[$0] < capacity[$1] } ?? {
                    capacity.append(0)
                    return capacity.count - 1
                }()
                free.removeAll { $0 == slot }
                capacity[slot] = max(capacity[slot], need)
                slotOf[owner] = slot
                steps[index].slot = slot
            }
            // Groups whose last reader was this step give their slot back.
            for (group, values) in members where lastUse[group] == index && !kept.contains(group) && !external.contains(group) {
                guard let slot = slotOf[group] else { continue }
                steps[index].releases.append((slot, values))
                free.append(slot)
            }
        }
        slotCount = capacity.count
    }
}
