// The Linux system interfaces the Swift `Glibc` module does not expose: epoll and eventfd.
// Only glibc's own headers; no code of ours beyond what is declared here. The event loops in
// HelpdeskServer/Network use them (see EventLoop.swift).
#ifndef HELPDESK_CLINUX_H
#define HELPDESK_CLINUX_H

#include <sys/epoll.h>
#include <sys/eventfd.h>

#endif
