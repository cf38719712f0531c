// The SHA-256 block function with the x86 SHA extensions (SHA-NI), which Swift cannot emit.
// `SHA256` (HelpdeskCore/Records) calls it for whole 64-byte blocks when the CPU has the
// extensions and keeps its portable Swift block function otherwise (and as the reference).
// Only compiler and glibc headers; the rest of the build keeps the baseline x86-64 target.
#ifndef HELPDESK_CSHA256_H
#define HELPDESK_CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU runs the SHA, SSSE3 and SSE4.1 instructions the block function uses
/// (checked with CPUID once and remembered), 0 otherwise and on other architectures.
int helpdesk_sha256_x86_available(void);

/// Mixes `blocks` consecutive 64-byte blocks at `data` into `state` (FIPS 180-4 6.2.2; the
/// eight working words in their usual order a..h). Call only when available() is 1.
void helpdesk_sha256_x86_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
