//! Memory handed back to the system once a big piece of work is done.

/// Returns the memory this thread freed to the system now. The allocator
/// (mimalloc, `main.rs`) otherwise keeps freed pages for a while for reuse by the
/// thread that freed them: after a pasted table of megabytes is parsed (its tree is
/// about five times its size), the next big parse on another thread would hold as
/// much again (issue 22). Only for rare, big work: it costs a walk of the thread's
/// pages. Harmless when the program uses another allocator.
pub fn give_back() {
    // SAFETY: `mi_collect` takes no pointers; any thread may call it at any time.
    unsafe { libmimalloc_sys::mi_collect(true) }
}
