//! The exit codes of `policy-extract`, as `--help` documents them (see
//! [`crate::cli::AFTER_HELP`]).

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitCode {
    /// Every input was extracted (0).
    Success,
    /// Some inputs could not be read; the others were extracted and written (1).
    SomeFailed,
    /// A usage error, nothing readable — every input failed, or no inputs were
    /// found — or the output could not be written (2). Clap exits with 2 on its
    /// own usage errors too.
    Failure,
}

impl ExitCode {
    /// The code for a batch with `n_ok` documents extracted and `n_failed` inputs that failed.
    pub fn from_counts(n_ok: usize, n_failed: usize) -> ExitCode {
        match (n_ok, n_failed) {
            (0, _) => ExitCode::Failure,
            (_, 0) => ExitCode::Success,
            _ => ExitCode::SomeFailed,
        }
    }

    pub fn code(self) -> u8 {
        match self {
            ExitCode::Success => 0,
            ExitCode::SomeFailed => 1,
            ExitCode::Failure => 2,
        }
    }
}

impl From<ExitCode> for std::process::ExitCode {
    fn from(code: ExitCode) -> std::process::ExitCode {
        std::process::ExitCode::from(code.code())
    }
}

#[cfg(test)]
mod tests {
    use super::ExitCode;

    #[test]
    fn from_counts() {
        assert_eq!(ExitCode::from_counts(3, 0), ExitCode::Success);
        assert_eq!(ExitCode::from_counts(3, 1), ExitCode::SomeFailed);
        assert_eq!(ExitCode::from_counts(0, 2), ExitCode::Failure);
        assert_eq!(ExitCode::from_counts(0, 0), ExitCode::Failure);
    }
}
