// The Inference module's one error type: what failed, where (file, node, op), and why.
import Foundation

public struct InferenceError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The model or data file involved, when the error came from reading one.
    public var path: String?
    /// The graph node's name and op type, when the error is about one node.
    public var node: String?
    public var op: String?
    public var reason: String

    public init(path: String? = nil, node: String? = nil, op: String? = nil, reason: String) {
        self.path = path
        self.node = node
        self.op = op
        self.reason = reason
    }

    public var description: String {
        var parts: [String] = []
        if let path { parts.append(path) }
        if let op {
            parts.append("\(op) node '\(node ?? "")'")
        } else if let node {
            parts.append("node '\(node)'")
        }
        parts.append(reason)
        return parts.joined(separator: ": ")
    }

    /// An op or attribute value the engine does not implement.
    static func unsupported(_ node: NodeInfo, _ what: String) -> InferenceError {
        InferenceError(node: node.name, op: node.opType, reason: "unsupported \(what)")
    }

    static func invalid(_ node: NodeInfo, _ what: String) -> InferenceError {
        InferenceError(node: node.name, op: node.opType, reason: what)
    }
}
