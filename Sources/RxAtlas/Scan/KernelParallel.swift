import Dispatch

/// Data-parallel helper for the kernels.
enum KernelParallel {
    /// Runs `body` for `0 ..< count` on the available cores; results in order, first error thrown.
    static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
        if count <= 1 { return try (0..<count).map(body) }
        let slots = UnsafeMutableBufferPointer<Result<T, any Error>?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer { slots.deinitialize(); slots.deallocate() }
        nonisolated(unsafe) let out = slots
        DispatchQueue.concurrentPerform(iterations: count) { i in
            out[i] = Result { try body(i) }
        }
        return try slots.map { try $0!.get() }
    }
}
