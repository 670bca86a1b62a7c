// The few C-level functions an Embedded Swift module expects from its host,
// provided inside the canister so that its only imports are `ic0.*`:
// a memory allocator (posix_memalign/free) over the WebAssembly linear memory,
// the mem* routines, and the stack-protector failure hook.
//
// The allocator keeps one free list per power-of-two size class (16 B … 2 GiB);
// a block's class is stored in an 8-byte header in front of it. Memory comes
// from `memory.grow` and is never returned to the system, as in most canisters.

#include <stddef.h>
#include <stdint.h>

#define PAGE 65536u
#define HEADER 16u
#define MIN_CLASS 4u   // 16 bytes
#define CLASSES 32u

extern void ic0_trap(uint32_t src, uint32_t size) __attribute__((import_module("ic0"), import_name("trap")));

static void *free_lists[CLASSES];
static uintptr_t heap_next;
static uintptr_t heap_end;

static void fail(const char *message) {
    uint32_t length = 0;
    while (message[length]) length++;
    ic0_trap((uint32_t)(uintptr_t)message, length);
    __builtin_unreachable();
}

static unsigned size_class(size_t size) {
    unsigned c = MIN_CLASS;
    while (((size_t)1 << c) < size) c++;
    return c;
}

static void *carve(size_t bytes) {
    extern unsigned char __heap_base;
    if (heap_next == 0) heap_next = heap_end = (uintptr_t)&__heap_base;
    heap_next = (heap_next + (HEADER - 1)) & ~(uintptr_t)(HEADER - 1);
    while (heap_end - heap_next < bytes) {
        size_t missing = bytes - (heap_end - heap_next);
        size_t pages = (missing + PAGE - 1) / PAGE;
        if (__builtin_wasm_memory_grow(0, pages) == (size_t)-1) return NULL;
        heap_end = (uintptr_t)__builtin_wasm_memory_size(0) * PAGE;
    }
    void *block = (void *)heap_next;
    heap_next += bytes;
    return block;
}

int posix_memalign(void **result, size_t alignment, size_t size) {
    if (alignment > HEADER) {
        // Over-aligned requests are rare in Swift; satisfy them from a larger block.
        size += alignment;
    }
    unsigned c = size_class(size + HEADER);
    if (c >= CLASSES) return 12;  // ENOMEM
    unsigned char *block = free_lists[c];
    if (block) {
        free_lists[c] = *(void **)(block + HEADER);
    } else {
        block = carve((size_t)1 << c);
        if (!block) return 12;
    }
    *(uint32_t *)block = c;
    unsigned char *payload = block + HEADER;
    if (alignment > HEADER) {
        uintptr_t aligned = ((uintptr_t)payload + alignment - 1) & ~(uintptr_t)(alignment - 1);
        // Record where the block starts just before the aligned payload.
        if (aligned != (uintptr_t)payload) {
            *(uint32_t *)(aligned - HEADER) = 0xFFFFFFFFu;
            *(uintptr_t *)(aligned - HEADER + 4) = (uintptr_t)block;
        }
        payload = (unsigned char *)aligned;
    }
    *result = payload;
    return 0;
}

void free(void *pointer) {
    if (!pointer) return;
    unsigned char *block = (unsigned char *)pointer - HEADER;
    if (*(uint32_t *)block == 0xFFFFFFFFu) block = (unsigned char *)*(uintptr_t *)(block + 4);
    uint32_t c = *(uint32_t *)block;
    if (c < MIN_CLASS || c >= CLASSES) fail("free: corrupt heap block");
    *(void **)(block + HEADER) = free_lists[c];
    free_lists[c] = block;
}

void *malloc(size_t size) {
    void *result = NULL;
    return posix_memalign(&result, HEADER, size) == 0 ? result : NULL;
}

// Built with -mbulk-memory, these lower to the `memory.copy` and `memory.fill`
// instructions (which handle overlap), not to calls back into themselves.
void *memcpy(void *destination, const void *source, size_t count) {
    __builtin_memmove(destination, source, count);
    return destination;
}

void *memmove(void *destination, const void *source, size_t count) {
    __builtin_memmove(destination, source, count);
    return destination;
}

void *memset(void *destination, int value, size_t count) {
    __builtin_memset(destination, value, count);
    return destination;
}

int memcmp(const void *lhs, const void *rhs, size_t count) {
    const unsigned char *a = lhs, *b = rhs;
    for (; count; count--, a++, b++) {
        if (*a != *b) return *a < *b ? -1 : 1;
    }
    return 0;
}

// 128-bit multiplication (compiler-rt's __multi3), for UInt128 arithmetic.
// Built from 32-bit partial products so that clang emits no call to itself.
static unsigned __int128 multiply_64(uint64_t a, uint64_t b) {
    uint64_t a0 = a & 0xFFFFFFFFu, a1 = a >> 32, b0 = b & 0xFFFFFFFFu, b1 = b >> 32;
    uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    uint64_t middle = (p00 >> 32) + (p01 & 0xFFFFFFFFu) + (p10 & 0xFFFFFFFFu);
    uint64_t low = (p00 & 0xFFFFFFFFu) | (middle << 32);
    uint64_t high = p11 + (p01 >> 32) + (p10 >> 32) + (middle >> 32);
    return ((unsigned __int128)high << 64) | low;
}

__int128 __multi3(__int128 a, __int128 b) {
    uint64_t a_low = (uint64_t)a, a_high = (uint64_t)((unsigned __int128)a >> 64);
    uint64_t b_low = (uint64_t)b, b_high = (uint64_t)((unsigned __int128)b >> 64);
    unsigned __int128 low = multiply_64(a_low, b_low);
    uint64_t high = (uint64_t)(low >> 64) + a_high * b_low + a_low * b_high;
    return (__int128)(((unsigned __int128)high << 64) | (uint64_t)low);
}

void __stack_chk_fail(void) { fail("stack smashing detected"); }

// The embedded runtime reports fatal errors through putchar; a canister traps instead.
int putchar(int c) { (void)c; return c; }
