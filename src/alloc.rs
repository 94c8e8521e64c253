//! The allocator of brief's binaries.
//!
//! Outlining a long report allocates and touches a lot of fresh memory
//! (the text, its blocks, claims and tokens), and on virtual machines a
//! first touch of each 4 KB page is costly: with the system allocator, a
//! third of the CPU time of a 10 MB diff went to page faults. jemalloc,
//! told to back its memory with transparent huge pages (`thp:always`),
//! faults once per 2 MB instead; outlining a 10 MB report took about half
//! the time. The kernel ignores the advice where huge pages are off.
//!
//! A library should not choose its users' allocator, so this module only
//! offers it (and [`dispose`], to free large data off the caller's path): [`crate::global_allocator!`] installs it in a binary (`brief`
//! and the benchmarks, so that they measure what the binary does).

#[cfg(not(target_env = "msvc"))]
pub use tikv_jemallocator::Jemalloc;

/// Frees large data on a thread of its own: millions of small allocations
/// take tens of milliseconds to free, which the caller need not wait for
/// (a command-line run usually exits before they are done).
pub fn dispose<T: Send + 'static>(data: T) {
    std::thread::spawn(move || drop(data));
}

/// A C string jemalloc reads its options from at start-up.
#[repr(transparent)]
pub struct Conf(pub *const std::ffi::c_char);

// SAFETY: the pointer is to a static, immutable, NUL-terminated string.
unsafe impl Sync for Conf {}

/// jemalloc's options:
/// - transparent huge pages for data and metadata;
/// - no separate arena for allocations over 8 MB (`oversize_threshold:0`):
///   that arena returns their memory to the system as soon as they are
///   freed, so the next large buffer (a growing vector's next size, the
///   next file's text) was touched afresh; from the common arenas it is
///   reused;
/// - freed pages are handed back lazily (`MADV_FREE`) and never forcibly
///   (`muzzy_decay_ms:-1`): jemalloc's default forcibly returns them as they
///   decay, and the next outline's buffers then fault in and zero fresh pages
///   (a tenth of the outline benchmark's time). Under memory pressure the
///   kernel still takes lazily freed pages back.
pub const CONF: Conf =
    Conf(c"thp:always,metadata_thp:always,oversize_threshold:0,muzzy_decay_ms:-1".as_ptr());

/// Makes jemalloc, with [`CONF`], the global allocator of the binary it is
/// invoked in (where jemalloc builds: not with MSVC; the options only on
/// Linux, where transparent huge pages exist).
#[macro_export]
macro_rules! global_allocator {
    () => {
        #[cfg(not(target_env = "msvc"))]
        #[global_allocator]
        static GLOBAL: $crate::alloc::Jemalloc = $crate::alloc::Jemalloc;

        // tikv-jemallocator prefixes jemalloc's symbols with `_rjem_`.
        #[cfg(all(target_os = "linux", not(target_env = "msvc")))]
        #[used]
        #[unsafe(export_name = "_rjem_malloc_conf")]
        static MALLOC_CONF: $crate::alloc::Conf = $crate::alloc::CONF;
    };
}
