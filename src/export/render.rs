/*!
Rendering DOT to SVG with Graphviz's `dot` program.

Graphviz is an external program (installed by `scripts/setup`); when it is
missing the error says so and how to fix it, instead of the operating
system's bare "No such file or directory". A pure-Rust fallback is planned.

`dot` is run directly with the DOT on its standard input (rather than through
`graphviz_rust::exec`, which goes through a temporary file), so that "not
found" can only mean the program, not the temporary directory.
*/

use std::io::{self, Write};
use std::process::{Command, Stdio};

use crate::error::{Error, ErrorKind};

/// Lays out and draws DOT source as an SVG document.
///
/// # Errors
///
/// [`ErrorKind::DotMissing`] when `dot` is not on `PATH`;
/// [`ErrorKind::Render`] when it fails (its message, on one line).
pub fn render_svg(dot: &str) -> Result<String, Error> {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| render_error(&e))?;
    // Fed from a thread so that a large drawing cannot fill the output pipe
    // while its input is still being written.
    let input = child.stdin.take();
    let source = dot.to_string();
    let feeder = std::thread::spawn(move || match input {
        Some(mut stdin) => stdin.write_all(source.as_bytes()),
        None => Ok(()),
    });
    let output = child.wait_with_output().map_err(|e| render_error(&e))?;
    let fed = feeder.join().unwrap_or_else(|_| Err(io::Error::other("input thread panicked")));
    if !output.status.success() {
        let message = String::from_utf8_lossy(&output.stderr);
        let message = if message.trim().is_empty() {
            format!("exited with {}", output.status)
        } else {
            message.into_owned()
        };
        return Err(ErrorKind::Render { message: super::one_line(&message) }.into());
    }
    fed.map_err(|e| render_error(&e))?;
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn render_error(err: &io::Error) -> Error {
    match err.kind() {
        io::ErrorKind::NotFound => ErrorKind::DotMissing.into(),
        _ => ErrorKind::Render { message: super::one_line(&err.to_string()) }.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_dot_is_explained() {
        let err = render_error(&io::Error::from(io::ErrorKind::NotFound));
        assert_eq!(err.to_string(), "Graphviz `dot` is not installed (run scripts/setup)");
        let err = render_error(&io::Error::other("Error: <stdin>: syntax error\nin line 1"));
        assert_eq!(err.to_string(), "Graphviz `dot` failed: Error: <stdin>: syntax error in line 1");
    }
}
