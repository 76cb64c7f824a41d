//! Allocator settings of the binary (a library caller keeps its own).

/// Tunes glibc's allocator for a run:
///
/// - Every block of 256 KB or more is mapped on its own, so that freeing it returns the memory
///   at once. Left to itself, glibc raises that threshold to the size of each large block
///   freed (up to 32 MB); after the first few, a large document's tokens, lines and findings
///   are carved from the threads' heaps, which keep what is freed. On the 10 MB benchmark
///   corpus read as one document this takes peak RSS from 182 MB to 161 MB, at no measurable
///   cost in time.
/// - A thread's heap grows and shrinks 16 MB at a time rather than 128 KB. With the default,
///   the worker threads' heaps were trimmed and grown again all through a run: 1,864 `mprotect`
///   calls on the 2,000 benchmark files, against 21 now, and a quarter fewer page faults (10,600 to
///   7,770; 40,400 to 30,300 on the single file), with the same peak RSS. The padding is
///   address space; only the pages written are memory.
///
/// Elsewhere, nothing to do.
pub fn tune() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        const MAPPED_FROM_BYTES: libc::c_int = 256 * 1024;
        const HEAP_STEP_BYTES: libc::c_int = 16 * 1024 * 1024;
        // SAFETY: mallopt only sets an allocator parameter, which glibc allows at any time and
        // from any thread. A refusal (0) leaves the default, which is only slower.
        unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, MAPPED_FROM_BYTES);
            libc::mallopt(libc::M_TOP_PAD, HEAP_STEP_BYTES);
        }
    }
}
