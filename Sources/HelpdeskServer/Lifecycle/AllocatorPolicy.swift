import CLinux
#if canImport(Glibc)
import Glibc
#endif

/// How `helpdesk serve` sets glibc's allocator for a long run: the mmap threshold fixed at
/// 128 KiB (glibc's starting value), so that blocks that large always come from `mmap` and go
/// back to the system when freed.
///
/// By default glibc raises the threshold each time a mmapped block is freed, up to that block's
/// size; after the first ~1.4 MB block came and went, later large blocks were carved out of the
/// event loops' arenas instead, and the holes they left made the resident size climb in steps of
/// ~1.3-1.6 MB under the soak's load although the memory in use stayed flat (`malloc_stats`: loop
/// arenas' system bytes 1.8 -> 3.1 MB for 1.6 MB in use; docs/ENDURANCE.md, runs K and L). Setting
/// the threshold turns the adjustment off. An operator's own `MALLOC_MMAP_THRESHOLD_` wins.
public enum AllocatorPolicy {
    public static let mmapThreshold: Int32 = 128 * 1024

    /// Applies the policy to this process; false when the environment sets the threshold (left
    /// as glibc took it from there) or glibc refused.
    @discardableResult
    public static func applyForServer() -> Bool {
        guard getenv("MALLOC_MMAP_THRESHOLD_") == nil else { return false }
        return mallopt(M_MMAP_THRESHOLD, mmapThreshold) == 1
    }
}
