import Dispatch

/// Data-parallel helpers for the store (encoding columns, verifying checksums, decoding).
enum StoreParallel {
    /// Runs `body` for `0 ..< count` on the available cores and returns the results in order.
    static func map<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
        if count <= 1 { return (0..<count).map(body) }
        let out = UnsafeMutableBufferPointer<T>.allocate(capacity: count)
        nonisolated(unsafe) let slots = out
        withoutActuallyEscaping(body) { work in
            nonisolated(unsafe) let w = work
            DispatchQueue.concurrentPerform(iterations: count) { i in
                (slots.baseAddress! + i).initialize(to: w(i))
            }
        }
        let result = Array(out)
        out.baseAddress!.deinitialize(count: count)
        out.deallocate()
        return result
    }
}
