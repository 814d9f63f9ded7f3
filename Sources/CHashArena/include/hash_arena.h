#ifndef COSYNC_HASH_ARENA_H
#define COSYNC_HASH_ARENA_H

#include <stddef.h>

/// A region for libsodium's argon2id to work in, kept from one hash to the next.
///
/// libsodium maps argon2id's memory (19 MiB at the host's cost) fresh for every hash and unmaps it
/// after: the kernel then faults in and zeroes 4,864 pages per hash. Measured on the 2-core benchmark
/// VM, that is half of a verify (18-22 ms against 10-11 ms in a region kept between hashes). libsodium
/// takes no allocator, so while a hash runs its thread lends it an arena: this library's `mmap` serves
/// the thread's next anonymous private mapping from the arena, and its `munmap` of that mapping zeroes
/// the arena (libsodium does not clear it; its blocks would let a reader of the process's memory test
/// guesses without the memory-hard work) instead of giving it back to the kernel. Every other mapping,
/// on every other thread and outside a loan, goes straight to the kernel.

/// A new arena of `capacity` bytes (huge pages where the kernel allows), or NULL.
void *cosync_hash_arena_create(size_t capacity);

/// Gives the arena's pages back to the kernel: it stays mapped, and reads as zeros.
void cosync_hash_arena_release(void *base, size_t capacity);

/// Unmaps the arena.
void cosync_hash_arena_destroy(void *base, size_t capacity);

/// Lends `base` to the calling thread's next anonymous private read-write mapping of at most
/// `capacity` bytes, until `cosync_hash_arena_end_loan`.
void cosync_hash_arena_lend(void *base, size_t capacity);

/// Ends the calling thread's loan, zeroing whatever part of the arena was not given back. Returns
/// whether the arena was used.
int cosync_hash_arena_end_loan(void);

#endif
