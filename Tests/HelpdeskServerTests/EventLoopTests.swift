import Foundation
import Glibc
import Synchronization
import Testing
@testable import HelpdeskServer

/// The epoll event loop on its own: tasks from other threads, readiness of a registered socket,
/// and stopping. (Every network test exercises it too, through `Connection`.)
@Suite struct EventLoopTests {
    /// Records what the loop calls, from the loop's thread.
    final class Probe: EventLoopHandler, @unchecked Sendable {
        let loop: EventLoop
        let fd: Int32
        let calls = Mutex<[String]>([])
        let offLoop = Atomic<Int>(0)

        init(loop: EventLoop, fd: Int32) { self.loop = loop; self.fd = fd }

        func readable() {
            if !loop.inLoop { offLoop.add(1, ordering: .relaxed) }
            var byte: UInt8 = 0
            let n = Glibc.read(fd, &byte, 1)
            calls.withLock { $0.append(n == 1 ? "read \(Character(UnicodeScalar(byte)))" : "read end") }
            if n == 0 { loop.deregister(fd) }
        }

        func writable() {
            if !loop.inLoop { offLoop.add(1, ordering: .relaxed) }
            calls.withLock { $0.append("writable") }
            loop.watch(fd, read: true, write: false)
        }
    }

    static func waitUntil(_ condition: () -> Bool) -> Bool {
        for _ in 0..<1000 { if condition() { return true }; usleep(10_000) }
        return condition()
    }

    @Test func tasksFromManyThreadsRunOnTheLoopInOrder() {
        let loop = EventLoop(index: 0)
        loop.start()
        defer { loop.stop() }
        let seen = Mutex<[Int: [Int]]>([:])
        let offLoop = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            for i in 0..<1000 {
                loop.execute {
                    if !loop.inLoop { offLoop.add(1, ordering: .relaxed) }
                    seen.withLock { $0[thread, default: []].append(i) }
                }
            }
        }
        #expect(Self.waitUntil { seen.withLock { $0.values.reduce(0) { $0 + $1.count } } == 4000 })
        #expect(seen.withLock { $0.values.allSatisfy { $0 == Array(0..<1000) } }, "each thread's tasks in its order")
        #expect(offLoop.load(ordering: .relaxed) == 0)
        #expect(!loop.inLoop, "the test's own thread is not the loop's")
    }

    @Test func aRegisteredSocketIsReportedReadableAndWritable() throws {
        var pair: [Int32] = [0, 0]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0)
        defer { close(pair[0]); close(pair[1]) }
        let loop = EventLoop(index: 1)
        loop.start()
        defer { loop.stop() }
        let probe = Probe(loop: loop, fd: pair[0])
        let registered = Atomic<Bool>(false)
        loop.execute { registered.store(loop.register(probe.fd, probe), ordering: .relaxed) }
        #expect(Glibc.write(pair[1], "a", 1) == 1)
        #expect(Self.waitUntil { probe.calls.withLock { $0 } == ["read a"] })
        let wasRegistered = registered.load(ordering: .relaxed)
        #expect(wasRegistered)
        loop.execute { loop.watch(probe.fd, read: true, write: true) }
        #expect(Self.waitUntil { probe.calls.withLock { $0.last } == "writable" })
        #expect(Glibc.write(pair[1], "b", 1) == 1)
        shutdown(pair[1], Int32(SHUT_WR))
        #expect(Self.waitUntil { probe.calls.withLock { $0 } == ["read a", "writable", "read b", "read end"] })
        usleep(100_000)
        #expect(probe.calls.withLock { $0.count } == 4, "nothing after deregistering")
        #expect(probe.offLoop.load(ordering: .relaxed) == 0)
    }

    @Test func aDescriptorTheKernelRefusesIsReportedNotWatched() {
        let loop = EventLoop(index: 3)
        loop.start()
        defer { loop.stop() }
        var pair: [Int32] = [0, 0]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0)
        close(pair[0]); close(pair[1])   // both numbers are now closed: epoll_ctl says EBADF
        let probe = Probe(loop: loop, fd: pair[0])
        let result = Mutex<Bool?>(nil)
        loop.execute { result.withLock { $0 = loop.register(probe.fd, probe) } }
        #expect(Self.waitUntil { result.withLock { $0 } != nil })
        #expect(result.withLock { $0 } == false)
    }

    @Test func stopFinishesTheQueuedTasksAndEndsTheThread() {
        let loop = EventLoop(index: 2)
        loop.start()
        let ran = Atomic<Int>(0)
        for _ in 0..<100 { loop.execute { ran.add(1, ordering: .relaxed) } }
        loop.stop()
        #expect(Self.waitUntil { ran.load(ordering: .relaxed) == 100 })
        // Once stopped, the loop takes no more work: a late task is dropped, not run.
        loop.execute { ran.add(1, ordering: .relaxed) }
        usleep(200_000)
        #expect(ran.load(ordering: .relaxed) == 100)
    }
}
