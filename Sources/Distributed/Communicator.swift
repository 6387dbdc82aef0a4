/// How values from all processes are combined.
public enum ReduceOperation: Sendable {
    case sum, min, max
}

/// The collective operations a data-parallel run needs, over a fixed group of processes
/// (ranks 0..<size). Every rank must call the same collectives in the same order. The MPI
/// implementation lives in the `MPITransport` module (built with MT2ST_MPI=1); tests use an
/// in-process group of threads.
public protocol Communicator: AnyObject {
    var rank: Int { get }
    var size: Int { get }
    /// Combines `values` element-wise over all ranks, in place.
    func allReduce(_ values: UnsafeMutableBufferPointer<Int64>, _ operation: ReduceOperation) throws
    /// `receive[i]` = sum over ranks of their `send[i]`, for `count` floats.
    func allReduceSum(_ send: UnsafePointer<Float>, into receive: UnsafeMutablePointer<Float>, count: Int) throws
    /// Every rank's `bytes`, in rank order.
    func allGather(_ bytes: [UInt8]) throws -> [[UInt8]]
}

/// Errors of a distributed run, one line each.
public enum DistributedError: Error, CustomStringConvertible, Equatable {
    /// Other processes failed; their messages (rank, message), lowest rank first.
    case peersFailed([PeerFailure])
    case optionsDiffer(rank: Int, key: String, value: String, rootValue: String)
    case unsupported(String)
    case transport(String)

    public struct PeerFailure: Equatable, Sendable {
        public let rank: Int
        public let message: String
        public init(rank: Int, message: String) {
            self.rank = rank
            self.message = message
        }
    }

    public var description: String {
        switch self {
        case let .peersFailed(failures):
            // Processes that failed the same way (e.g. all refused the same input) share one line.
            var messages: [String] = [], ranks: [String: [Int]] = [:]
            for f in failures {
                if ranks[f.message] == nil { messages.append(f.message) }
                ranks[f.message, default: []].append(f.rank)
            }
            return messages.map { m in
                let r = ranks[m]!
                return (r.count == 1 ? "process \(r[0])" : "processes " + r.map(String.init).joined(separator: ", ")) + ": " + m
            }.joined(separator: "\n")
        case let .optionsDiffer(rank, key, value, rootValue):
            return "process \(rank) was started with other options than process 0: \(key) \(value) (process 0: \(rootValue)); "
                + "every process must train the same model"
        case let .unsupported(message), let .transport(message):
            return message
        }
    }
}

extension Communicator {
    /// A collective checkpoint: every rank passes its payload, or the error it met. If any rank
    /// failed, every rank throws `peersFailed` (so all stop together, none waits forever);
    /// otherwise every rank gets all payloads in rank order.
    public func exchange(_ outcome: Result<[UInt8], Error>) throws -> [[UInt8]] {
        let mine: [UInt8]
        switch outcome {
        case let .success(payload): mine = [0] + payload
        case let .failure(error): mine = [1] + Array("\(error)".utf8)
        }
        let all = try allGather(mine)
        let failures = all.enumerated().compactMap { rank, bytes in
            bytes.first == 1 ? DistributedError.PeerFailure(rank: rank, message: String(decoding: bytes.dropFirst(), as: UTF8.self)) : nil
        }
        if !failures.isEmpty { throw DistributedError.peersFailed(failures) }
        return all.map { Array($0.dropFirst()) }
    }

    /// Runs `body` and makes its outcome a checkpoint (see `exchange`): its result if every rank
    /// succeeded.
    public func checkpoint<T>(_ body: () throws -> T) throws -> T {
        let result: Result<T, Error> = Result { try body() }
        _ = try exchange(result.map { _ in [] })
        return try result.get()
    }

    /// Sum over ranks of one integer.
    public func sum(_ value: Int64) throws -> Int64 {
        var v = [value]
        try v.withUnsafeMutableBufferPointer { try allReduce($0, .sum) }
        return v[0]
    }
}
