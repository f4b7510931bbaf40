"""The GS1 syntaxes from Python: element strings, Digital Link, EPC URIs, conversions, errors."""

import random

import pytest

import tracemark
from tracemark import DigitalLink, ElementStrings, EpcUri, PrefixLengths

GS = "\x1d"
CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" * 3 + "!\"%&'()*+,-./:;<=>?_"


def cd(body):
    return str(-sum(int(c) * (3 if i % 2 == 0 else 1) for i, c in enumerate(reversed(body))) % 10)


def key(rng, lead, n):
    body = lead + "0614141" + "".join(rng.choice("0123456789") for _ in range(n))
    return body + cd(body)


def generated(count=300, seed=7):
    """Valid element strings of the five EPC-mappable kinds, all under company prefix 0614141."""
    rng = random.Random(seed)
    text = lambda n: "".join(rng.choice(CHARS) for _ in range(rng.randint(1, n)))  # noqa: E731
    date = lambda: f"{rng.randrange(100):02}{rng.randint(1, 12):02}{rng.randint(1, 28):02}"  # noqa: E731
    kinds = [
        lambda: [("01", key(rng, str(rng.randint(0, 8)), 5)), ("21", text(20)), ("17", date())],
        lambda: [("01", key(rng, "0", 5)), ("10", text(20)), ("3103", f"{rng.randrange(10**6):06}")],
        lambda: [("00", key(rng, str(rng.randint(0, 9)), 9)), ("02", key(rng, "1", 5)), ("37", str(rng.randint(1, 999)))],
        lambda: [("414", key(rng, "", 5)), ("254", text(20))],
        lambda: [("8003", "0" + key(rng, "", 5) + text(16))],
    ]
    out = []
    for _ in range(count):
        pairs = rng.choice(kinds)()
        rng.shuffle(pairs)
        out.append(ElementStrings.from_pairs(pairs))
    return out


def test_element_strings_in_both_forms():
    scan = ElementStrings("]d2010950600013435217271231" + "10AB(C" + GS + "21XYZ")
    assert scan.elements == [("01", "09506000134352"), ("17", "271231"), ("10", "AB(C"), ("21", "XYZ")]
    assert scan.to_bracketed() == r"(01)09506000134352(17)271231(10)AB\(C(21)XYZ"
    assert scan.to_unbracketed() == "01095060001343521727123110AB(C" + GS + "21XYZ"
    assert ElementStrings(scan.to_bracketed()) == scan and len(scan) == 4
    assert scan.get("10") == "AB(C" and scan.get("22") is None
    assert str(scan.gtin()) == "09506000134352" and scan.sscc() is None
    assert str(ElementStrings("(00)106141412345678908").sscc()) == "106141412345678908"
    assert ElementStrings("(21)X", associations=False).elements == [("21", "X")]


@pytest.mark.parametrize("data", generated(), ids=str)
def test_round_trips(data):
    assert ElementStrings(data.to_bracketed()) == data
    assert ElementStrings(data.to_unbracketed()) == data
    assert ElementStrings("]Q3" + data.to_unbracketed()).elements == data.elements
    assert ElementStrings.from_pairs(data.elements) == data

    link = DigitalLink.from_element_strings(data, "https://brand.example/p")
    assert link.stem == "https://brand.example/p"
    assert DigitalLink(link.to_uri()) == link
    assert sorted(link.element_strings.elements) == sorted(data.elements)
    assert link.with_stem("https://id.gs1.org").to_uri() == DigitalLink.from_element_strings(data).to_uri()

    epc = EpcUri.from_element_strings(data, 7)
    assert EpcUri(str(epc)) == epc and epc.company_prefix == "0614141"
    assert epc == EpcUri.from_element_strings(data, PrefixLengths({"061": 6, "0614141": 7}))
    assert epc == EpcUri.from_element_strings(data, tracemark.CompanyPrefix("0614141"))
    named = epc.element_strings()
    assert named is not None and all(pair in data.elements for pair in named.elements)
    assert epc.digital_link() == DigitalLink(link.to_canonical_uri())


