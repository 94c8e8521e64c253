//! Exit codes, in one place.
//!
//! | code | meaning |
//! |------|---------|
//! | 0 | success; for `diff`, the versions say the same thing |
//! | 1 | for `diff`, the versions differ; for batch runs, some inputs failed |
//! | 2 | trouble: bad input, bad usage, an output that could not be written |

/// Success; for `diff`, no difference.
pub const SUCCESS: u8 = 0;
/// `diff` found differences, or some inputs of a batch failed.
pub const DIFFERENT: u8 = 1;
/// An error: bad input, bad usage, I/O.
pub const TROUBLE: u8 = 2;
