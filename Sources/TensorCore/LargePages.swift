#if canImport(Glibc)
import Glibc
#endif

/// Asks Linux to back large, freshly allocated tensors with 2 MiB pages.
///
/// A recorded forward pass writes gigabytes into new memory (attention scores and patterns
/// are `[NH, T, T]` per layer). With 4 KiB pages every first write to a page is a page fault;
/// in a profile of the recorded pass at T = 512 the kernel's fault handling took ~17% of the
/// time. Transparent huge pages cut the number of faults 512-fold. Most distributions set THP
/// to `madvise`, so the request must come from us; where THP is off the call is a no-op.
enum LargePages {
    /// Below this size a buffer spans too few huge pages to matter.
    static let threshold = 4 << 20
    static let size = 2 << 20

    /// Advises the whole 2 MiB-aligned pages inside `buffer` (not yet written) as huge.
    @inline(__always)
    static func advise(_ buffer: UnsafeMutableBufferPointer<Float>) {
        #if os(Linux)
        let bytes = buffer.count * MemoryLayout<Float>.stride
        guard bytes >= threshold, let base = buffer.baseAddress else { return }
        let start = (Int(bitPattern: base) + size - 1) & ~(size - 1)
        let end = (Int(bitPattern: base) + bytes) & ~(size - 1)
        guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
        // Advice only: on failure (THP disabled, old kernel) the pages are simply small ones.
        _ = madvise(pointer, end - start, MADV_HUGEPAGE)
        #endif
    }
}
