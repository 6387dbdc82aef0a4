import CBLAS
import Dispatch

/// How an analogy `a : b :: c : ?` is answered.
public enum AnalogyMethod: String, CaseIterable, Sendable {
    /// 3CosAdd: the word closest to b - a + c.
    case add
    /// 3CosMul (Levy & Goldberg 2014).
    case mul

    public var displayName: String { self == .add ? "3CosAdd" : "3CosMul" }
}

public struct AnalogyOptions {
    /// Only the first N words (the most frequent) are candidates; questions with a word outside them
    /// are skipped. 0 means all words.
    public var restrictVocab = 30_000
    public var method = AnalogyMethod.add
    public var caseInsensitive = true
    public var threads = 2
    /// Upper bound on the buffer of cosines computed per batch.
    public var scoreBufferBytes = 64 << 20
    public init() {}
}

/// Correct / answered / asked counts for a section or a group of sections.
public struct AnalogyCounts: Equatable {
    public var correct = 0
    /// Questions answered (all four words in the vocabulary); gensim's correct + incorrect.
    public var seen = 0
    /// Questions in the file.
    public var questions = 0
    /// correct / seen, nil when nothing was answered.
    public var accuracy: Double? { seen == 0 ? nil : Double(correct) / Double(seen) }

    mutating func add(_ other: AnalogyCounts) {
        correct += other.correct; seen += other.seen; questions += other.questions
    }
}

public struct AnalogyResult {
    public struct Section {
        public var name: String
        public var kind: AnalogySet.Kind
        public var counts: AnalogyCounts
    }
    public var path: String
    public var method: AnalogyMethod
    /// The number of candidate words actually used (restrict-vocab capped at the vocabulary size).
    public var candidates: Int
    public var sections: [Section]
    public var semantic = AnalogyCounts()
    public var syntactic = AnalogyCounts()
    public var total = AnalogyCounts()
}

/// Answers every question of an analogy set the way gensim's `evaluate_word_analogies` does, but in
/// batches: the cosines of a batch's distinct question words against all candidates come from one
/// `cblas_sgemm`, then each question combines its three rows (3CosAdd or 3CosMul), excludes a, b
/// and c, and takes the best candidate (ties: the more frequent word). As in gensim, a candidate
/// that is a case variant of a, b or c is passed over (among the top five).
public enum AnalogyEvaluator {
    struct Question {
        var a: Int32, b: Int32, c: Int32, d: Int32
        var slots = SIMD3<Int32>(repeating: -1)
    }

    public static func evaluate(_ set: AnalogySet, matrix: EmbeddingMatrix, options: AnalogyOptions = AnalogyOptions()) -> AnalogyResult {
        let vocabulary = EvaluationVocabulary(matrix, limit: options.restrictVocab, caseInsensitive: options.caseInsensitive)
        return evaluate(set, matrix: matrix, vocabulary: vocabulary, method: options.method,
                        threads: options.threads, scoreBufferBytes: options.scoreBufferBytes)
    }

    public static func evaluate(_ set: AnalogySet, matrix: EmbeddingMatrix, vocabulary: EvaluationVocabulary,
                                method: AnalogyMethod, threads: Int = 2, scoreBufferBytes: Int = 64 << 20) -> AnalogyResult {
        // Resolve words; questions with an unknown word are skipped (counted as asked, not seen).
        var questions: [Question] = []
        var sectionOf: [Int] = []
        var result = AnalogyResult(path: set.path, method: method, candidates: vocabulary.limit, sections: [])
        for (s, section) in set.sections.enumerated() {
            result.sections.append(.init(name: section.name, kind: section.kind,
                                         counts: AnalogyCounts(correct: 0, seen: 0, questions: section.questions.count)))
            for q in section.questions {
                guard let a = vocabulary.row(of: q.a), let b = vocabulary.row(of: q.b),
                      let c = vocabulary.row(of: q.c), let d = vocabulary.row(of: q.d) else { continue }
                questions.append(Question(a: Int32(a), b: Int32(b), c: Int32(c), d: Int32(d)))
                sectionOf.append(s)
            }
        }
        let correct = answer(&questions, matrix: matrix, vocabulary: vocabulary, method: method,
                             threads: threads, scoreBufferBytes: scoreBufferBytes)
        for (i, s) in sectionOf.enumerated() {
            result.sections[s].counts.seen += 1
            if correct[i] { result.sections[s].counts.correct += 1 }
        }
        for section in result.sections {
            result.total.add(section.counts)
            switch section.kind {
            case .semantic: result.semantic.add(section.counts)
            case .syntactic: result.syntactic.add(section.counts)
            case .unlabelled: break
            }
        }
        return result
    }

