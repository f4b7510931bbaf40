//! The command-line tool as a user runs it: exit codes, `--json`, errors with stable codes.

#![allow(clippy::expect_used, clippy::unwrap_used, missing_docs)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn tracemark(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tracemark"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn demo_succeeds_in_text_and_json() {
    let db = std::env::temp_dir().join(format!("tracemark-cli-demo-{}.db", std::process::id()));
    let db_arg = db.to_str().unwrap();
    let out = tracemark(&["demo", "--small", "--db", db_arg], "");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("verdict invalid  findings [\"signature_invalid\"]"),
        "{text}"
    );
    assert!(
        text.contains("proof checked by a third party: same_sequence"),
        "{text}"
    );
    assert!(text.trim_end().ends_with("demo ok"));
    assert!(
        text.contains("the tampered commission caught: true"),
        "{text}"
    );

    std::fs::remove_file(&db).unwrap();
    let out = tracemark(&["demo", "--small", "--db", db_arg, "--json"], "");
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ok"], true);
    let steps: Vec<&str> = v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["step"].as_str().unwrap())
        .collect();
    assert_eq!(
        steps,
        ["trust", "verify", "tamper", "fork", "impostor", "scale"]
    );
    assert_eq!(v["steps"][3]["proof"], "same_sequence");
    let scale = &v["steps"][5];
    assert_eq!(
        (
            scale["quarantined"].as_u64(),
            scale["tampered_caught"].as_bool()
        ),
        (Some(1), Some(true))
    );
    assert_eq!(scale["fork_proof"], "same_sequence");
    assert_eq!(
        scale["stored"].as_u64().unwrap() + 1,
        scale["records"].as_u64().unwrap()
    );
    std::fs::remove_file(&db).unwrap();
}

#[test]
fn keys_generate_then_public() {
    let out = tracemark(&["keys", "generate", "--json"], "");
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let secret = v["secret"].as_str().unwrap();
    assert!(secret.starts_with("ed25519-secret:"));
    let out = tracemark(&["keys", "public"], &format!("{secret}\n"));
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        v["public"].as_str().unwrap()
    );
}

#[test]
fn unreadable_input_exits_3_with_its_code() {
    let out = tracemark(&["keys", "public"], "ed25519-secret:not-base64!\n");
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("error[invalid_key]: "), "{err}");
    assert!(!err.contains("panicked"));
    let out = tracemark(&["keys", "public", "--json"], "rsa:abc\n");
    assert_eq!(out.status.code(), Some(3));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["error"]["code"], "invalid_key");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(tracemark(&["no-such-command"], "").status.code(), Some(2));
    assert_eq!(tracemark(&[], "").status.code(), Some(2));
}
