/// A B×C matrix of doubles, row-major, with value semantics: the batch loss's gradient.
///
/// It is a `RandomAccessCollection` of its `rows·columns` elements in row-major order (index
/// `i·columns + j`, as the batch's cosines), so the code written for a `[Double]` gradient —
/// `gradient[i * c + j]`, slices, `zip`, `allSatisfy` — works unchanged; `[Double](matrix)`
/// copies it into an array (one `memcpy`) for callers that want one.
///
/// Unlike an array, its memory comes from a `GradientPool` and goes back there when the last
/// copy is released, so the next gradient of the same size does not pay the operating system's
/// first-touch cost (see `GradientPool`). Copies share storage until one is written to
/// (copy on write), like `Array`.
public struct GradientMatrix: RandomAccessCollection, MutableCollection, Sendable {
    public typealias Index = Int
    public typealias Element = Double
    public typealias Indices = Range<Int>
    public typealias SubSequence = Slice<GradientMatrix>

    /// B: the number of samples.
    public let rows: Int
    /// C: the number of classes.
    public let columns: Int
    private var storage: GradientStorage

    /// A matrix whose every element is written by `initialize` (given the start of `rows·columns`
    /// uninitialised doubles), in storage from `pool`.
    init(rows: Int, columns: Int, pool: GradientPool, initialize: (UnsafeMutablePointer<Double>) throws -> Void) rethrows {
        precondition(rows >= 0 && columns >= 0, "GradientMatrix: negative shape \(rows)×\(columns)")
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        precondition(!overflow, "GradientMatrix: \(rows)×\(columns) elements overflow")
        self.rows = rows
        self.columns = columns
        storage = pool.storage(count: count)
        try initialize(storage.base)
    }

    /// A `rows`×`columns` matrix holding `elements` (row-major; `rows·columns` of them).
    public init<Elements: Collection<Double>>(rows: Int, columns: Int, elements: Elements) {
        precondition(elements.count == rows * columns, "GradientMatrix: \(elements.count) elements for \(rows)×\(columns)")
        self.init(rows: rows, columns: columns, pool: .shared) { base in
            let buffer = UnsafeMutableBufferPointer(start: base, count: rows * columns)
            _ = buffer.initialize(fromContentsOf: elements)
        }
    }

    /// A `rows`×`columns` matrix with every element `value`.
    public init(rows: Int, columns: Int, repeating value: Double) {
        self.init(rows: rows, columns: columns, pool: .shared) { base in
            base.initialize(repeating: value, count: rows * columns)
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { storage.count }
    public var count: Int { storage.count }
    public var indices: Range<Int> { 0..<storage.count }

    public subscript(position: Int) -> Double {
        get {
            precondition(position >= 0 && position < storage.count, "GradientMatrix: index \(position) out of range")
            return storage.base[position]
        }
        set {
            precondition(position >= 0 && position < storage.count, "GradientMatrix: index \(position) out of range")
            makeUnique()
            storage.base[position] = newValue
        }
    }

    /// The element at row `row` (sample), column `column` (class).
    public subscript(row: Int, column: Int) -> Double {
        get {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "GradientMatrix: (\(row), \(column)) out of range")
            return storage.base[row * columns + column]
        }
        set {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "GradientMatrix: (\(row), \(column)) out of range")
            makeUnique()
            storage.base[row * columns + column] = newValue
        }
    }

    /// Row `row` (one sample's ∂L/∂cos θ over the classes), as a slice of the matrix.
    public func row(_ row: Int) -> Slice<GradientMatrix> {
        precondition(row >= 0 && row < rows, "GradientMatrix: row \(row) out of range")
        return self[(row * columns)..<((row + 1) * columns)]
    }

    /// Calls `body` with the elements, row-major, valid only during the call.
    public func withUnsafeBufferPointer<R, E: Error>(_ body: (UnsafeBufferPointer<Double>) throws(E) -> R) throws(E) -> R {
        try withExtendedLifetime(storage) { () throws(E) -> R in
            try body(UnsafeBufferPointer(start: storage.base, count: storage.count))
        }
    }

    /// Calls `body` with the elements to change in place, valid only during the call.
    public mutating func withUnsafeMutableBufferPointer<R, E: Error>(
        _ body: (UnsafeMutableBufferPointer<Double>) throws(E) -> R
    ) throws(E) -> R {
        makeUnique()
        let storage = self.storage
        return try withExtendedLifetime(storage) { () throws(E) -> R in
            try body(UnsafeMutableBufferPointer(start: storage.base, count: storage.count))
        }
    }

    public func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R? {
        try withExtendedLifetime(storage) { try body(UnsafeBufferPointer(start: storage.base, count: storage.count)) }
    }

    public mutating func withContiguousMutableStorageIfAvailable<R>(
        _ body: (inout UnsafeMutableBufferPointer<Double>) throws -> R
    ) rethrows -> R? {
        makeUnique()
        let storage = self.storage
        return try withExtendedLifetime(storage) {
            var buffer = UnsafeMutableBufferPointer(start: storage.base, count: storage.count)
            return try body(&buffer)
        }
    }

    /// Where the elements are: for tests that check a pool block was reused, or not shared.
    var baseAddress: UnsafeRawPointer { UnsafeRawPointer(storage.base) }

    /// Gives this matrix its own storage before a write if another copy shares it.
    private mutating func makeUnique() {
        guard !isKnownUniquelyReferenced(&storage) else { return }
        let old = storage
        storage = (old.pool ?? .shared).storage(count: old.count)
        storage.base.initialize(from: old.base, count: old.count)
    }
}

extension GradientMatrix: Equatable {
    /// Same shape and every element `==` (so, like `[Double]`, a NaN makes two matrices unequal
    /// unless they share storage).
    public static func == (a: GradientMatrix, b: GradientMatrix) -> Bool {
        guard a.rows == b.rows, a.columns == b.columns else { return false }
        if a.storage === b.storage { return true }
        return a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in x.elementsEqual(y) } }
    }
}

extension GradientMatrix: CustomStringConvertible {
    /// The shape, and the elements when there are at most 64.
    public var description: String {
        let shape = "GradientMatrix(\(rows)×\(columns)"
        guard count <= 64 else { return shape + ")" }
        return shape + ": " + Array(self).description + ")"
    }
}

extension Array where Element == Double {
    /// The matrix's elements, row-major.
    public init(_ matrix: GradientMatrix) {
        self = matrix.withUnsafeBufferPointer { [Double]($0) }
    }
}
