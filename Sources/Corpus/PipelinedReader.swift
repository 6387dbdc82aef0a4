import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CorpusReader {
    /// Like `forEachChunk`, but reading and decompression run on a second thread, a few chunks
    /// ahead of `body` (a ring of `depth` buffers), so that inflating a gzip file overlaps with
    /// tokenising it. Chunks arrive in file order. An error on either side stops both and is
    /// rethrown here.
    public func forEachChunkPipelined(depth: Int = 4, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let capacity = chunkSize * 4
        let ring = RingBuffers((0..<depth).map { _ in
            UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 64)
        })
        defer { ring.buffers.forEach { $0.deallocate() } }
        let state = PipelineState(depth: depth)
        let done = DispatchSemaphore(value: 0)
        let reader = self
        DispatchQueue.global().async {
            var slot = 0
            do {
                try reader.forEachChunk { chunk in
                    var offset = 0
                    while offset < chunk.count {
                        state.free.wait()
                        if state.cancelled { throw CancellationMarker() }
                        let n = min(capacity, chunk.count - offset)
                        memcpy(ring.buffers[slot], chunk.baseAddress! + offset, n)
                        state.lengths[slot] = n
                        offset += n
                        slot = (slot + 1) % depth
                        state.full.signal()
                    }
                }
            } catch is CancellationMarker {
            } catch {
                state.producerError = error
            }
            // End marker in the next slot, unless the consumer gave up.
            if !state.cancelled {
                state.free.wait()
                if !state.cancelled {
                    state.lengths[slot] = -1
                    state.full.signal()
                }
            }
            done.signal()
        }
        var slot = 0
        var consumerError: Error?
        while true {
            state.full.wait()
            let length = state.lengths[slot]
            if length < 0 { break }
            do {
                try body(UnsafeRawBufferPointer(start: ring.buffers[slot], count: length))
            } catch {
                consumerError = error
                state.cancelled = true
                state.free.signal()
                break
            }
            slot = (slot + 1) % depth
            state.free.signal()
        }
        done.wait()
        if let consumerError { throw consumerError }
        if let producerError = state.producerError { throw producerError }
    }
}

private struct CancellationMarker: Error {}

private struct RingBuffers: @unchecked Sendable {
    let buffers: [UnsafeMutableRawPointer]
    init(_ buffers: [UnsafeMutableRawPointer]) { self.buffers = buffers }
}

/// Hand-off state between the reading thread and the consumer. `full` counts filled buffers
/// (plus one final signal when the producer finishes), `free` counts empty ones.
private final class PipelineState: @unchecked Sendable {
    let full = DispatchSemaphore(value: 0)
    let free: DispatchSemaphore
    var lengths: [Int]
    var producerError: Error?
    // Written by one thread and read by the other after a semaphore hand-off.
    var cancelled = false

    init(depth: Int) {
        // Created at 0 and signalled up: libdispatch traps when a semaphore is freed below its
        // initial value.
        free = DispatchSemaphore(value: 0)
        for _ in 0..<depth { free.signal() }
        lengths = [Int](repeating: 0, count: depth)
    }
}
