import Foundation
import Distributed

/// An in-process `Communicator`: `size` ranks, each a thread of the test, meeting at barriers.
/// Sums are taken in rank order, so results are deterministic.
final class ThreadGroup: @unchecked Sendable {
    let size: Int
    private let condition = NSCondition()
    private var arrived = 0
    private var generation = 0
    private var slots: [[UInt8]]

    init(size: Int) {
        self.size = size
        slots = Array(repeating: [], count: size)
    }

    func member(_ rank: Int) -> Member { Member(group: self, rank: rank) }

    /// Every rank's payload once all have arrived.
    func gather(rank: Int, _ payload: [UInt8]) -> [[UInt8]] {
        condition.lock()
        defer { condition.unlock() }
        slots[rank] = payload
        barrier()
        let all = slots
        barrier()
        return all
    }

    private func barrier() {
        let mine = generation
        arrived += 1
        if arrived == size {
            arrived = 0
            generation += 1
            condition.broadcast()
        } else {
            while mine == generation { condition.wait() }
        }
    }

    /// Runs `body(rank)` on `size` threads at once and returns their results in rank order.
    func run<T>(_ body: @escaping @Sendable (Member) throws -> T) -> [Result<T, Error>] {
        let box = ResultBox<T>(count: size)
        let lock = NSLock()
        let done = DispatchGroup()
        for rank in 0..<size {
            done.enter()
            let thread = Thread {
                let r = Result { try body(self.member(rank)) }
                lock.lock(); box.results[rank] = r; lock.unlock()
                done.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        done.wait()
        return box.results.map { $0! }
    }

    final class Member: Communicator {
        let group: ThreadGroup
        let rank: Int
        var size: Int { group.size }

        init(group: ThreadGroup, rank: Int) {
            self.group = group
            self.rank = rank
        }

        func allReduce(_ values: UnsafeMutableBufferPointer<Int64>, _ operation: ReduceOperation) throws {
            let all = group.gather(rank: rank, Array(UnsafeRawBufferPointer(values)))
            for i in 0..<values.count {
                let column = all.map { $0.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: i * 8, as: Int64.self) } }
                switch operation {
                case .sum: values[i] = column.reduce(0, +)
                case .min: values[i] = column.min()!
                case .max: values[i] = column.max()!
                }
            }
        }

        func allReduceSum(_ send: UnsafePointer<Float>, into receive: UnsafeMutablePointer<Float>, count: Int) throws {
            let all = group.gather(rank: rank, Array(UnsafeRawBufferPointer(start: send, count: count * 4)))
            for i in 0..<count { receive[i] = 0 }
            for bytes in all {
                bytes.withUnsafeBytes { raw in
                    for i in 0..<count { receive[i] += raw.loadUnaligned(fromByteOffset: i * 4, as: Float.self) }
                }
            }
        }

        func allGather(_ bytes: [UInt8]) throws -> [[UInt8]] { group.gather(rank: rank, bytes) }
    }
}

/// Results written by the rank threads.
final class ResultBox<T>: @unchecked Sendable {
    var results: [Result<T, Error>?]
    init(count: Int) { results = Array(repeating: nil, count: count) }
}
