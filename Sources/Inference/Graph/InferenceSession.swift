// Runs a model: compiles it once, plans per input shape, and keeps intermediate buffers between runs.
// Not thread-safe: use one session per thread (OpenBLAS threads inside each sgemm are separate).
import CKernels
import COpenBLAS

public final class InferenceSession {
    public let model: OnnxModel
    let graph: CompiledGraph
    private var plans: [PlanKey: ExecutionPlan] = [:]
    /// Buffers by slot, reused across steps and runs; their sizes follow the last plan used.
    private var storage: [[Float]] = []
    private var scratch: [Float] = []
    /// What a grown slot buffer is extended with, a block at a time.
    private static let zeros = [Float](repeating: 0, count: 1 << 16)

    private struct PlanKey: Hashable {
        var shapes: [String: [Int]]
        var options: RunOptions
    }

    /// Compiles the graph: every op must be supported (the error names the first that is not).
    public init(model: OnnxModel) throws {
        self.model = model
        do {
            graph = try CompiledGraph(model: model)
        } catch var error as InferenceError {
            error.path = error.path ?? model.path
            throw error
        }
    }

    /// Threads for every Conv (the vector kernels split bands of output rows over them) and every sgemm
    /// (OpenBLAS's) in this process; the other layers are single-threaded.
    public static func setThreadCount(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
        ck_set_threads(Int32(max(1, count)))
    }

    /// Runs the graph on `inputs` (by input name) and returns every graph output by name. With a seed,
    /// Dropout nodes sample (Monte-Carlo dropout); the same seed gives the same result.
    public func run(_ inputs: [String: Tensor], monteCarloDropout seed: UInt64? = nil) throws -> [String: Tensor] {
        let options = RunOptions(monteCarloDropoutSeed: seed)
        for name in inputs.keys where !graph.inputNames.contains(name) {
            throw InferenceError(path: model.path, reason: "the model has no input '\(name)' (inputs: \(graph.inputNames.joined(separator: ", ")))")
        }
        let plan = try self.plan(inputShapes: inputs.mapValues(\.shape), options: options)
        var values = [Tensor?](repeating: nil, count: plan.valueCount)
        for (name, id) in plan.inputIDs { values[id] = inputs[name] }
        if storage.count < plan.slotCount { storage += Array(repeating: [], count: plan.slotCount - storage.count) }
        var context = RunContext(options: options)
        // Moved, not shared: a second reference would make the first write of every run copy the buffer.
        context.scratch = scratch
        scratch = []
        defer { scratch = context.scratch }

        // Inputs read by a step are released after it, so a released buffer is uniquely owned again.
        try steps(plan.steps[...], values: &values, context: &context)
        return outputs(plan, values)
    }

    /// Monte-Carlo dropout samples, one per seed, each equal to `run(inputs, monteCarloDropout: seed)`:
    /// the steps before the first Dropout draw nothing random, so they run once and every sample
    /// continues from their results (for the bundled lesion model most of the work is before it).
    public func runMonteCarlo(_ inputs: [String: Tensor], seeds: [UInt64]) throws -> [[String: Tensor]] {
        guard let first = seeds.first else { return [] }
        for name in inputs.keys where !graph.inputNames.contains(name) {
            throw InferenceError(path: model.path, reason: "the model has no input '\(name)' (inputs: \(graph.inputNames.joined(separator: ", ")))")
        }
        let plan = try self.plan(inputShapes: inputs.mapValues(\.shape), options: RunOptions(monteCarloDropoutSeed: first))
        let split = plan.steps.firstIndex { graph.layers[$0.layerIndex] is DropoutLayer } ?? plan.steps.count
        var values = [Tensor?](repeating: nil, count: plan.valueCount)
        for (name, id) in plan.inputIDs { values[id] = inputs[name] }
        if storage.count < plan.slotCount { storage += Array(repeating: [], count: plan.slotCount - storage.count) }
        var prefix = RunContext(options: RunOptions(monteCarloDropoutSeed: first))
        prefix.scratch = scratch
        scratch = []
        try steps(plan.steps[..<split], values: &values, context: &prefix)
        // The prefix's values are shared by every sample: a sample writing into one of their
        // buffers copies it first (arrays are values), so each sample starts from the same state.
        let shared = values
        var samples: [[String: Tensor]] = []
        var scratchBuffer = prefix.scratch
        defer { scratch = scratchBuffer }
        for seed in seeds {
            var sampleValues = shared
            var context = RunContext(options: RunOptions(monteCarloDropoutSeed: seed))
            context.scratch = scratchBuffer
            try steps(plan.steps[split...], values: &sampleValues, context: &context)
            scratchBuffer = context.scratch
            samples.append(outputs(plan, sampleValues))
        }
        return samples
    }

