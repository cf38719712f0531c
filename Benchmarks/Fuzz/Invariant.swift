import Glibc

// Shared by every fuzz target: a broken invariant must crash loudly, with a message, so that
// libFuzzer saves the input as a crash file. `precondition` is kept in -O builds.

func invariant(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
               file: StaticString = #file, line: UInt = #line) {
    if !condition() {
        let text = "invariant broken: \(message())\n"
        text.utf8CString.withUnsafeBufferPointer { _ = write(2, $0.baseAddress, $0.count - 1) }
        fatalError("invariant broken", file: file, line: line)
    }
}
