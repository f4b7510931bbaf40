//! The command-line tool as a user runs it: exit codes, `--json`, errors with stable codes.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, missing_docs)]

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
        [
            "trust", "verify", "tamper", "fork", "impostor", "scale", "recall"
        ]
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

/// A scratch folder with a store, removed at the end.
struct Workspace {
    dir: std::path::PathBuf,
}

impl Workspace {
    fn new(name: &str) -> Workspace {
        let dir = std::env::temp_dir().join(format!("tracemark-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Workspace { dir }
    }

    fn path(&self, name: &str) -> String {
        self.dir.join(name).to_str().unwrap().to_owned()
    }

    /// Runs with this workspace's store; returns (exit code, stdout).
    fn run(&self, args: &[&str]) -> (i32, String) {
        let db = self.path("store.db");
        let mut all = vec!["--db", db.as_str()];
        all.extend_from_slice(args);
        let out = tracemark(&all, "");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(!stderr.contains("panicked"), "{stderr}");
        (
            out.status.code().unwrap(),
            String::from_utf8(out.stdout).unwrap(),
        )
    }

    fn json(&self, args: &[&str]) -> (i32, serde_json::Value) {
        let mut all = args.to_vec();
        all.push("--json");
        let (code, out) = self.run(&all);
        (
            code,
            serde_json::from_str(&out).unwrap_or_else(|e| unreachable!("{e}: {out}")),
        )
    }

    fn key(&self, name: &str) -> String {
        let file = self.path(&format!("{name}.key"));
        let (code, v) = self.json(&["keys", "generate", "--out", &file]);
        assert_eq!(code, 0);
        assert!(
            v["secret"].is_null(),
            "a secret written to a file is not printed"
        );
        v["public"].as_str().unwrap().to_owned()
    }
}

impl Drop for Workspace {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

const COMMISSION: &str = r#"{"kind": "commission",
  "event": {"time": "2026-03-02T08:00:00.000+07:00", "biz_step": "commissioning",
            "disposition": "active", "biz_location": {"gln": {"gln": "8930000010001"}}},
  "goods": {"quantities": [{"class": {"lot": {"gtin": "08930000010018", "lot": "M2603A"}},
                            "quantity": {"value": 500, "uom": "LTR"}}]}}"#;

#[test]
fn certify_sign_rotate_revoke_verify_export_import() {
    let w = Workspace::new("flow");
    let (authority, dairy, dairy2) = (w.key("authority"), w.key("dairy"), w.key("dairy2"));
    let body = w.path("commission.json");
    std::fs::write(&body, COMMISSION).unwrap();
    let (a_key, d_key, d2_key) = (
        w.path("authority.key"),
        w.path("dairy.key"),
        w.path("dairy2.key"),
    );
    let sign = |key: &str, at: &str| {
        w.json(&[
            "sign",
            "--key",
            key,
            "--as",
            "8930000010001",
            "--body",
            &body,
            "--at",
            at,
        ])
    };

    // Unknown signer: quarantined, exit 1, the report says why.
    let (code, v) = sign(&d_key, "2026-03-02T01:00:00Z");
    assert_eq!(code, 1);
    assert_eq!(v["stored"], 0);
    assert_eq!(v["rejected"][0]["findings"][0]["code"], "signer_unknown");

    assert_eq!(
        w.run(&["trust", "anchor", &authority, "--name", "Authority"])
            .0,
        0
    );
    let (code, v) = w.json(&[
        "keys",
        "certify",
        "--key",
        &a_key,
        "--subject",
        &dairy,
        "--name",
        "Dairy",
        "--prefix",
        "893000001",
        "--at",
        "2026-01-01T00:00:00Z",
    ]);
    assert_eq!(
        (code, v["records"][0]["kind"].as_str()),
        (0, Some("key_certificate"))
    );
    let (code, v) = sign(&d_key, "2026-03-02T02:00:00Z");
    assert_eq!((code, v["stored"].as_u64()), (0, Some(1)));
    // The chain continues where the store has it (the quarantined record does not count).
    assert_eq!(v["records"][0]["seq"], 0);
    assert_eq!(
        sign(&d_key, "2026-03-02T03:00:00Z").1["records"][0]["seq"],
        1
    );

    let (code, v) = w.json(&[
        "keys",
        "rotate",
        "--key",
        &a_key,
        "--old",
        &dairy,
        "--new",
        &dairy2,
        "--at",
        "2026-03-05T00:00:00Z",
    ]);
    assert_eq!(code, 0);
    let kinds: Vec<&str> = v["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["key_certificate", "key_revocation"]);
    let (code, v) = sign(&d_key, "2026-03-06T03:00:00Z");
    assert_eq!(code, 1, "the old key is retired");
    assert_eq!(v["rejected"][0]["findings"][0]["code"], "key_retired");
    assert_eq!(
        sign(&d2_key, "2026-03-06T03:00:00Z").0,
        0,
        "the new key signs"
    );

    let (code, v) = w.json(&["verify"]);
    assert_eq!(
        (code, v["verdict"].as_str(), v["records"].as_u64()),
        (0, Some("valid"), Some(6))
    );
    let (code, text) = w.run(&["verify"]);
    assert_eq!(code, 0);
    assert!(
        text.starts_with("verdict valid  records 6  (valid 6)"),
        "{text}"
    );

    // A compromise reaches back: the store's own records stop verifying.
    let (code, _) = w.json(&[
        "keys",
        "revoke",
        "--key",
        &a_key,
        "--subject",
        &dairy2,
        "--reason",
        "key_compromise",
        "--compromised-since",
        "2026-03-06T00:00:00Z",
        "--at",
        "2026-03-07T00:00:00Z",
    ]);
    assert_eq!(code, 0);
    let (code, v) = w.json(&["verify"]);
    assert_eq!((code, v["verdict"].as_str()), (1, Some("untrusted")));
    assert_eq!(v["not_valid"][0]["findings"][0]["code"], "key_compromised");

    // Export, then import into a second store that trusts the same authority.
    let lines = w.path("all.tmr");
    assert_eq!(w.run(&["export", "--out", &lines]).0, 0);
    // Seven stored records: the quarantined ones stay in the quarantine.
    assert_eq!(std::fs::read_to_string(&lines).unwrap().lines().count(), 7);
    let (code, v) = w.json(&["verify", &lines]);
    assert_eq!((code, v["records"].as_u64()), (1, Some(7)));
    let other = Workspace::new("flow-other");
    other.run(&["trust", "anchor", &authority, "--name", "Authority"]);
    let (code, v) = other.json(&["import", &lines]);
    assert_eq!(
        (code, v["stored"].as_u64(), v["quarantined"].as_u64()),
        (1, Some(6), Some(1))
    );
    let (code, v) = other.json(&["import", &lines]);
    assert_eq!(
        (code, v["duplicates"].as_u64()),
        (1, Some(6)),
        "imports are idempotent"
    );
    let (code, views) = other.run(&["export", "--views"]);
    assert_eq!(code, 0);
    let first: serde_json::Value = serde_json::from_str(views.lines().next().unwrap()).unwrap();
    assert!(first["id"].as_str().unwrap().starts_with("rec:"));
    assert_eq!(first["record"]["body"]["kind"], "key_certificate");
    let (code, v) = other.json(&["trust", "list"]);
    assert_eq!((code, v["anchors"].as_array().unwrap().len()), (0, 1));
}

#[test]
fn bad_input_exits_3_with_a_stable_code_and_no_panic() {
    let w = Workspace::new("bad");
    w.key("k");
    let key = w.path("k.key");
    let garbage = w.path("garbage.tmr");
    std::fs::write(&garbage, "# comment\n\nnot base64 at all!\n").unwrap();
    let truncated = w.path("truncated.tmr");
    std::fs::write(&truncated, "dG1yaw==\n").unwrap();
    let good_json = w.path("good.json");
    std::fs::write(&good_json, COMMISSION).unwrap();
    let bad_json = w.path("bad.json");
    std::fs::write(&bad_json, r#"{"kind": "commission", "goods": 7}"#).unwrap();
    let missing = w.path("missing");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["import", &garbage], "invalid_record_line"),
        (vec!["verify", &garbage], "invalid_record_line"),
        (vec!["import", &truncated], "decode_truncated"),
        (vec!["import", &missing], "io"),
        (vec!["sign", "--key", &missing, "--body", &good_json], "io"),
        (
            vec!["sign", "--key", &key, "--body", &bad_json],
            "invalid_json",
        ),
        (
            vec!["sign", "--key", &key, "--body", &good_json, "--as", "123"],
            "invalid_gln",
        ),
        (
            vec![
                "sign",
                "--key",
                &key,
                "--body",
                &good_json,
                "--at",
                "yesterday",
            ],
            "invalid_time",
        ),
        (
            vec![
                "keys",
                "revoke",
                "--key",
                &key,
                "--subject",
                "ed25519:AAAA",
                "--reason",
                "x",
            ],
            "invalid_key",
        ),
        (
            vec!["trust", "anchor", "rsa:1", "--name", "x"],
            "invalid_key",
        ),
        (vec!["keys", "generate", "--out", &key], "io"),
    ];
    for (args, want) in cases {
        let (code, v) = w.json(&args);
        assert_eq!(
            (code, v["error"]["code"].as_str()),
            (3, Some(want)),
            "{args:?}"
        );
        assert!(!v["error"]["message"].as_str().unwrap().is_empty());
    }
    let (code, text) = w.run(&["import", &garbage]);
    assert_eq!((code, text.as_str()), (3, ""));
    assert_eq!(
        w.run(&["sign", "--key", &key]).0,
        2,
        "a missing argument is a usage error"
    );
}

#[test]
fn id_parse_prints_the_elements_and_names_the_broken_rule() {
    let out = tracemark(
        &[
            "id",
            "parse",
            "]d2010950600013435217271231^10ABC^21XYZ",
            "--gs",
            "^",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("(17)    USE BY or EXPIRY          271231"),
        "{text}"
    );
    assert!(
        text.contains("sgtin         (01)09506000134352(21)XYZ"),
        "{text}"
    );

    let out = tracemark(&["--json", "id", "parse", "(01)09506000134352(10)L1"], "");
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["elements"][1]["title"], "BATCH/LOT");
    assert_eq!(v["unbracketed"], "010950600013435210L1");
    assert_eq!(v["keys"]["lgtin"], "(01)09506000134352(10)L1");

    let out = tracemark(
        &["--json", "id", "parse", "(01)09506000134352(17)271331"],
        "",
    );
    assert_eq!(out.status.code(), Some(3));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["error"]["code"], "invalid_element_string");
    assert_eq!(v["error"]["rule"], "illegal_month");
    assert_eq!(v["error"]["ai"], "17");
    assert_eq!(v["error"]["position"], 24);

    let out = tracemark(&["id", "parse", "(10)ABC"], "");
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("error[invalid_element_string]"), "{err}");
    assert!(err.contains("required_ais_not_satisfied"), "{err}");
    let out = tracemark(&["id", "parse", "(10)ABC", "--no-associations"], "");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn id_parse_reads_digital_links_and_epc_uris_and_converts_between_all_three() {
    let link = "https://brand.example/p/01/09506000134352/21/A%2F1?17=271231&linkType=all";
    let out = tracemark(&["--json", "id", "parse", link, "--prefix-length", "7"], "");
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["syntax"], "digital_link");
    assert_eq!(v["bracketed"], "(01)09506000134352(21)A/1(17)271231");
    assert_eq!(v["digital_link"]["stem"], "https://brand.example/p");
    assert_eq!(
        v["digital_link"]["canonical"],
        "https://id.gs1.org/01/09506000134352/21/A%2F1"
    );
    assert_eq!(v["digital_link"]["other_params"][0][0], "linkType");
    assert_eq!(v["epc"]["uri"], "urn:epc:id:sgtin:9506000.013435.A%2F1");