    /// What scoring one question gave: its prediction already, or its full row of scores.
    enum Scored {
        case predicted(Int32)
        case scores(UnsafeMutablePointer<Float>)
    }

    /// A batch of questions and the distinct word rows whose cosines it needs.
    struct WordBatch {
        var questions: Range<Int>
        var rows: [Int32]
    }

    /// Groups consecutive questions so that each batch needs at most `maxWords` distinct words, and
    /// stores in each question the slots of its a, b, c rows within its batch.
    static func planWordBatches(_ questions: inout [Question], maxWords: Int, candidates n: Int) -> [WordBatch] {
        var batches: [WordBatch] = []
        var slotOf = [Int32](repeating: -1, count: n)
        var rows: [Int32] = []
        var start = 0
        for i in questions.indices {
            let q = questions[i]
            let needed = (slotOf[Int(q.a)] < 0 ? 1 : 0) + (slotOf[Int(q.b)] < 0 && q.b != q.a ? 1 : 0)
                + (slotOf[Int(q.c)] < 0 && q.c != q.a && q.c != q.b ? 1 : 0)
            if rows.count + needed > maxWords {
                batches.append(WordBatch(questions: start..<i, rows: rows))
                for r in rows { slotOf[Int(r)] = -1 }
                rows.removeAll(keepingCapacity: true)
                start = i
            }
            var slots = SIMD3<Int32>()
            for (k, r) in [q.a, q.b, q.c].enumerated() {
                if slotOf[Int(r)] < 0 {
                    slotOf[Int(r)] = Int32(rows.count)
                    rows.append(r)
                }
                slots[k] = slotOf[Int(r)]
            }
            questions[i].slots = slots
        }
        if start < questions.count { batches.append(WordBatch(questions: start..<questions.count, rows: rows)) }
        return batches
    }

    /// Returns, for each question, whether its predicted answer is d.
    ///
    /// Two ways to batch, both bounded by `scoreBufferBytes` of cosines (rows x candidates):
    /// - word rows: one sgemm gives the cosines of a batch's distinct words with every candidate,
    ///   then each question combines its three rows (3CosAdd or 3CosMul). Questions of a section
    ///   share most words, so this needs far fewer rows than questions when batches are large.
    /// - query rows (3CosAdd only): one row b + c - a per question. Used when the buffer is too
    ///   small for word batches to pay (e.g. a very large candidate set).
    static func answer(_ questions: inout [Question], matrix: EmbeddingMatrix, vocabulary: EvaluationVocabulary,
                       method: AnalogyMethod, threads: Int, scoreBufferBytes: Int) -> [Bool] {
        let n = vocabulary.limit, dim = matrix.dim
        guard !questions.isEmpty, n > 0 else { return [Bool](repeating: false, count: questions.count) }
        let maxRows = max(3, scoreBufferBytes / (n * 4))
        let batches = planWordBatches(&questions, maxWords: maxRows, candidates: n)
        let wordRows = batches.reduce(0) { $0 + $1.rows.count }
        let byQuery = method == .add && wordRows > questions.count
        let workers = max(1, threads)
        let inputs = UnsafeMutablePointer<Float>.allocate(capacity: maxRows * dim)
        let scores = UnsafeMutablePointer<Float>.allocate(capacity: maxRows * n)
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: workers * n)
        let correct = UnsafeMutablePointer<Bool>.allocate(capacity: questions.count)
        correct.initialize(repeating: false, count: questions.count)
        defer { inputs.deallocate(); scores.deallocate(); scratch.deallocate(); correct.deallocate() }
        let all = questions

