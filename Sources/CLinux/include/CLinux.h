// The Linux system interfaces the Swift `Glibc` module does not expose: epoll, eventfd and mallopt.
// Only glibc's own headers; no code of ours beyond what is declared here. The event loops in
// HelpdeskServer/Network use epoll and eventfd (see EventLoop.swift); `helpdesk serve` sets the
// allocator's mmap threshold with mallopt (see Lifecycle/AllocatorPolicy.swift).
#ifndef HELPDESK_CLINUX_H
#define HELPDESK_CLINUX_H

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <malloc.h>

#endif
