"""Every spec vector, and every bit flip of every valid one, through the installed package."""

import pytest

import tracemark
from conftest import load

FILES = {"records.json": 15, "trust.json": 25, "chains.json": 6, "malformed.json": 31}
CASES = [(name, case) for name in FILES for case in load(name)]


def trust_of(case: dict) -> tracemark.TrustStore:
    trust = tracemark.TrustStore()
    for anchor in case["trust"]["anchors"]:
        trust.add_anchor(tracemark.PublicKey(anchor["key"]), anchor["name"])
    for record in case["trust"]["records"]:
        trust.add(tracemark.SignedRecord.decode(bytes.fromhex(record)))
    return trust


def test_case_counts():
    assert {name: len(load(name)) for name in FILES} == FILES


@pytest.mark.parametrize("name,case", CASES, ids=[f"{n}/{c['name']}" for n, c in CASES])
def test_vector(name, case):
    records = [bytes.fromhex(r) for r in case["records"]]
    expect = case["expect"]
    if "error" in expect:
        with pytest.raises(tracemark.TracemarkError) as raised:
            tracemark.SignedRecord.decode(records[0])
        assert raised.value.code == expect["error"]
        assert isinstance(raised.value, ValueError)
        family = tracemark.DecodeError if expect["error"].startswith("decode_") else tracemark.TracemarkError
        assert isinstance(raised.value, family)
        return
    decoded = [tracemark.SignedRecord.decode(r) for r in records]
    batch = tracemark.verify_batch(decoded, trust_of(case))
    assert batch.verdict == expect["verdict"]
    for record, report, want in zip(decoded, batch.reports, expect["records"]):
        assert record.id == want["id"] == report.id
        assert report.verdict == want["verdict"]
        assert [f.code for f in report.findings] == want["findings"]
    assert [f.code for f in batch.chain_findings] == expect["chain_findings"]
    for finding in batch.chain_findings:
        if finding.code == "chain_fork":
            assert tracemark.ForkProof.from_finding(finding).check() in ("same_sequence", "broken_link")


def test_every_bit_flip_of_every_valid_vector_is_caught():
    flips = rejected = not_valid = 0
    for name in FILES:
        for case in load(name):
            if case["expect"].get("verdict") != "valid" or len(case["records"]) != 1:
                continue
            trust = trust_of(case)
            data = bytearray.fromhex(case["records"][0])
            for bit in range(len(data) * 8):
                flipped = bytearray(data)
                flipped[bit // 8] ^= 1 << (bit % 8)
                flips += 1
                try:
                    record = tracemark.SignedRecord.decode(bytes(flipped))
                except tracemark.TracemarkError:
                    rejected += 1
                    continue
                assert record.verify(trust).report.verdict != "valid", (case["name"], bit)
                not_valid += 1
    assert flips == rejected + not_valid == 40_672


def test_prepared_records_signed_where_the_key_is_reproduce_every_valid_vector():
    keys = [tracemark.SecretKey.from_secret_text(k["secret"]) for k in load("keys.json")]
    signed = 0
    for case in load("records.json"):
        for text in case["records"]:
            data = bytes.fromhex(text)
            record = tracemark.SignedRecord.decode(data)
            key = next((k for k in keys if k.public_key == record.claimed_signer), None)
            if key is None or not record.signature_is_valid():
                continue
            assert bytes(tracemark.sign_unsigned(data[:-64], key)) == data
            signed += 1
    assert signed >= 10
    first = bytes.fromhex(load("records.json")[0]["records"][0])
    with pytest.raises(tracemark.InvalidInputError) as raised:
        tracemark.sign_unsigned(first[:-64], tracemark.SecretKey.from_seed(bytes([9] * 32)))
    assert raised.value.code == "invalid_key"
    with pytest.raises(tracemark.DecodeError) as raised:
        tracemark.sign_unsigned(first, keys[0])
    assert raised.value.code == "decode_trailing_bytes"


def test_claimed_facts_and_mentions_agree_with_the_view():
    mentioned = 0
    for case in load("records.json"):
        for text in case["records"]:
            record = tracemark.SignedRecord.decode(bytes.fromhex(text))
            view = record.unverified()
            assert record.seq == view["seq"]
            assert record.prev == view.get("prev")
            assert record.party == view.get("party")
            assert record.signed_at == view["signed_at"]
            for m in record.mentions():
                assert m["role"] in {"object", "quantity", "parent", "child", "input", "output", "recall"}
                assert "gtin" in m or "sscc" in m
                mentioned += 1
    assert mentioned > 10
