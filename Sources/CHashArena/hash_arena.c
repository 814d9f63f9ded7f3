#define _GNU_SOURCE
#include "hash_arena.h"

#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

// The kernel's mmap and munmap are called directly: on 64-bit Linux they are what glibc's wrappers
// call, and going through dlsym(RTLD_NEXT) could allocate, and so map, from inside mmap.
_Static_assert(sizeof(void *) == 8, "the hash arena is written for 64-bit Linux");

struct loan {
    unsigned char *base;
    size_t capacity;
    size_t taken;
    int used;
};

static __thread struct loan loan;

static void *kernel_mmap(void *address, size_t length, int protection, int flags, int fd, off_t offset) {
    return (void *)syscall(SYS_mmap, address, length, protection, flags, fd, offset);
}

static int kernel_munmap(void *address, size_t length) {
    return (int)syscall(SYS_munmap, address, length);
}

void *mmap(void *address, size_t length, int protection, int flags, int fd, off_t offset) {
    int anonymousPrivate = (flags & (MAP_ANONYMOUS | MAP_PRIVATE | MAP_SHARED | MAP_FIXED)) == (MAP_ANONYMOUS | MAP_PRIVATE);
    if (loan.base != NULL && loan.taken == 0 && address == NULL && fd == -1 && anonymousPrivate
        && protection == (PROT_READ | PROT_WRITE) && length > 0 && length <= loan.capacity) {
        loan.taken = length;
        loan.used = 1;
        return loan.base;
    }
    return kernel_mmap(address, length, protection, flags, fd, offset);
}

int munmap(void *address, size_t length) {
    if (loan.taken != 0 && address == loan.base) {
        explicit_bzero(loan.base, loan.taken);
        loan.taken = 0;
        return 0;
    }
    return kernel_munmap(address, length);
}

void *cosync_hash_arena_create(size_t capacity) {
    void *base = kernel_mmap(NULL, capacity, PROT_READ | PROT_WRITE, MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);
    if (base == MAP_FAILED) {
        return NULL;
    }
    // argon2id reads its blocks in an order that defeats the TLB with 4 KiB pages.
    (void)madvise(base, capacity, MADV_HUGEPAGE);
    return base;
}

void cosync_hash_arena_release(void *base, size_t capacity) {
    (void)madvise(base, capacity, MADV_DONTNEED);
}

void cosync_hash_arena_destroy(void *base, size_t capacity) {
    (void)kernel_munmap(base, capacity);
}

void cosync_hash_arena_lend(void *base, size_t capacity) {
    loan = (struct loan){.base = base, .capacity = capacity};
}

int cosync_hash_arena_end_loan(void) {
    if (loan.taken != 0) {
        explicit_bzero(loan.base, loan.taken);
    }
    int used = loan.used;
    loan = (struct loan){0};
    return used;
}