    let out = tracemark(
        &[
            "--json",
            "id",
            "parse",
            "urn:epc:id:sgtin:9506000.013435.A%2F1",
        ],
        "",
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["syntax"], "epc_uri");
    assert_eq!(v["keys"]["sgtin"], "(01)09506000134352(21)A/1");

    // Without a company prefix length there is no EPC, and the output says why.
    let out = tracemark(&["--json", "id", "parse", "(00)095060001343520000"], "");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v["epc"]["error"]
            .as_str()
            .unwrap()
            .contains("--prefix-length")
    );

    let out = tracemark(
        &[
            "--json",
            "id",
            "parse",
            "https://id.gs1.org/01/09506000134352?10=A",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(3));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["error"]["code"], "invalid_digital_link");
    assert_eq!(v["error"]["rule"], "ai_should_be_in_path_info");
    assert_eq!(v["error"]["position"], 37);
}

const EPCIS_DOC: &str = r#"{"@context": ["https://ref.gs1.org/standards/epcis/epcis-context.jsonld",
    {"ex": "https://example.com/ns/"}],
  "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-07-22T08:00:00Z",
  "epcisBody": {"eventList": [
    {"type": "ObjectEvent", "action": "ADD", "eventTime": "2026-07-22T06:45:00+02:00",
     "eventTimeZoneOffset": "+02:00", "epcList": ["https://id.gs1.org/01/09521141012345/21/2017"],
     "bizStep": "commissioning", "ex:line": 4},
    {"type": "ObjectEvent", "action": "OBSERVE", "eventTime": "2026-07-22T07:45:00+02:00",
     "eventTimeZoneOffset": "+02:00", "epcList": ["https://id.gs1.org/01/09521141012345/21/2017"],
     "bizStep": "transforming"}]}}"#;