        /// scores[row, candidate] = inputs[row] . candidate, for `rows` input rows.
        func multiply(_ rows: Int) {
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(n), Int32(dim),
                        1, inputs, Int32(dim), matrix.vectors, Int32(dim), 0, scores, Int32(n))
        }

        /// Runs `score(question, worker)` for every question in `range`, split over the workers; it
        /// gives the prediction, or a full score row (writable) to predict from.
        func predictAll(_ range: Range<Int>, _ score: @escaping (Int, Int) -> Scored) {
            let perWorker = (range.count + workers - 1) / workers
            do {
                vocabulary.representative.withUnsafeBufferPointer { representative in
                    let work = { (w: Int) in
                        let lo = range.lowerBound + w * perWorker
                        let hi = min(range.upperBound, lo + perWorker)
                        guard lo < hi else { return }
                        for i in lo..<hi {
                            let predicted: Int32
                            switch score(i, w) {
                            case .predicted(let r): predicted = r
                            case .scores(let row): predicted = predict(row, count: n, q: all[i], representative: representative)
                            }
                            correct[i] = predicted == all[i].d
                        }
                    }
                    if workers == 1 || range.count < 64 {
                        for w in 0..<workers { work(w) }
                    } else {
                        DispatchQueue.concurrentPerform(iterations: workers, execute: work)
                    }
                }
            }
        }

        if byQuery {
            var start = 0
            while start < all.count {
                let range = start ..< min(all.count, start + maxRows)
                for i in range {
                    let q = all[i], out = inputs + (i - start) * dim
                    let va = matrix.row(Int(q.a)), vb = matrix.row(Int(q.b)), vc = matrix.row(Int(q.c))
                    for j in 0..<dim { out[j] = vb[j] + vc[j] - va[j] }
                }
                multiply(range.count)
                predictAll(range) { i, _ in .scores(scores + (i - start) * n) }
                start = range.upperBound
            }
        } else {
            for batch in batches {
                for (slot, row) in batch.rows.enumerated() {
                    (inputs + slot * dim).update(from: matrix.row(Int(row)), count: dim)
                }
                multiply(batch.rows.count)
                predictAll(batch.questions) { i, w in
                    let q = all[i]
                    let ra = scores + Int(q.slots.x) * n, rb = scores + Int(q.slots.y) * n
                    let rc = scores + Int(q.slots.z) * n
                    let excluded = SIMD3<Int32>(q.a, q.b, q.c)
                    // Fast path: one fused pass finds the best candidate; only when it is a case
                    // variant of a, b or c is the full row needed (gensim's top-five walk).
                    let best = method == .add
                        ? ScoreKernels.bestCandidate(AddCombiner.self, a: ra, b: rb, c: rc, count: n, excluded: excluded)
                        : ScoreKernels.bestCandidate(MulCombiner.self, a: ra, b: rb, c: rc, count: n, excluded: excluded)
                    if let best {
                        let r = vocabulary.representative[best]
                        if r != q.a && r != q.b && r != q.c { return .predicted(r) }
                    } else {
                        return .predicted(-1)
                    }
                    let out = scratch + w * n
                    switch method {
                    case .add: ScoreKernels.add(a: ra, b: rb, c: rc, out: out, count: n)
                    case .mul: ScoreKernels.mul(a: ra, b: rb, c: rc, out: out, count: n)
                    }
                    return .scores(out)
                }
            }
        }
        return Array(UnsafeBufferPointer(start: correct, count: all.count))
    }

    /// gensim's choice: among the top five candidates other than a, b and c, the first whose
    /// (upper-cased) form is not that of a, b or c; if all five are, the fifth. Returns the
    /// representative row of the chosen word, or -1 when there is no candidate at all.
    @inline(__always)
    static func predict(_ scores: UnsafeMutablePointer<Float>, count n: Int, q: Question,
                        representative: UnsafeBufferPointer<Int32>) -> Int32 {
        scores[Int(q.a)] = -.infinity
        scores[Int(q.b)] = -.infinity
        scores[Int(q.c)] = -.infinity
        var predicted: Int32 = -1
        for _ in 0..<5 {
            guard let best = ScoreKernels.argmax(scores, count: n) else { break }
            predicted = representative[best]
            if predicted != q.a && predicted != q.b && predicted != q.c { break }
            scores[best] = -.infinity
        }
        return predicted
    }
}
