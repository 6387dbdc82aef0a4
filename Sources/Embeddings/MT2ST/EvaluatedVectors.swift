/// A word's vector as it is written out and evaluated, composed from the shared table's rows, and
/// how a change of that vector goes back to the rows. The auxiliary objectives read and move
/// these vectors (not raw rows), so they train what the evaluation scores, whatever the model:
///
/// - `inputRow` (Skip-Gram, CBOW, GloVe writing W): the word's input row itself.
/// - `subwordMean` (FastText): the mean of the word's own row and its n-gram rows; a change Δ of
///   the vector is added to every one of those rows (the mean then moves by exactly Δ; it is also
///   what fastText does with the gradient of the mean).
/// - `inputPlusOutput` (GloVe writing W + W~): the sum of the word's input and output rows; Δ/2
///   goes to each (the sum moves by Δ).
///
/// The arithmetic of `load` is that of the writers (`SubwordVectors.mean`, GloVe's
/// `finalizeVectors`), so a vector scored during training is bit-identical to the one written.
/// Raw pointers only: valid while the table (and the `SubwordRowTable`) live.
///
/// FLOPs (D = dim; an axpy is 2D, an add or a scale D) are returned by `load` and `add` so
/// callers can count exactly what they did.
@frozen
public struct EvaluatedVectors: @unchecked Sendable {
    public enum Composition: @unchecked Sendable {
        case inputRow
        case subwordMean(SubwordRows)
        case inputPlusOutput
    }

    @usableFromInline let table: TableHandle
    public let composition: Composition
    /// Number of words (the first `words` input rows are the vocabulary's).
    public let words: Int

    public init(table: TableHandle, words: Int, composition: Composition = .inputRow) {
        precondition(words <= table.inputRows)
        self.table = table
        self.words = words
        self.composition = composition
    }

    /// FastText's word vectors: the mean of each word's rows in `rows` (which must outlive this).
    public static func subwordMean(table: TableHandle, rows: SubwordRowTable) -> EvaluatedVectors {
        EvaluatedVectors(table: table, words: rows.words, composition: .subwordMean(rows.handle))
    }

    public var dim: Int { table.dim }
    public var stride: Int { table.stride }

    /// Whether the vectors are the input rows themselves (then no composition is needed to read them).
    public var isInputRows: Bool {
        if case .inputRow = composition { return true }
        return false
    }

    /// Writes word `w`'s vector into `out` (`stride` floats); returns its FLOPs.
    @inlinable @inline(__always)
    public func load(_ w: Int, into out: UnsafeMutablePointer<Float>) -> Int {
        let st = table.stride
        switch composition {
        case .inputRow:
            VectorKernels.copy(table.inputRow(w), out, st)
            return 0
        case .subwordMean(let subwords):
            let (rows, count) = subwords.rows(of: w)
            VectorKernels.meanOfRows(table, rows, count, into: out)
            return count > 1 ? count &* table.dim : 0
        case .inputPlusOutput:
            VectorKernels.copy(table.inputRow(w), out, st)
            VectorKernels.axpy(1, table.outputRow(w), out, st)
            return 2 &* table.dim
        }
    }

    /// Adds `alpha · x` to word `w`'s vector (through its rows, see the type); returns its FLOPs.
    @inlinable @inline(__always)
    public func add(_ alpha: Float, _ x: UnsafePointer<Float>, to w: Int) -> Int {
        let st = table.stride
        switch composition {
        case .inputRow:
            VectorKernels.axpy(alpha, x, table.inputRow(w), st)
            return 2 &* table.dim
        case .subwordMean(let subwords):
            let (rows, count) = subwords.rows(of: w)
            VectorKernels.axpyRows(alpha, x, table, rows, count)
            return 2 &* count &* table.dim
        case .inputPlusOutput:
            VectorKernels.axpy(0.5 * alpha, x, table.inputRow(w), st)
            VectorKernels.axpy(0.5 * alpha, x, table.outputRow(w), st)
            return 4 &* table.dim
        }
    }

    /// Calls `body` with the vectors of all words, `stride` apart (valid only inside `body`): the
    /// input rows themselves for `inputRow`, else composed into `buffer` (`words × stride` floats,
    /// allocated by the caller; needed unless `isInputRows`).
    public func withVectors<R>(composingInto buffer: UnsafeMutablePointer<Float>?,
                               _ body: (UnsafePointer<Float>) throws -> R) rethrows -> R {
        if isInputRows { return try body(UnsafePointer(table.input)) }
        guard let buffer else { preconditionFailure("composed vectors need a buffer") }
        for w in 0..<words { _ = load(w, into: buffer + w * stride) }
        return try body(UnsafePointer(buffer))
    }
}