#[test]
fn import_and_export_epcis() {
    let w = Workspace::new("epcis");
    let key = w.key("importer");
    assert_eq!(w.run(&["trust", "anchor", &key, "--name", "importer"]).0, 0);
    let doc = w.path("doc.json");
    std::fs::write(&doc, EPCIS_DOC).unwrap();
    let key_file = w.path("importer.key");
    // All or nothing by default: the second event's bizStep is not CBV, so nothing is stored.
    let (code, v) = w.json(&["import", "epcis", &doc, "--key", &key_file]);
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["stored"], 0);
    assert_eq!(v["rejected"][0]["index"], 1);
    assert_eq!(v["rejected"][0]["problems"][0]["rule"], "unknown_cbv_term");
    assert_eq!(
        v["rejected"][0]["problems"][0]["path"],
        "$.epcisBody.eventList[1].bizStep"
    );
    // Keep the rest: one stored, one reported; exit 1 still says something was rejected.
    let (code, v) = w.json(&[
        "import",
        "epcis",
        &doc,
        "--key",
        &key_file,
        "--keep-valid",
        "--source",
        "partner",
    ]);
    assert_eq!((code, v["stored"].as_u64()), (1, Some(1)), "{v}");
    assert_eq!(w.run(&["verify"]).0, 0, "the stored event verifies");
    let out = w.path("out.json");
    assert_eq!(w.run(&["export", "epcis", "--out", &out]).0, 0);
    let exported: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let events = exported["epcisBody"]["eventList"].as_array().unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["bizStep"], "commissioning");
    assert_eq!(exported["@context"][1]["ns1"], "https://example.com/ns/");
    assert_eq!(events[0]["ns1:line"], 4);
    // The export reads back, and the source filter selects.
    let (code, v) = w.json(&["import", "epcis", &out, "--key", &key_file]);
    assert_eq!((code, v["stored"].as_u64()), (0, Some(1)), "{v}");
    let (code, text) = w.run(&["export", "epcis", "--source", "nobody"]);
    assert_eq!(code, 0);
    assert!(text.contains(r#""eventList":[]"#), "{text}");
    // A query document selects: the item as an EPC pattern, a business step in its URI form.
    let query = w.path("query.json");
    std::fs::write(
        &query,
        r#"{"MATCH_epc": ["urn:epc:idpat:sgtin:9521141.001234.*"],
            "EQ_bizStep": ["https://ref.gs1.org/cbv/BizStep-commissioning"]}"#,
    )
    .unwrap();
    let (code, text) = w.run(&["export", "epcis", "--query", &query]);
    assert_eq!(code, 0, "{text}");
    let selected: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        selected["epcisBody"]["eventList"].as_array().map(Vec::len),
        Some(2)
    );
    std::fs::write(&query, r#"{"EQ_bizStep": ["receiving"]}"#).unwrap();
    let (_, text) = w.run(&["export", "epcis", "--query", &query]);
    assert!(text.contains(r#""eventList":[]"#), "{text}");
    std::fs::write(&query, r#"{"GE_eventDate": "2026-01-01T00:00:00Z"}"#).unwrap();
    let (code, v) = w.json(&["export", "epcis", "--query", &query]);
    assert_eq!(
        (code, v["error"]["code"].as_str()),
        (3, Some("invalid_epcis")),
        "{v}"
    );
    assert!(
        v["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("GE_eventDate")),
        "{v}"
    );
    // Unreadable input: exit 3 with the stable code.
    std::fs::write(&doc, "{not json").unwrap();
    let (code, v) = w.json(&["import", "epcis", &doc, "--key", &key_file]);
    assert_eq!(
        (code, v["error"]["code"].as_str()),
        (3, Some("invalid_epcis")),
        "{v}"
    );
}

#[test]
fn trace_recall_fsma_and_outbreak_on_the_demo_store() {
    let w = Workspace::new("recall");
    assert_eq!(w.run(&["demo", "--small"]).0, 0);
    // The spreadsheet of everything, as JSON: the first farm lot is packed first.
    let (code, sheet) = w.json(&["fsma"]);
    assert_eq!(code, 0);
    let rows = sheet["rows"].as_array().unwrap();
    let first = rows.iter().find(|r| r["cte"] == "initial_packing").unwrap();
    let lot = &first["traceability_lot_code"];
    let lot_text = format!(
        "(01){}(10){}",
        lot["gtin"].as_str().unwrap(),
        lot["lot"].as_str().unwrap()
    );
    // As CSV on standard output, header first.
    let (code, csv) = w.run(&["fsma", "--lot", &lot_text]);
    assert_eq!(code, 0);
    assert!(
        csv.starts_with("cte_type,event_time,traceability_lot_code,"),
        "{csv}"
    );
    assert!(csv.lines().count() > 3);
    // To a file (streamed from the records): the same bytes, and the count of rows.
    let sheet_file = w.path("lot.csv");
    let (code, said) = w.run(&["fsma", "--lot", &lot_text, "--csv", &sheet_file]);
    assert_eq!(code, 0);
    assert_eq!(std::fs::read_to_string(&sheet_file).unwrap(), csv);
    assert_eq!(
        said.trim(),
        format!("{} rows written to {sheet_file}", csv.lines().count() - 1)
    );

    // Trace it forward, with the records that prove each step.
    let (code, trace) = w.json(&["trace", &lot_text, "--paths"]);
    assert_eq!(code, 0);
    let reached = trace["reached"].as_array().unwrap();
    assert!(reached.iter().any(|r| r["kind"] == "shipment"));
    assert!(
        reached[1..]
            .iter()
            .all(|r| !r["path"].as_array().unwrap().is_empty())
    );
    let (code, back) = w.json(&["trace", &lot_text, "--backward", "--hops", "1"]);
    assert_eq!(code, 0);
    assert!(back["reached"].as_array().unwrap().len() >= 2, "{back}");
    let (code, missing) = w.json(&["trace", "(01)09506000134352(10)NOPE"]);
    assert_eq!(code, 1, "an id not in the store is a finding");
    assert_eq!(missing["not_in_graph"][0]["kind"], "lot");
    let (code, text) = w.run(&["trace", &lot_text]);
    assert_eq!(code, 0);
    assert!(text.starts_with("forward trace: "), "{text}");

    // The recall: impact, holders and the spreadsheet files.
    let notice = w.path("notice.json");
    std::fs::write(&notice, format!(r#"{{"input_lots": ["{lot_text}"]}}"#)).unwrap();
    let (csv_file, xlsx_file) = (w.path("recall.csv"), w.path("recall.xlsx"));
    let (code, impact) = w.json(&["recall", &notice, "--csv", &csv_file, "--xlsx", &xlsx_file]);
    assert_eq!(code, 0, "{impact}");
    assert_eq!(impact["depth"], "consumer");
    assert!(impact["holders"].as_array().unwrap().len() >= 4);
    assert!(impact["balances"].as_array().unwrap().len() >= 2);
    let written = std::fs::read_to_string(&csv_file).unwrap();
    assert_eq!(
        written.lines().count() as u64,
        impact["spreadsheet"]["rows"].as_u64().unwrap() + 1
    );
    assert!(std::fs::read(&xlsx_file).unwrap().starts_with(b"PK"));
    let (code, text) = w.run(&["recall", &notice]);
    assert_eq!(code, 0);
    assert!(text.starts_with("recall reaches "), "{text}");
    assert!(text.contains("retailer"), "{text}");
    // A full notice whose scope matches nothing: exit 1, said in words.
    let ghost = w.path("ghost.json");
    std::fs::write(
        &ghost,
        r#"{"notice_id": "R-1", "revision": 0, "status": "active", "reason": "test",
            "classification": "class_i", "scope": {"lots": ["(01)09506000134352(10)NOPE"]}}"#,
    )
    .unwrap();
    let (code, text) = w.run(&["recall", &ghost]);
    assert_eq!(code, 1);
    assert!(
        text.contains("matched nothing: lot (01)09506000134352(10)NOPE"),
        "{text}"
    );
    let broken = w.path("broken.json");
    std::fs::write(&broken, r#"{"lots": [42]}"#).unwrap();
    let (code, err) = w.json(&["recall", &broken]);
    assert_eq!(code, 3);
    assert_eq!(err["error"]["code"], "invalid_json");

    // Outbreak: the shops the lot reached, as cases, have it as a common link.
    let shops: Vec<String> = impact["holders"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["role"] == "retailer")
        .map(|h| format!("(414){}", h["location"]["id"]["gln"].as_str().unwrap()))
        .collect();
    let mut args = vec!["outbreak", "--top", "1000"];
    for s in &shops {
        args.extend(["--case", s.as_str()]);
    }
    let (code, scores) = w.json(&args);
    assert_eq!(code, 0, "{scores}");
    let candidates = scores["candidates"].as_array().unwrap();
    assert!(
        candidates.iter().any(|c| c["kind"] == "lot"
            && c["id"] == lot_text.as_str()
            && c["common_link"] == true),
        "{scores}"
    );
    let fcl = w.path("fcl.json");
    std::fs::write(
        &fcl,
        r#"{"stations": [{"id": "farm"}, {"id": "shop1"}, {"id": "shop2"}],
            "deliveries": [{"id": "a", "source": "farm", "target": "shop1"},
                           {"id": "b", "source": "farm", "target": "shop2"}],
            "deliveriesRelations": [],
            "tracing": {"nodes": [{"id": "shop1", "weight": 1}, {"id": "shop2", "weight": 1}]}}"#,
    )
    .unwrap();
    let (code, text) = w.run(&["outbreak", "--fcl", &fcl]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("1.000   common farm"), "{text}");
    let (code, _) = w.json(&["outbreak"]);
    assert_eq!(code, 2);
}
