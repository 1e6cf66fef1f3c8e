// What `mammoterm model info` shows about a model: ops, parameters, FLOPs, unsupported ops.

public struct ModelSummary: Sendable {
    /// Op type → number of nodes, as exported (before any fusion).
    public var opCounts: [String: Int]
    /// Values in all initializers (weights, biases, statistics).
    public var parameterCount: Int
    /// Floating-point operations of one run at the inputs' static shapes (symbolic dimensions taken as 1),
    /// multiply-add = 2; nil when the graph cannot be planned (unsupported ops, bad shapes).
    public var flops: Int?
    /// The shapes FLOPs were counted at, by input name.
    public var flopsInputShapes: [String: [Int]]
    /// Why FLOPs are unknown, when they are.
    public var planningError: String?
    public var unsupportedOps: [(op: String, node: String)]
}

extension OnnxModel {
    public var summary: ModelSummary {
        var counts: [String: Int] = [:]
        for node in nodes { counts[node.opType, default: 0] += 1 }
        let parameters = initializers.values.reduce(0) { $0 + $1.shape.elementCount }
        let shapes = Dictionary(uniqueKeysWithValues: inputs.map { ($0.name, $0.shape.map { $0 ?? 1 }) })
        var flops: Int?
        var planningError: String?
        do {
            // Unfused: the FLOPs of the graph as exported, not of our rewrite of it.
            let graph = try CompiledGraph(model: self, optimize: false)
            flops = try ExecutionPlan(graph: graph, inputShapes: shapes, options: RunOptions()).flops
        } catch {
            planningError = "\(error)"
        }
        return ModelSummary(
            opCounts: counts, parameterCount: parameters, flops: flops, flopsInputShapes: shapes,
            planningError: planningError, unsupportedOps: unsupportedOps
        )
    }
}
