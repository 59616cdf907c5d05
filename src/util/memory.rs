//! Memory handed back to the system once a big piece of work is done, or kept.

/// mimalloc's `mi_option_purge_delay`: its place in `mi_option_e`, the same in
/// mimalloc 2 and 3 (deprecated options keep their places). The crate names no
/// constant for it; a test checks that this one reads the option's default.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Returns the memory this thread freed to the system now (or, after
/// [`keep_freed_memory`], to the memory all threads allocate from). The allocator
/// (mimalloc, `main.rs`) otherwise keeps freed pages for a while for reuse by the
/// thread that freed them: after a pasted table of megabytes is parsed (its tree is
/// about five times its size), the next big parse on another thread would hold as
/// much again (issue 22). Only for rare, big work: it costs a walk of the thread's
/// pages. Harmless when the program uses another allocator.
pub fn give_back() {
    // SAFETY: `mi_collect` takes no pointers; any thread may call it at any time.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

/// Freed memory stays the program's, for its next allocations, instead of going
/// back to the system a second after it was freed. For `serve`: each save needs
/// about the memory the one before it freed, and handing it back and getting it
/// again costs system calls (about 500 a save on a 10k site, bench/SERVE.md) and
/// the kernel zeroing every page anew. The program keeps the memory of its busiest
/// moment, which it reaches again at every save anyway. Call before the work starts.
pub fn keep_freed_memory() {
    // SAFETY: setting an option takes no pointers; mimalloc reads it when it next
    // considers handing memory back.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_option_is_the_one_named() {
        // mimalloc 3's default is 1000 ms; no other option of the list defaults to
        // it. Set in the environment, the option reads what was set.
        let expected = std::env::var("MIMALLOC_PURGE_DELAY")
            .ok()
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(1000);
        // SAFETY: reading an option takes no pointers.
        let value = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        assert_eq!(value as i64, expected);
    }
}
