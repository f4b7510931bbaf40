//! What several integration tests share: where the conformance data is, and scratch files.

#![allow(dead_code)] // each test binary uses part of it

use std::path::{Path, PathBuf};

/// `$TRACEMARK_CONFORMANCE/<folder>`, or `None` (with a message naming `what`) when the
/// variable is unset. A relative path is taken from the workspace root, like `.ci/run`'s
/// `../shared/conformance`: test binaries run in the package directory (core/).
pub fn conformance_dir(folder: &str, what: &str) -> Option<PathBuf> {
    let Some(root) = std::env::var_os("TRACEMARK_CONFORMANCE") else {
        eprintln!("TRACEMARK_CONFORMANCE not set; skipping {what}");
        return None;
    };
    let root = PathBuf::from(root);
    let root = if root.is_absolute() {
        root
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(root)
    };
    Some(root.join(folder))
}

/// A fresh folder in the temporary directory for this test process, and `file` inside it
/// (removed if a previous run left it).
pub fn scratch_file(folder: &str, file: &str) -> (PathBuf, PathBuf) {
    let dir = std::env::temp_dir().join(format!("tracemark-{folder}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    let path = dir.join(file);
    let _ = std::fs::remove_file(&path);
    (dir, path)
}