# TDS Table A-1 writes "." literally and its grammar lets the last (GS3A3) component hold it:
# the last component runs to the end of the URI (this was a bug, found by this test).
@pytest.mark.parametrize(
    "uri", ["urn:epc:id:sgtin:0614141.812345.A.B", "urn:epc:id:giai:0614141.12345A.B", "urn:epc:id:itip:0614141.812345.01.02.S.1"]
)
def test_dot_in_the_last_epc_component(uri):
    assert str(EpcUri(uri)) == uri


def test_digital_link_parts():
    link = DigitalLink("https://example.com/p/01/09506000134352/10/AB%2FC/21/1?17=271231&linkType=gs1:pip")
    assert (link.stem, link.key) == ("https://example.com/p", ("01", "09506000134352"))
    assert link.qualifiers == [("10", "AB/C"), ("21", "1")]
    assert link.attributes == [("17", "271231")] and link.other_params == [("linkType", "gs1:pip")]
    assert link.element_strings.to_bracketed() == "(01)09506000134352(10)AB/C(21)1(17)271231"
    assert link.to_uri() == "https://example.com/p/01/09506000134352/10/AB%2FC/21/1?17=271231&linkType=gs1:pip"
    assert link.to_canonical_uri() == "https://id.gs1.org/01/09506000134352/10/AB%2FC/21/1"
    short = DigitalLink("https://id.gs1.org/01/9506000134352", zero_suppressed_gtin=True)
    assert short.key == ("01", "09506000134352")


def test_conversions_between_the_three():
    data = ElementStrings("(01)80614141123458(21)6789(17)271231")
    link = DigitalLink.from_element_strings(data)
    assert link.to_uri() == "https://id.gs1.org/01/80614141123458/21/6789?17=271231"
    epc = EpcUri.from_element_strings(link.element_strings, 7)
    assert str(epc) == "urn:epc:id:sgtin:0614141.812345.6789"
    assert (epc.kind, epc.scheme) == ("id", "sgtin")
    assert epc.element_strings().elements == [("01", "80614141123458"), ("21", "6789")]
    assert epc.digital_link().to_uri() == "https://id.gs1.org/01/80614141123458/21/6789"
    lot = EpcUri("urn:epc:class:lgtin:0614141.812345.L%2F1")
    assert (lot.kind, lot.element_strings().elements) == ("class", [("01", "80614141123458"), ("10", "L/1")])
    gtin_only = EpcUri.from_element_strings(ElementStrings("(01)80614141123458"), 7)
    assert (str(gtin_only), gtin_only.kind) == ("urn:epc:idpat:sgtin:0614141.812345.*", "pattern")
    assert str(EpcUri.from_element_strings(ElementStrings("(414)0614141123452(254)5"), 7)) == "urn:epc:id:sgln:0614141.12345.5"
    assert str(EpcUri.from_element_strings(ElementStrings("(00)106141412345678908"), 7)) == "urn:epc:id:sscc:0614141.1234567890"


def test_company_prefix_length_must_be_known():
    data = ElementStrings("(01)80614141123458(21)1")
    for unknown in (PrefixLengths(), PrefixLengths({"4": 7}), tracemark.CompanyPrefix("0614142")):
        with pytest.raises(tracemark.IdentifierError) as raised:
            EpcUri.from_element_strings(data, unknown)
        assert (raised.value.code, raised.value.rule) == ("invalid_epc_uri", "company_prefix_length_unknown")
    with pytest.raises(tracemark.IdentifierError, match="company_prefix_length_invalid"):
        EpcUri.from_element_strings(data, 5)
    with pytest.raises(TypeError):
        EpcUri.from_element_strings(data, "7")
    table = PrefixLengths.from_gs1_json('{"GCPPrefixFormatList":{"entry":[{"prefix":"0614","gcpLength":7}]}}')
    assert len(table) == 1 and str(EpcUri.from_element_strings(data, table)).startswith("urn:epc:id:sgtin:0614141.")


