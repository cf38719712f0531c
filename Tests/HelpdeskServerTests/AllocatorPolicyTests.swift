import Foundation
import Testing
@testable import HelpdeskServer

/// `helpdesk serve`'s allocator policy: with the mmap threshold fixed, a large block freed does not
/// make later large blocks come from the arenas. Without it, glibc raises the threshold to the size
/// of a freed mmapped block (up to 32 MiB), and a 24 MiB block after a 30 MiB one is carved from a
/// heap instead. The sizes are far above any free space the test process's heaps keep, so the block
/// can only come from `mmap` or from growing a heap. Reads glibc's chunk header: bit 1 of the size
/// word before the pointer marks a block obtained with `mmap`.
@Suite struct AllocatorPolicyTests {
    @Test func largeBlocksStayMappedAfterALargerOneIsFreed() throws {
        try #require(AllocatorPolicy.applyForServer(), "MALLOC_MMAP_THRESHOLD_ is set in this environment")
        let larger = try #require(malloc(30 << 20))
        free(larger)
        let block = try #require(malloc(24 << 20))
        defer { free(block) }
        let sizeWord = block.load(fromByteOffset: -MemoryLayout<UInt>.size, as: UInt.self)
        #expect(sizeWord & 2 != 0, "a 24 MiB block comes from mmap, not from a heap")
    }
}
