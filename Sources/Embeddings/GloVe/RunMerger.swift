/// One sorted input of a k-way merge: a run in a temporary file, a sorted block in memory or the
/// dense table, read through a buffer.
struct MergeCursor {
    enum Origin {
        case file(TemporaryFile, next: Int, end: Int)
        case memory
        case dense(DenseCooccurrenceTable, row: Int, cell: Int)
    }

    var origin: Origin
    var buffer: UnsafeMutablePointer<CooccurrenceCount>
    let capacity: Int
    let ownsBuffer: Bool
    var position = 0
    var available = 0

    /// A run of records `range` of `file`.
    static func file(_ file: TemporaryFile, range: Range<Int>, bufferBytes: Int) -> MergeCursor {
        let capacity = max(1, bufferBytes / MemoryLayout<CooccurrenceCount>.stride)
        return MergeCursor(origin: .file(file, next: range.lowerBound, end: range.upperBound),
                           buffer: .allocate(capacity: capacity), capacity: capacity, ownsBuffer: true)
    }

    /// Sorted records already in memory (not copied, not freed).
    static func memory(_ records: UnsafeMutableBufferPointer<CooccurrenceCount>) -> MergeCursor {
        var c = MergeCursor(origin: .memory, buffer: records.baseAddress ?? .allocate(capacity: 1),
                            capacity: records.count, ownsBuffer: records.baseAddress == nil)
        c.available = records.count
        return c
    }

    /// The non-zero cells of the dense table.
    static func dense(_ table: DenseCooccurrenceTable, bufferBytes: Int) -> MergeCursor {
        let capacity = max(1, bufferBytes / MemoryLayout<CooccurrenceCount>.stride)
        return MergeCursor(origin: .dense(table, row: 0, cell: 0), buffer: .allocate(capacity: capacity),
                           capacity: capacity, ownsBuffer: true)
    }

    /// Loads the next block; false when the source is exhausted.
    mutating func refill() throws -> Bool {
        position = 0
        switch origin {
        case .memory:
            available = 0
        case let .file(file, next, end):
            let n = min(capacity, end - next)
            if n > 0 {
                let bytes = n * MemoryLayout<CooccurrenceCount>.stride
                guard try file.read(into: buffer, count: bytes, at: next * MemoryLayout<CooccurrenceCount>.stride) == bytes else {
                    throw GloVeError.temporaryFile(directory: file.directory, reason: "spilled run shorter than written")
                }
                origin = .file(file, next: next + n, end: end)
            }
            available = max(n, 0)
        case let .dense(table, row, cell):
            let (n, resume) = table.fill(buffer, capacity: capacity, from: (row, cell))
            origin = .dense(table, row: resume.row, cell: resume.cell)
            available = n
        }
        return available > 0
    }

    func release() {
        if ownsBuffer { buffer.deallocate() }
    }
}

/// Merges sorted, duplicate-free runs of `CooccurrenceCount` into one sorted stream, summing the
/// counts of equal keys, with a binary heap over the cursors (k-way merge).
enum RunMerger {
    /// Merges `cursors` (which it releases) into `output`; returns the number of records written.
    static func merge(_ cursorList: [MergeCursor], into output: inout RecordWriter<CooccurrenceCount>) throws -> Int {
        let k = cursorList.count
        let cursors = UnsafeMutablePointer<MergeCursor>.allocate(capacity: max(k, 1))
        cursors.initialize(from: cursorList, count: k)
        let keys = UnsafeMutablePointer<UInt64>.allocate(capacity: max(k, 1))
        let heap = UnsafeMutablePointer<Int>.allocate(capacity: max(k, 1))
        defer {
            for c in 0..<k { cursors[c].release() }
            cursors.deinitialize(count: k)
            cursors.deallocate()
            keys.deallocate()
            heap.deallocate()
        }
        var size = 0

        @inline(__always) func less(_ a: Int, _ b: Int) -> Bool {
            let ka = keys[heap[a]], kb = keys[heap[b]]
            return ka < kb || (ka == kb && heap[a] < heap[b])
        }
        func siftDown(_ start: Int) {
            var p = start
            while true {
                let l = 2 * p + 1
                if l >= size { return }
                var m = l
                if l + 1 < size && less(l + 1, l) { m = l + 1 }
                if !less(m, p) { return }
                let t = heap[p]; heap[p] = heap[m]; heap[m] = t
                p = m
            }
        }

        for c in 0..<k {
            var live = cursors[c].available > 0
            if !live { live = try cursors[c].refill() }
            if live {
                keys[c] = cursors[c].buffer[cursors[c].position].key
                heap[size] = c
                size += 1
            }
        }
        for p in stride(from: size / 2, through: 0, by: -1) { siftDown(p) }

        var pending = CooccurrenceCount(key: .max, count: 0)
        var hasPending = false
        let before = output.count
        while size > 0 {
            let c = heap[0]
            let record = cursors[c].buffer[cursors[c].position]
            if hasPending && record.key == pending.key {
                pending.count &+= record.count
            } else {
                if hasPending { try output.append(pending) }
                pending = record
                hasPending = true
            }
            cursors[c].position += 1
            if cursors[c].position == cursors[c].available, !(try cursors[c].refill()) {
                size -= 1
                heap[0] = heap[size]
            } else {
                keys[c] = cursors[c].buffer[cursors[c].position].key
            }
            siftDown(0)
        }
        if hasPending { try output.append(pending) }
        return output.count - before
    }
}
