//! The `brief` binary: a thin layer over [`brief::cli`].

brief::global_allocator!();

fn main() -> std::process::ExitCode {
    brief::cli::main()
}
