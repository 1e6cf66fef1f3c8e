// A structured report's content tree as items in document order (a parent before its children,
// siblings in order), the form the dcmsr shim reads and writes. Item positions are the
// standard's "1.2.3" paths (PS3.3 C.17.3.2.5), used to name an item in a message.

public struct SRContentTree: Hashable, Sendable {
    public private(set) var items: [SRContentItem]
    private var childLists: [[Int]]

    public init() {
        items = []
        childLists = []
    }

    public init(items: [SRContentItem]) {
        self.init()
        for item in items { append(item) }
    }

    /// Adds an item under `parent` (nil: the root) and returns its index.
    @discardableResult
    public mutating func add(_ relationship: SRContentItem.Relationship, _ concept: SRCode?, _ value: SRContentItem.Value,
                             under parent: Int?) -> Int {
        append(SRContentItem(parent: parent, relationship: parent == nil ? .root : relationship, concept: concept, value: value))
    }

    @discardableResult
    mutating func append(_ item: SRContentItem) -> Int {
        let index = items.count
        items.append(item)
        childLists.append([])
        if let parent = item.parent, childLists.indices.contains(parent) { childLists[parent].append(index) }
        return index
    }

    public var root: Int? { items.isEmpty ? nil : 0 }

    public subscript(index: Int) -> SRContentItem { items[index] }

    public func children(of index: Int) -> [Int] { childLists.indices.contains(index) ? childLists[index] : [] }

    /// Children of `index` whose concept is `concept` (and, when given, whose relationship is `relationship`).
    public func children(of index: Int, named concept: SRCode, _ relationship: SRContentItem.Relationship? = nil) -> [Int] {
        children(of: index).filter { child in
            guard let name = items[child].concept, name.means(concept) else { return false }
            return relationship.map { items[child].relationship == $0 } ?? true
        }
    }

    public func firstChild(of index: Int, named concept: SRCode, _ relationship: SRContentItem.Relationship? = nil) -> Int? {
        children(of: index, named: concept, relationship).first
    }

    /// The item's position, "1" for the root, "1.3.2" for the second child of the root's third.
    public func position(of index: Int) -> String {
        var parts: [Int] = []
        var current = index
        while let parent = items[current].parent {
            parts.append((childLists[parent].firstIndex(of: current) ?? 0) + 1)
            current = parent
        }
        parts.append(1)
        return parts.reversed().map(String.init).joined(separator: ".")
    }

    /// The target of a by-reference item, or the item itself.
    public func resolved(_ index: Int) -> Int? {
        if case .reference(let target) = items[index].value { return target }
        return index
    }
}
