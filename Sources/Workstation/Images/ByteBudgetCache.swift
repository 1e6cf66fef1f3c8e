// A thread-safe least-recently-used cache bounded by bytes, not entries: a decoded full-size
// view weighs 50 MB and a braille picture 100 kB, so a count limit would be wrong for both.
import Foundation

public final class ByteBudgetCache<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    // @unchecked: every access to the stored entries goes through `lock`.
    private struct Entry {
        var value: Value
        var bytes: Int
        var lastUse: UInt64
    }

    public let budget: Int
    private let lock = NSLock()
    private var entries: [Key: Entry] = [:]
    private var clock: UInt64 = 0
    private var used = 0

    /// `budget`: the most bytes kept; a single value larger than that is not kept at all.
    public init(budget: Int) { self.budget = max(budget, 0) }

    public func value(for key: Key) -> Value? {
        lock.withLock {
            guard var entry = entries[key] else { return nil }
            clock += 1
            entry.lastUse = clock
            entries[key] = entry
            return entry.value
        }
    }

    /// Keeps `value` (weighing `bytes`), evicting the least recently used entries to fit.
    public func insert(_ value: Value, bytes: Int, for key: Key) {
        lock.withLock {
            if let old = entries.removeValue(forKey: key) { used -= old.bytes }
            guard bytes <= budget else { return }
            clock += 1
            entries[key] = Entry(value: value, bytes: bytes, lastUse: clock)
            used += bytes
            while used > budget, let victim = entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key {
                used -= entries.removeValue(forKey: victim)?.bytes ?? 0
            }
        }
    }

    /// The cached value, or `make()`'s (computed outside the lock, so other keys stay usable).
    public func value(for key: Key, bytes: (Value) -> Int, make: () throws -> Value) rethrows -> Value {
        if let hit = value(for: key) { return hit }
        let made = try make()
        insert(made, bytes: bytes(made), for: key)
        return made
    }

    public var usedBytes: Int { lock.withLock { used } }
    public var count: Int { lock.withLock { entries.count } }
    public func contains(_ key: Key) -> Bool { lock.withLock { entries[key] != nil } }
    public func removeAll() { lock.withLock { entries.removeAll(); used = 0 } }
    public func remove(for key: Key) { lock.withLock { used -= entries.removeValue(forKey: key)?.bytes ?? 0 } }
}
