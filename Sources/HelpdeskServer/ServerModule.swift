// HelpdeskServer: sockets, framing, the protocol codec, the server's lifecycle and the HTTP bridge.
// (Placeholder file so the target builds before the network layer lands; delete once it has files.)
