/// A few items kept for reuse, the most recently used last: adding one beyond `limit` drops the
/// least recently used. The batch engine keeps its per-scale sums and its rank counts in these.
struct RecentlyUsed<Item> {
    let limit: Int
    private(set) var items: [Item] = []

    init(limit: Int) { self.limit = limit }

    var mostRecent: Item? { items.last }

    func contains(where matches: (Item) -> Bool) -> Bool { items.contains(where: matches) }

    /// The first item that `matches`, made the most recent; nil when none does.
    mutating func use(where matches: (Item) -> Bool) -> Item? {
        guard let i = items.firstIndex(where: matches) else { return nil }
        let item = items.remove(at: i)
        items.append(item)
        return item
    }

    /// Adds `item` as the most recent, or with `belowMostRecent` just before the most recent one
    /// (work done ahead of need, which leaves the item in use the most recent).
    mutating func add(_ item: Item, belowMostRecent: Bool = false) {
        items.insert(item, at: belowMostRecent && !items.isEmpty ? items.count - 1 : items.count)
        if items.count > limit { items.removeFirst() }
    }
}
