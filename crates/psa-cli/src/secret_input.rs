//! The secret reaches the CLI one way only: one line on standard input (`--secret-stdin`). An argument
//! would end up in shell history and in every process listing on the machine, so there is no flag for it,
//! and a `--secret …` someone tries anyway is refused without echoing what followed.

use std::io::{BufRead, IsTerminal};

use psa_core::{ErrorCode, PsaError, Secret};

/// Longer than any Autotask secret or ConnectWise key; a longer line is a pasted file, not a secret.
pub const MAX_SECRET_BYTES: usize = 4096;

const SECRET_STEP: &str = "Autotask: Admin > Account Settings & Users > Resources/Users (HR) > Resources/Users, \
                           edit the API user, Generate Secret (guide step \"Create the API user\").";

/// What is read from standard input, for the prompt and the error texts.
pub struct SecretKind {
    /// "secret", "private key"
    pub name: &'static str,
    pub flag: &'static str,
    /// Where the value is shown (once) in the PSA.
    pub step: &'static str,
}

pub const AUTOTASK_SECRET: SecretKind = SecretKind { name: "secret", flag: "--secret-stdin", step: SECRET_STEP };

pub const CONNECTWISE_PRIVATE_KEY: SecretKind = SecretKind {
    name: "private key",
    flag: "--private-key-stdin",
    step: "ConnectWise: System > Members > API Members > (the API member) > API Keys, add a key and copy its \
           private key (guide step \"Create the API keys\").",
};

/// Reads the Autotask secret from the process's standard input.
pub fn read_from_stdin() -> Result<Secret, PsaError> {
    read_from_stdin_as(&AUTOTASK_SECRET)
}

pub fn read_from_stdin_as(kind: &SecretKind) -> Result<Secret, PsaError> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        // Typed at a terminal: read with echo off, so the secret never appears on screen or in scrollback.
        let prompt = format!(
            "Paste the {} and press Enter (it is not shown; or pipe it: … | psa-connect … {}): ",
            kind.name, kind.flag
        );
        let typed = rpassword::prompt_password(prompt).map_err(|e| {
            PsaError::new(
                ErrorCode::InvalidInput,
                format!("The {} could not be read from the terminal.", kind.name),
                format!(
                    "Pipe it on standard input instead, e.g. `printf '%s\\n' \"$SECRET\" | psa-connect … {}`.",
                    kind.flag
                ),
            )
            .with_details(format!("tty: {}", e.kind()))
        })?;
        let mut line = typed.into_bytes();
        line.push(b'\n');
        let read = read_secret_as(std::io::Cursor::new(&line[..]), kind);
        line.iter_mut().for_each(|b| *b = 0);
        return read;
    }
    read_secret_as(stdin.lock(), kind)
}

/// [`read_secret_as`] for the Autotask secret (the unit tests' entry point).
#[cfg(test)]
pub fn read_secret(input: impl BufRead) -> Result<Secret, PsaError> {
    read_secret_as(input, &AUTOTASK_SECRET)
}

/// One line from `input`, without its line ending. Empty or whitespace-only is refused.
pub fn read_secret_as(input: impl BufRead, kind: &SecretKind) -> Result<Secret, PsaError> {
    let mut raw = Vec::new();
    // One byte over the cap tells "too long" apart from "exactly at the cap".
    input.take(MAX_SECRET_BYTES as u64 + 2).read_until(b'\n', &mut raw).map_err(|e| {
        PsaError::new(
            ErrorCode::InvalidInput,
            format!("The {} could not be read from standard input.", kind.name),
            format!(
                "Pipe the {} on standard input, e.g. `printf '%s\\n' \"$SECRET\" | psa-connect … {}`.",
                kind.name, kind.flag
            ),
        )
        .with_details(format!("stdin: {}", e.kind()))
    })?;
    if raw.last() == Some(&b'\n') {
        raw.pop();
        if raw.last() == Some(&b'\r') {
            raw.pop();
        }
    } else if raw.len() > MAX_SECRET_BYTES {
        return Err(too_long(kind));
    }
    if raw.len() > MAX_SECRET_BYTES {
        return Err(too_long(kind));
    }
    let text = match String::from_utf8(raw) {
        Ok(t) => t,
        Err(e) => {
            // Scrub the bytes before they are dropped; they may be most of a secret.
            let mut bytes = e.into_bytes();
            bytes.iter_mut().for_each(|b| *b = 0);
            return Err(PsaError::new(
                ErrorCode::InvalidInput,
                format!("The {} on standard input is not valid text (UTF-8).", kind.name),
                format!("Copy the {} again and pipe it as plain text. {}", kind.name, kind.step),
            ));
        }
    };
    let secret = Secret::new(text);
    if secret.is_empty() {
        return Err(PsaError::new(
            ErrorCode::InvalidInput,
            format!("No {} arrived on standard input ({} read an empty line).", kind.name, kind.flag),
            format!(
                "Pipe the {} on standard input, e.g. `printf '%s\\n' \"$SECRET\" | psa-connect … {}`. \
                 It is shown once when you generate it: {}",
                kind.name, kind.flag, kind.step
            ),
        ));
    }
    Ok(secret)
}