    private func steps(_ steps: ArraySlice<ExecutionPlan.Step>, values: inout [Tensor?], context: inout RunContext) throws {
        for step in steps {
            let layer = graph.layers[step.layerIndex]
            try execute(step, layer: layer, values: &values, context: &context)
            for release in step.releases {
                var buffer: [Float] = []
                for id in release.values {
                    if let tensor = values[id] { buffer = tensor.data }
                    values[id] = nil
                }
                storage[release.slot] = buffer
            }
        }
    }

    private func outputs(_ plan: ExecutionPlan, _ values: [Tensor?]) -> [String: Tensor] {
        var results: [String: Tensor] = [:]
        for (name, source) in plan.outputs {
            switch source {
            case .value(let id): results[name] = values[id]
            case .constant(.float(let tensor)): results[name] = tensor
            case .constant(.int64(let tensor)): results[name] = Tensor(unchecked: tensor.shape, tensor.values.map { Float($0) })
            case .absent: break
            }
        }
        return results
    }

    private func execute(_ step: ExecutionPlan.Step, layer: any Layer, values: inout [Tensor?], context: inout RunContext) throws {
        let inputs: [GraphValue?] = try step.inputs.map { source in
            switch source {
            case .absent: return nil
            case .constant(let value): return value
            case .value(let id):
                guard let tensor = values[id] else { throw InferenceError.invalid(layer.node, "internal: input value \(id) was released early") }
                return .float(tensor)
            }
        }
        if step.aliases, case .float(let input)? = inputs.first {
            values[step.output] = Tensor(unchecked: step.shape, input.data)
            return
        }
        let count = step.shape.elementCount
        var buffer = storage[step.slot]
        storage[step.slot] = []
        // Keeps the allocation when it is large enough (the point of reusing slots) and writes only the values
        // added: kernels overwrite every element anyway.
        if buffer.count > count {
            buffer.removeLast(buffer.count - count)
        } else if buffer.count < count {
            buffer.reserveCapacity(count)
            // From a block of zeros (a memcpy): appending a repeated element went value by value, 9% of the
            // bundled model's time once the convs were vectorised.
            while buffer.count < count {
                buffer.append(contentsOf: Self.zeros.prefix(count - buffer.count))
            }
        }
        // Consumed so the tensor holds the only reference: a kernel's first write must not copy the buffer.
        var output = Tensor(unchecked: step.shape, consume buffer)
        do {
            try layer.run(inputs, output: &output, context: &context)
        } catch var error as InferenceError {
            error.path = error.path ?? model.path
            throw error
        }
        values[step.output] = output
    }

    func plan(inputShapes: [String: [Int]], options: RunOptions) throws -> ExecutionPlan {
        let key = PlanKey(shapes: inputShapes, options: options.monteCarloDropout ? RunOptions(monteCarloDropoutSeed: 0) : options)
        if let plan = plans[key] { return plan }
        let plan = try ExecutionPlan(graph: graph, inputShapes: inputShapes, options: options)
        plans[key] = plan
        return plan
    }
}
