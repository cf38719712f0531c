import Foundation
import Testing
@testable import HelpdeskServer

/// `helpdesk serve`'s allocator policy: with the mmap threshold fixed, a large block freed does not
/// make later large blocks come from the arenas (glibc's dynamic threshold would have risen to the
/// freed block's size, and a 256 KiB block would then be carved from the heap). Reads glibc's chunk
/// header: bit 1 of the size word before the pointer marks a block obtained with `mmap`.
@Suite struct AllocatorPolicyTests {
    @Test func largeBlocksStayMappedAfterALargerOneIsFreed() throws {
        try #require(AllocatorPolicy.applyForServer(), "MALLOC_MMAP_THRESHOLD_ is set in this environment")
        let bigger = try #require(malloc(1_500_000))
        free(bigger)
        let block = try #require(malloc(256 * 1024))
        defer { free(block) }
        let sizeWord = block.load(fromByteOffset: -MemoryLayout<UInt>.size, as: UInt.self)
        #expect(sizeWord & 2 != 0, "a 256 KiB block comes from mmap, not from an arena")
    }
}
