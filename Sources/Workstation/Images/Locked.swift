// A value shared between concurrent workers (views decoded and rendered side by side).
import Foundation

public final class Locked<Value>: @unchecked Sendable {
    private var stored: Value
    private let lock = NSLock()
    public init(_ value: Value) { stored = value }
    public var value: Value { lock.withLock { stored } }
    public func update(_ change: (inout Value) -> Void) { lock.withLock { change(&stored) } }
}
