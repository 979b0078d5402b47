#if canImport(Glibc)
import Glibc
#endif

/// Memory policy for tensor storage on Linux: keep freed buffers for reuse, and back large new
/// ones with 2 MiB pages.
///
/// A forward pass allocates and frees hundreds of megabytes (`[NH, T, T]` scores and patterns
/// per layer, `[T, 4C]` MLP activations). glibc serves large blocks with a fresh `mmap` and
/// returns them to the kernel on `free`, so every pass page-faults and zeroes its memory again:
/// in a profile of the recorded pass at T = 512, the kernel's fault handling and page clearing
/// took ~17% of the time. Two remedies:
/// - blocks up to 32 MiB (glibc's ceiling for this setting) come from the heap, and the heap is
///   not trimmed after each pass, so the next pass reuses pages that are already mapped;
/// - larger blocks (patterns at long contexts, logits) still get a fresh mapping, advised as
///   transparent huge pages: 512× fewer faults. Most distributions set THP to `madvise`, so the
///   request must come from us; where THP is off the advice is a no-op.
public enum LargePages {
    /// Huge page size; read on every advice so that its first read applies the heap policy
    /// (a value the caller uses: the optimiser may drop an unused global read together with
    /// its initialiser).
    static let size: Int = {
        #if os(Linux)
        // `mallopt` lives in <malloc.h>, which Swift's Glibc module does not import; look it up.
        // Parameter numbers from glibc's stable ABI: M_TRIM_THRESHOLD = -1, M_MMAP_THRESHOLD = -3.
        // Advisory tuning: without the symbol, or when glibc refuses a value, its defaults stay.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        if let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "mallopt") {
            let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
            _ = mallopt(-3, 32 << 20)
            _ = mallopt(-1, 1 << 30)
        }
        #endif
        return 2 << 20
    }()

    /// Below this size a buffer comes from the heap (see above) or spans too few huge pages.
    static let threshold = 4 << 20

    /// Advises the whole 2 MiB-aligned pages inside `buffer` (not yet written) as huge.
    @inline(__always)
    static func advise(_ buffer: UnsafeMutableBufferPointer<Float>) {
        #if os(Linux)
        let size = Self.size
        let bytes = buffer.count * MemoryLayout<Float>.stride
        guard bytes >= threshold, let base = buffer.baseAddress else { return }
        let start = (Int(bitPattern: base) + size - 1) & ~(size - 1)
        let end = (Int(bitPattern: base) + bytes) & ~(size - 1)
        guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
        // Advice only: on failure (THP disabled, old kernel) the pages are simply small ones.
        _ = madvise(pointer, end - start, MADV_HUGEPAGE)
        #endif
    }

    /// Hands the heap's free pages back to the kernel from now on (glibc; a no-op elsewhere).
    ///
    /// The heap policy above suits repeated forward passes, not a report: after its one long
    /// pass the heap would keep the pass's freed temporaries, and then every figure's freed
    /// matrices (a 1,024² Double is 8 MB), on top of what is live, adding a few hundred MB
    /// to the peak while figures are drawn in parallel. This trims what is free now and
    /// returns blocks of 1 MB and more to the kernel when they are freed.
    public static func releaseFreeMemory() {
        #if os(Linux)
        _ = size   // the forward-pass policy first, so that it does not overwrite this one later
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        typealias MallocTrim = @convention(c) (Int) -> Int32
        guard let handle = dlopen(nil, RTLD_NOW) else { return }
        if let symbol = dlsym(handle, "mallopt") {
            let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
            _ = mallopt(-3, 1 << 20)     // M_MMAP_THRESHOLD: 1 MB blocks get their own mapping
            _ = mallopt(-1, 1 << 20)     // M_TRIM_THRESHOLD: keep at most 1 MB free at the heap's top
        }
        if let symbol = dlsym(handle, "malloc_trim") {
            _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        }
        #endif
    }
}