fn too_long(kind: &SecretKind) -> PsaError {
    PsaError::new(
        ErrorCode::SecretTooLong,
        format!(
            "The first line on standard input is longer than {MAX_SECRET_BYTES} bytes, far longer than a {}.",
            kind.name
        ),
        format!("Pipe only the {} itself, on one line, not a file that contains it.", kind.name),
    )
}

/// Flags people reach for that would put a secret on the command line, and the stdin flags given a value
/// (`--secret-stdin=…`, which clap would refuse by quoting the value). `Some(flag)` names the one found
/// (without its value), so the refusal can say which without repeating the value.
pub fn secret_flag_in_args<S: AsRef<str>>(args: &[S]) -> Option<String> {
    const REFUSED: &[&str] = &["--secret", "--password", "--api-secret", "--private-key", "--pass"];
    const NO_VALUE: &[&str] = &["--secret-stdin", "--private-key-stdin"];
    args.iter().map(AsRef::as_ref).take_while(|a| *a != "--").find_map(|a| {
        let (flag, value) = match a.split_once('=') {
            Some((flag, _)) => (flag, true),
            None => (a, false),
        };
        let refused = REFUSED.iter().any(|r| flag.eq_ignore_ascii_case(r))
            || (value && NO_VALUE.iter().any(|r| flag.eq_ignore_ascii_case(r)));
        refused.then(|| flag.to_string())
    })
}

pub fn secret_flag_error(flag: &str) -> PsaError {
    PsaError::new(
        ErrorCode::InvalidInput,
        format!("psa-connect does not accept the secret as an argument ({flag}): it would be kept in your shell history and shown to every process on this computer."),
        "Pipe it on standard input: --secret-stdin for Autotask, --private-key-stdin for ConnectWise, e.g. \
         `printf '%s\\n' \"$SECRET\" | psa-connect autotask check --username U --integration-code C --secret-stdin`.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &[u8]) -> Result<Secret, PsaError> {
        read_secret(std::io::Cursor::new(input.to_vec()))
    }

    #[test]
    fn takes_the_first_line_without_its_line_ending() {
        assert_eq!(read(b"s3cret!\n").unwrap().expose(), "s3cret!");
        assert_eq!(read(b"s3cret!\r\n").unwrap().expose(), "s3cret!");
        assert_eq!(read(b"s3cret!").unwrap().expose(), "s3cret!");
        assert_eq!(read(b"first\nsecond\n").unwrap().expose(), "first");
    }

    #[test]
    fn keeps_inner_and_surrounding_spaces_of_the_line() {
        // Only the line ending is removed: a secret is taken exactly as Autotask generated it.
        assert_eq!(read(b" a b \n").unwrap().expose(), " a b ");
    }

    #[test]
    fn empty_input_is_a_clear_input_error() {
        for input in [&b""[..], b"\n", b"\r\n", b"   \n"] {
            let e = read(input).unwrap_err();
            assert_eq!(e.code, ErrorCode::InvalidInput, "{input:?}");
            assert!(e.message.contains("No secret"), "{}", e.message);
            assert!(e.fix.contains("--secret-stdin"));
        }
    }

    #[test]
    fn refuses_a_line_over_the_cap_but_takes_one_at_it() {
        let at_cap = vec![b'x'; MAX_SECRET_BYTES];
        assert_eq!(read(&at_cap).unwrap().expose().len(), MAX_SECRET_BYTES);
        let mut with_newline = at_cap.clone();
        with_newline.push(b'\n');
        assert_eq!(read(&with_newline).unwrap().expose().len(), MAX_SECRET_BYTES);
        let over = vec![b'x'; MAX_SECRET_BYTES + 1];
        assert_eq!(read(&over).unwrap_err().code, ErrorCode::SecretTooLong);
        let mut over_nl = over.clone();
        over_nl.push(b'\n');
        assert_eq!(read(&over_nl).unwrap_err().code, ErrorCode::SecretTooLong);
    }

    #[test]
    fn invalid_utf8_is_refused_without_showing_bytes() {
        let e = read(b"ab\xff\xfecd\n").unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidInput);
        assert!(e.details.is_none());
    }

    #[test]
    fn spots_secret_flags_without_keeping_their_value() {
        let args = ["psa-connect", "autotask", "check", "--secret=hunter2"];
        assert_eq!(secret_flag_in_args(&args).as_deref(), Some("--secret"));
        assert_eq!(secret_flag_in_args(&["x", "--PASSWORD", "hunter2"]).as_deref(), Some("--PASSWORD"));
        assert_eq!(secret_flag_in_args(&["x", "--secret-stdin"]), None);
        assert_eq!(secret_flag_in_args(&["x", "--secret-stdin=hunter2"]).as_deref(), Some("--secret-stdin"));
        assert_eq!(secret_flag_in_args(&["x", "--private-key-stdin=k"]).as_deref(), Some("--private-key-stdin"));
        assert_eq!(secret_flag_in_args(&["x", "--", "--secret"]), None);
        let e = secret_flag_error("--secret");
        assert!(!e.message.contains("hunter2") && !e.fix.contains("hunter2"));
    }
}
