/// The sorted runs spilled during counting, merged in levels (as in a log-structured merge tree)
/// so that no merge reads more than `fanIn` runs at once and each record is rewritten only about
/// log_fanIn(runs) times.
///
/// Level L keeps its runs, as ranges of records, in one temporary file: a spill appends a run to
/// level 0; when a level holds `fanIn` runs they are merged into one run appended to level L+1,
/// and the level starts a fresh file (the old one is closed and its space freed). So only one
/// file per level is ever open, and read buffers stay bounded however large the corpus.
final class CooccurrenceSpill {
    struct Level {
        var file: TemporaryFile
        var runs: [Range<Int>] = []
        var end = 0
    }

    let directory: String
    let fanIn: Int
    let bufferBytes: Int
    private var levels: [Level]
    /// Runs spilled, and merges of runs done before the final one, for the report.
    private(set) var spills = 0
    private(set) var intermediateMerges = 0

    init(directory: String, fanIn: Int, bufferBytes: Int) throws {
        precondition(fanIn >= 3, "the final merge needs room for the in-memory runs")
        self.directory = directory
        self.fanIn = fanIn
        self.bufferBytes = bufferBytes
        levels = [Level(file: try TemporaryFile(directory: directory, purpose: "runs"))]
    }

    var runCount: Int { levels.reduce(0) { $0 + $1.runs.count } }

    /// Appends a sorted, duplicate-free run.
    func append(_ run: UnsafeMutableBufferPointer<CooccurrenceCount>) throws {
        guard let base = run.baseAddress, run.count > 0 else { return }
        try append(level: 0) { file, offset in
            try file.write(base, count: run.count * MemoryLayout<CooccurrenceCount>.stride,
                           at: offset * MemoryLayout<CooccurrenceCount>.stride)
            return run.count
        }
        spills += 1
    }

    /// Writes one run at the end of `level` through `write(file, firstRecord) -> records`, then
    /// merges the level into the next if it is full.
    private func append(level l: Int, _ write: (TemporaryFile, Int) throws -> Int) throws {
        if l == levels.count { levels.append(Level(file: try TemporaryFile(directory: directory, purpose: "runs"))) }
        let start = levels[l].end
        let n = try write(levels[l].file, start)
        if n > 0 {
            levels[l].runs.append(start..<(start + n))
            levels[l].end += n
        }
        if levels[l].runs.count >= fanIn { try mergeLevel(l) }
    }

    /// Merges all runs of level `l` into one run of level `l + 1` and empties level `l`.
    private func mergeLevel(_ l: Int) throws {
        let cursors = levels[l].runs.map { MergeCursor.file(levels[l].file, range: $0, bufferBytes: bufferBytes) }
        try append(level: l + 1) { file, offset in
            var writer = RecordWriter<CooccurrenceCount>(file: file, bufferBytes: bufferBytes, startOffset: offset * MemoryLayout<CooccurrenceCount>.stride)
            do {
                _ = try RunMerger.merge(cursors, into: &writer)
                return try writer.finish()
            } catch {
                writer.abandon()
                throw error
            }
        }
        levels[l] = Level(file: try TemporaryFile(directory: directory, purpose: "runs"))
        intermediateMerges += 1
    }

    /// Read cursors over all runs, after merging levels until at most `limit` runs remain.
    func cursors(limit: Int) throws -> [MergeCursor] {
        var l = 0
        while runCount > limit && l < levels.count {
            // A level's runs (even a single one) move up into the next level's file until few remain.
            if levels[l].runs.count > 1 || (levels[l].runs.count == 1 && l + 1 < levels.count) { try mergeLevel(l) }
            l += 1
        }
        return levels.flatMap { level in
            level.runs.map { MergeCursor.file(level.file, range: $0, bufferBytes: bufferBytes) }
        }
    }
}
