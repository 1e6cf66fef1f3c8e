// Dropout is the identity by default; Monte-Carlo dropout samples reproducibly from a seed.
import Foundation
@testable import Inference
import Testing

@Suite("Monte-Carlo dropout")
struct DropoutTests {
    func session(ratio: Float) throws -> InferenceSession {
        var builder = ModelBuilder(shape: [1, 10_000])
        builder.initializer("ratio", shape: [], floats: [ratio])
        builder.node("Dropout", ["x", "ratio"], "y")
        builder.output("y")
        return try InferenceSession(model: try OnnxModel(serializedData: try builder.serialized()))
    }

    @Test func identityUnlessAsked() throws {
        let input = Tensor(shape: [1, 10_000], repeating: 2)
        #expect(try session(ratio: 0.3).run(["x": input])["y"] == input)
    }

    @Test func sampledAtTheRatioAndScaled() throws {
        let session = try session(ratio: 0.3)
        let input = Tensor(shape: [1, 10_000], repeating: 2)
        let first = try #require(try session.run(["x": input], monteCarloDropout: 7)["y"])
        let dropped = first.data.filter { $0 == 0 }.count
        #expect(abs(Float(dropped) / 10_000 - 0.3) < 0.02)
        // Kept values are scaled by 1 / (1 - p): the expectation is unchanged.
        #expect(first.data.allSatisfy { $0 == 0 || abs($0 - 2 / 0.7) < 1e-5 })
        #expect(try session.run(["x": input], monteCarloDropout: 7)["y"] == first)
        #expect(try session.run(["x": input], monteCarloDropout: 8)["y"] != first)
    }
}
