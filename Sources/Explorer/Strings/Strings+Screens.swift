extension Strings {
    /// A screen's title in this language (the tabs, the help's title).
    ///
    /// Looked up by the screen's state-string name (`screen.cosine`), so a screen added
    /// to `Screen` shows its English `title` until the table has an entry for it.
    public func title(of screen: Screen) -> String {
        StringKey(rawValue: "screen." + screen.key).map { self[$0] } ?? screen.title
    }
}
