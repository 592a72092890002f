//! Ctrl-C (or SIGTERM) during an ingest: the first stops the reading, lets what was read be
//! extracted and stored in whole batches, and ends with the summary of what was stored; a
//! second one ends the process at once (SQLite rolls back the batch in flight, so nothing is
//! left half-written either way).

use std::sync::atomic::{AtomicBool, Ordering};

static REQUESTED: AtomicBool = AtomicBool::new(false);

extern "C" fn on_signal(_: libc::c_int) {
    // Only an atomic store: async-signal-safe.
    REQUESTED.store(true, Ordering::SeqCst);
}

/// Catch the first SIGINT and SIGTERM; the handler resets itself, so a second one kills.
pub fn catch() {
    for sig in [libc::SIGINT, libc::SIGTERM] {
        // SAFETY: a zeroed sigaction with a handler that only stores an atomic; sa_mask is
        // initialised by sigemptyset before use.
        unsafe {
            let mut sa: libc::sigaction = std::mem::zeroed();
            sa.sa_sigaction = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
            sa.sa_flags = libc::SA_RESETHAND;
            libc::sigemptyset(&mut sa.sa_mask);
            libc::sigaction(sig, &sa, std::ptr::null_mut());
        }
    }
}

/// Has an interrupt been asked for?
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}
