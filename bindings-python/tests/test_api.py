"""The Python-shaped API: keys, ids, signing in a chain, reports, errors with codes."""

import pytest

import tracemark


def test_readme_example():
    records, trust = tracemark.sample_supply_chain()
    record = tracemark.SignedRecord.decode(bytes(records[2]))
    verification = record.verify(trust)
    assert verification.report.verdict == "valid"
    assert verification.verified is not None
    assert verification.verified.record()["seq"] == 0


def test_keys_round_trip_and_hide_the_secret():
    key = tracemark.generate_secret_key()
    again = tracemark.SecretKey.from_secret_text(key.to_secret_text())
    assert again.public_key == key.public_key
    assert str(key.public_key).startswith("ed25519:")
    assert key.to_secret_text() not in repr(key)
    assert tracemark.PublicKey(str(key.public_key)) == key.public_key
    assert tracemark.PublicKey.from_bytes(bytes(key.public_key)) == key.public_key


def test_identifiers():
    assert str(tracemark.Gtin("9506000134352")) == "09506000134352"
    assert tracemark.Gtin.with_check_digit("950600013435") == tracemark.Gtin("9506000134352")
    with pytest.raises(tracemark.IdentifierError) as raised:
        tracemark.Gtin("9506000134353")
    assert raised.value.code == "invalid_gtin"
    with pytest.raises(tracemark.IdentifierError) as raised:
        tracemark.Serial("has space")
    assert raised.value.code == "invalid_serial"


def test_chain_signer_builds_verifiable_records(sample):
    records, trust = sample
    view = records[2].unverified()
    key = tracemark.SecretKey.from_seed(bytes([7]) * 32)
    signer = tracemark.ChainSigner(key, party=view["party"])
    first = signer.sign("2026-03-02T08:00:00+07:00", view["body"])
    second = signer.sign("2026-03-02T09:00:00+07:00", view["body"])
    assert second.unverified()["prev"] == first.id
    assert signer.next_seq == 2
    report = first.verify(trust).report
    assert report.verdict == "untrusted"
    assert [f.code for f in report.findings] == ["signer_unknown"]
    assert "signer_unknown" in repr(report) and "<table>" in report._repr_html_()
    assert report.to_dict()["verdict"] == "untrusted"


def test_sign_record_from_a_json_view(sample):
    records, _ = sample
    view = records[2].unverified()
    key = tracemark.SecretKey.from_seed(bytes([8]) * 32)
    view["signer"] = str(key.public_key)
    signed = tracemark.sign_record(view, key)
    assert tracemark.SignedRecord.decode(bytes(signed)).unverified() == view
    with pytest.raises(tracemark.InvalidInputError) as raised:
        tracemark.sign_record({"not": "a record"}, key)
    assert raised.value.code == "invalid_json"


@pytest.mark.parametrize(
    "call,code,family",
    [
        (lambda: tracemark.SignedRecord.decode(b""), "decode_truncated", tracemark.DecodeError),
        (lambda: tracemark.SignedRecord.decode(b"xxxx\x01" + bytes(80)), "decode_bad_magic", tracemark.DecodeError),
        (lambda: tracemark.PublicKey("rsa:abc"), "invalid_key", tracemark.InvalidInputError),
        (lambda: tracemark.PublicKey.from_bytes(b"short"), "invalid_key", tracemark.InvalidInputError),
        (lambda: tracemark.SecretKey.from_seed(b"short"), "invalid_key", tracemark.InvalidInputError),
        (lambda: tracemark.ChainSigner(tracemark.generate_secret_key(), party="123"), "invalid_gln", tracemark.IdentifierError),
        (lambda: tracemark.ChainSigner(tracemark.generate_secret_key()).sign("yesterday", {}), "invalid_time", tracemark.InvalidInputError),
        (lambda: tracemark.sign_record("{not json", tracemark.generate_secret_key()), "invalid_json", tracemark.InvalidInputError),
    ],
)
def test_bad_input_raises_typed_errors_with_codes(call, code, family):
    with pytest.raises(family) as raised:
        call()
    assert raised.value.code == code
    assert isinstance(raised.value, tracemark.TracemarkError)
    assert code in tracemark.ERROR_CODES


def test_trust_store_refuses_wrong_kinds_and_bad_signatures(sample):
    records, trust = sample
    with pytest.raises(tracemark.WrongKindError) as raised:
        trust.add(records[2])
    assert raised.value.code == "wrong_kind"
    cert = bytearray(bytes(records[0]))
    cert[-1] ^= 1
    with pytest.raises(tracemark.SignatureError):
        trust.add(tracemark.SignedRecord.decode(bytes(cert)))


def test_fork_found_and_proven(sample):
    records, trust = sample
    dairy = [r for r in records if r.claimed_signer == records[2].claimed_signer]
    batch = tracemark.verify_batch(dairy, trust)
    assert batch.verdict == "valid" and batch.counts == {"valid": 5}
    assert tracemark.check_chains(dairy[:2] + dairy[3:]) [0].code == "chain_gap"


def test_the_readme_python_example_runs():
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    assert blocks, "README.md has no python example"
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})


def test_every_error_code_has_a_family_class():
    families = {
        tracemark.DecodeError,
        tracemark.IdentifierError,
        tracemark.InvalidInputError,
        tracemark.SignatureError,
        tracemark.WrongKindError,
        tracemark.StorageError,
    }
    assert all(issubclass(f, tracemark.TracemarkError) for f in families)
    assert "storage" in tracemark.ERROR_CODES and len(set(tracemark.ERROR_CODES)) == len(tracemark.ERROR_CODES)