@pytest.mark.parametrize(
    "parse, text, rule, ai, position",
    [
        (ElementStrings, "(01)09506000134353", "incorrect_check_digit", "01", 17),
        (ElementStrings, "(01)09506000134352(17)271331", "illegal_month", "17", 24),
        (ElementStrings, "(21)ABC", "required_ais_not_satisfied", "21", 0),
        (ElementStrings, "(01)09506000134352(02)09506000134352", "invalid_ai_pairs", "02", 18),
        (ElementStrings, "(01)09506000134352(10)A(10)B", "instances_of_ai_have_different_values", "10", 23),
        (ElementStrings, "01095060001343", "ai_value_is_too_short", "01", 2),
        (ElementStrings, "010950600013435210ABCDEFGHIJKLMNOPQRSTU", "ai_data_is_too_long", "10", 38),
        (ElementStrings, "(01)09506000134352(10)A\\(B\\(C D", "invalid_cset82_character", "10", 29),
        (ElementStrings, "(01)09506000134352(10)Aé", "invalid_cset82_character", "10", 23),
        (ElementStrings, "]X10109506000134352", "unsupported_symbology_identifier", None, 0),
        (DigitalLink, "https://id.gs1.org/01/09506000134352/21/X/10/L", "invalid_key_qualifier_sequence", "01", 18),
        (DigitalLink, "https://id.gs1.org/01/09506000134352?10=L", "ai_should_be_in_path_info", "10", 37),
        (DigitalLink, "https://id.gs1.org/01/09506000134352?17=271231&17=271231", "duplicate_ai", "17", 47),
        (DigitalLink, "https://id.gs1.org/01/9506000134352", "ai_value_is_too_short", "01", 22),
        (DigitalLink, "https://id.gs1.org/01/09506000134352?8200=http", "invalid_dl_data_attribute", "8200", 37),
        (DigitalLink, "https://id.gs1.org/01/09506000134352?3944=1", "unknown_ai_in_query_params", "3944", 37),
        (DigitalLink, "https://id.gs1.org/01/09506000134352?17=271331", "illegal_month", "17", 42),
        (DigitalLink, "https://id.gs1.org/01/09506000134352/10/A%C3%A9", "invalid_cset82_character", "10", 41),
        (EpcUri, "urn:epc:id:sgtin:061414.812345.1", "invalid_reference", None, 24),
        (EpcUri, "urn:epc:id:sgtin:0614141.812345.67 89", "invalid_character", None, 34),
        (EpcUri, "urn:epc:id:foo:1.2", "unsupported_scheme", None, 11),
    ],
)
def test_error_attributes(parse, text, rule, ai, position):
    code = {ElementStrings: "invalid_element_string", DigitalLink: "invalid_digital_link", EpcUri: "invalid_epc_uri"}
    with pytest.raises(tracemark.IdentifierError) as raised:
        parse(text)
    err = raised.value
    assert isinstance(err, tracemark.TracemarkError) and isinstance(err, ValueError)
    assert (err.code, err.rule, err.ai, err.position) == (code[parse], rule, ai, position)
    assert rule in str(err)


def test_parse_identifier_dispatches():
    assert isinstance(tracemark.parse_identifier("(01)09506000134352"), ElementStrings)
    assert isinstance(tracemark.parse_identifier("]C10109506000134352"), ElementStrings)
    assert tracemark.parse_identifier("https://id.gs1.org/01/09506000134352").key == ("01", "09506000134352")
    assert tracemark.parse_identifier("]Q1https://id.gs1.org/01/09506000134352").to_uri().endswith("/01/09506000134352")
    assert tracemark.parse_identifier("urn:epc:id:sgtin:0614141.812345.6789").scheme == "sgtin"
    assert isinstance(tracemark.parse_identifier("(21)X", associations=False), ElementStrings)
    assert tracemark.parse_identifier("https://x.example/01/9506000134352", zero_suppressed_gtin=True).key[1] == "09506000134352"
    for text, code in [("(01)1", "invalid_element_string"), ("http://x/01/1", "invalid_digital_link"),
                       ("urn:epc:id:sgtin:x", "invalid_epc_uri")]:
        with pytest.raises(tracemark.IdentifierError) as raised:
            tracemark.parse_identifier(text)
        assert raised.value.code == code


def test_epc_of_a_digital_link_uses_its_path_only():
    link = DigitalLink("https://brand.example/01/09506000134352/21/A1?17=271231")
    epc = EpcUri.from_digital_link(link, 7)
    assert str(epc) == "urn:epc:id:sgtin:9506000.013435.A1"
    assert not epc.has_wildcards
    assert EpcUri("urn:epc:idpat:sgtin:9506000.*.*").has_wildcards
