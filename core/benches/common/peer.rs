//! Running a peer implementation written in Python on the same input in the same run: the
//! interpreter comes from an environment variable (`scripts/bench-against.sh` sets it to a
//! virtual environment with the peer installed), the script prints one JSON object.

use std::path::Path;
use std::process::Command;

/// Runs `script` with `$env` (or `python3`) on `input`; its JSON output, or why there is none.
pub fn run(env: &str, script: &str, input: &Path) -> Result<serde_json::Value, String> {
    let python = std::env::var(env).unwrap_or_else(|_| "python3".into());
    let out = Command::new(&python)
        .args(["-c", script])
        .arg(input)
        .output()
        .map_err(|e| format!("{python}: {e}"))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        return Err(stderr.lines().last().unwrap_or("").to_owned());
    }
    serde_json::from_slice(&out.stdout).map_err(|e| e.to_string())
}
