import Foundation
import NIOCore
import NIOPosix

/// Splits the inbound byte stream into lines and answers each `PING` with `PONG`
/// (anything else with `ERR`), the idiomatic SwiftNIO way: a ByteToMessageDecoder
/// followed by a handler that writes and flushes once per read batch.
struct LineDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let nl = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else { return .needMoreData }
        let length = nl - buffer.readerIndex
        var line = buffer.readSlice(length: length)!
        buffer.moveReaderIndex(forwardBy: 1)
        if line.readableBytesView.last == UInt8(ascii: "\r") { line = line.getSlice(at: line.readerIndex, length: length - 1)! }
        context.fireChannelRead(Self.wrapInboundOut(line))
        return .continue
    }
}

final class PingHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    private var pending = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let line = Self.unwrapInboundIn(data)
        let reply = line.readableBytesView.elementsEqual("PING".utf8) ? "PONG\n" : "ERR\n"
        context.write(Self.wrapOutboundOut(context.channel.allocator.buffer(string: reply)), promise: nil)
        pending = true
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if pending {
            pending = false
            context.flush()
        }
    }
}

let port = Int(CommandLine.arguments.dropFirst().first ?? "7100") ?? 7100
let group = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
let bootstrap = ServerBootstrap(group: group)
    .serverChannelOption(.backlog, value: 1024)
    .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
    .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
    .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineDecoder()))
            try channel.pipeline.syncOperations.addHandler(PingHandler())
        }
    }
let channel = try bootstrap.bind(host: "127.0.0.1", port: port).wait()
FileHandle.standardError.write(Data("listening on 127.0.0.1:\(channel.localAddress?.port ?? port)\n".utf8))
try channel.closeFuture.wait()
