//! The `brief` binary: a thin layer over [`brief::cli`].

fn main() -> std::process::ExitCode {
    brief::cli::main()
}
