// The JavaScript test suite, shared by Node (node --test) and headless Chromium: every spec
// vector, every bit flip of every valid vector, and typed errors for every kind of bad input.
// `tm` is the installed package (its full or its lite entry: `full` says which); `vectors` maps
// file names to parsed vector files.

const FILES = { "records.json": 15, "trust.json": 25, "chains.json": 6, "malformed.json": 31 };

const unhex = (h) => Uint8Array.from(h.match(/../g) ?? [], (b) => parseInt(b, 16));

function trustOf(tm, c) {
  const trust = new tm.TrustStore();
  for (const a of c.trust.anchors) trust.addAnchor(tm.PublicKey.fromText(a.key), a.name);
  for (const r of c.trust.records) trust.add(tm.SignedRecord.decode(unhex(r)));
  return trust;
}

function expectThrow(assert, tm, fn, code, Family) {
  let thrown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown instanceof Error, `a real Error is thrown for ${code}, got ${thrown}`);
  assert.ok(thrown instanceof tm.TracemarkError, `a TracemarkError for ${code}`);
  assert.ok(thrown instanceof Family, `a ${Family.name} for ${code}, got ${thrown.name}`);
  assert.equal(thrown.code, code);
  assert.ok(!/panicked|RuntimeError|unreachable/.test(String(thrown.message)), thrown.message);
}

export function defineTests(test, assert, tm, vectors, full) {
  const entry = full ? "full" : "lite";
  const liteTest = test;
  if (!full) {
    // JSON views and the sample chain are in the full entry only.
    test = (name, fn) => (/README|JSON views|JSON input|GS1|Trace:/.test(name) ? undefined : liteTest(name, fn));
  }

  test(`${entry}: prepared records signed where the key is reproduce every valid vector`, () => {
    const keys = vectors["keys.json"].cases.map((k) => tm.SecretKey.fromSecretText(k.secret));
    let signed = 0;
    for (const c of vectors["records.json"].cases) {
      for (const hex of c.records) {
        const bytes = unhex(hex);
        const record = tm.SignedRecord.decode(bytes);
        const key = keys.find((k) => k.publicKey.equals(record.claimedSigner));
        if (!key || !record.signatureIsValid()) continue;
        const again = tm.signUnsigned(bytes.subarray(0, bytes.length - 64), key);
        assert.deepEqual(Array.from(again.toBytes()), Array.from(bytes), c.name);
        assert.equal(again.id, record.id);
        signed++;
      }
    }
    assert.ok(signed >= 10, `${signed} records re-signed`);
    const record = tm.SignedRecord.decode(unhex(vectors["records.json"].cases[0].records[0]));
    const unsigned = record.toBytes().subarray(0, record.toBytes().length - 64);
    const stranger = tm.SecretKey.fromSeed(new Uint8Array(32).fill(9));
    expectThrow(assert, tm, () => tm.signUnsigned(unsigned, stranger), "invalid_key", tm.InvalidInputError);
    expectThrow(assert, tm, () => tm.signUnsigned(unsigned.subarray(0, 5), keys[0]), "decode_truncated", tm.DecodeError);
    expectThrow(assert, tm, () => tm.signUnsigned(new Uint8Array(3), keys[0]), "decode_truncated", tm.DecodeError);
    expectThrow(assert, tm, () => tm.signUnsigned(record.toBytes(), keys[0]), "decode_trailing_bytes", tm.DecodeError);
  });

  test(`${entry}: SRI hashes of the package's files`, () => {
    for (const f of [`${entry}/tracemark_wasm_bg.wasm`, `${entry}/tracemark_wasm.js`, "errors.js"]) {
      assert.ok(/^sha384-[A-Za-z0-9+/]{64}$/.test(tm.integrity[f]), f);
    }
  });

  test(`${entry}: a record's claimed facts and the identifiers it mentions`, () => {
    const cases = vectors["records.json"].cases;
    let mentioned = 0;
    for (const c of cases) {
      for (const hex of c.records) {
        const r = tm.SignedRecord.decode(unhex(hex));
        assert.ok(/^\d{4}-\d\d-\d\dT/.test(r.signedAt), r.signedAt);
        assert.equal(r.prev === undefined, r.seq === 0, c.name);
        if (r.party !== undefined) assert.equal(tm.parseGln(r.party), r.party);
        for (const m of r.mentions()) {
          assert.ok(["object", "quantity", "parent", "child", "input", "output", "recall"].includes(m.role), m.role);
          assert.ok(m.gtin !== undefined || m.sscc !== undefined, JSON.stringify(m));
          if (m.gtin !== undefined) assert.equal(tm.parseGtin(m.gtin), m.gtin);
          if (m.sscc !== undefined) assert.equal(tm.parseSscc(m.sscc), m.sscc);
          if (m.serial !== undefined) assert.equal(tm.parseSerial(m.serial), m.serial);
          mentioned++;
        }
      }
    }
    assert.ok(mentioned > 10, `${mentioned} mentions`);
  });

  test("vector files have their cases", () => {
    for (const [name, count] of Object.entries(FILES)) assert.equal(vectors[name].cases.length, count, name);
  });

  for (const name of Object.keys(FILES)) {
    test(`every vector of ${name}`, () => {
      for (const c of vectors[name].cases) {
        const bytes = c.records.map(unhex);
        if (c.expect.error) {
          const Family = c.expect.error.startsWith("decode_") ? tm.DecodeError : tm.TracemarkError;
          expectThrow(assert, tm, () => tm.SignedRecord.decode(bytes[0]), c.expect.error, Family);
          continue;
        }
        const records = bytes.map((b) => tm.SignedRecord.decode(b));
        const batch = tm.verifyBatch(records, trustOf(tm, c));
        assert.equal(batch.verdict, c.expect.verdict, c.name);
        c.expect.records.forEach((want, i) => {
          assert.equal(records[i].id, want.id, c.name);
          assert.equal(batch.reports[i].verdict, want.verdict, c.name);
          assert.deepEqual(batch.reports[i].findings.map((f) => f.code), want.findings, c.name);
        });
        assert.deepEqual(batch.chainFindings.map((f) => f.code), c.expect.chain_findings, c.name);
        for (const f of batch.chainFindings.filter((f) => f.code === "chain_fork")) {
          assert.ok(["same_sequence", "broken_link"].includes(tm.checkForkProof(f)), c.name);
        }
      }
    });
  }

  test("every bit flip of every valid vector is caught", () => {
    let flips = 0;
    let rejected = 0;
    for (const name of Object.keys(FILES)) {
      for (const c of vectors[name].cases) {
        if (c.expect.verdict !== "valid" || c.records.length !== 1) continue;
        const trust = trustOf(tm, c);
        const data = unhex(c.records[0]);
        for (let bit = 0; bit < data.length * 8; bit++) {
          const flipped = data.slice();
          flipped[bit >> 3] ^= 1 << (bit & 7);
          flips++;
          let record;
          try {
            record = tm.SignedRecord.decode(flipped);
          } catch (e) {
            assert.ok(e instanceof tm.TracemarkError);
            rejected++;
            continue;
          }
          assert.notEqual(record.verify(trust).report.verdict, "valid", `${c.name} bit ${bit}`);
        }
      }
    }
    assert.equal(flips, 40672);
    assert.ok(rejected > 0 && rejected < flips);
  });

  test("README example", () => {
    const record = tm.SignedRecord.decode(tm.sampleRecords()[2].toBytes());
    const v = record.verify(tm.sampleTrust());
    assert.equal(v.report.verdict, "valid");
    assert.equal(v.record.seq, 0);
  });

  test("keys, chains and signing from JSON views", () => {
    const seed = new Uint8Array(32).fill(7);
    const key = tm.SecretKey.fromSeed(seed);
    assert.ok(key.publicKey.toString().startsWith("ed25519:"));
    assert.ok(tm.SecretKey.fromSecretText(key.toSecretText()).publicKey.equals(key.publicKey));
    const view = tm.sampleRecords()[2].unverified();
    const signer = new tm.ChainSigner(key, view.party);
    const first = signer.sign("2026-03-02T08:00:00+07:00", view.body);
    const second = signer.sign("2026-03-02T09:00:00+07:00", view.body);
    assert.equal(second.unverified().prev, first.id);
    assert.equal(signer.nextSeq, 2);
    const report = tm.verifyRecord(first, tm.sampleTrust()).report;
    assert.equal(report.verdict, "untrusted");
    assert.deepEqual(report.findings.map((f) => f.code), ["signer_unknown"]);
    const own = { ...view, signer: key.publicKey.toString() };
    assert.deepEqual(tm.SignedRecord.decode(tm.signRecord(own, key).toBytes()).unverified(), own);
    assert.equal(tm.parseGtin("9506000134352"), "09506000134352");
    assert.ok(tm.errorCodes().includes("decode_truncated") && tm.findingCodes().includes("chain_fork"));
  });

  test("bad input of every kind throws typed errors with codes", () => {
    const key = tm.SecretKey.fromSeed(new Uint8Array(32));
    const cases = [
      [() => tm.SignedRecord.decode(new Uint8Array()), "decode_truncated", tm.DecodeError],
      [() => tm.SignedRecord.decode(new Uint8Array(100)), "decode_bad_magic", tm.DecodeError],
      [() => tm.PublicKey.fromText("rsa:abc"), "invalid_key", tm.InvalidInputError],
      [() => tm.PublicKey.fromBytes(new Uint8Array(5)), "invalid_key", tm.InvalidInputError],
      [() => tm.SecretKey.fromSeed(new Uint8Array(31)), "invalid_key", tm.InvalidInputError],
      [() => tm.SecretKey.fromSecretText("ed25519-secret:!!"), "invalid_key", tm.InvalidInputError],
      [() => tm.parseGtin("9506000134353"), "invalid_gtin", tm.IdentifierError],
      [() => tm.parseGln("x"), "invalid_gln", tm.IdentifierError],
      [() => tm.parseSscc(""), "invalid_sscc", tm.IdentifierError],
      [() => tm.parseSerial("has space"), "invalid_serial", tm.IdentifierError],
      [() => tm.parseLot("é"), "invalid_lot", tm.IdentifierError],
      [() => new tm.ChainSigner(key, "123"), "invalid_gln", tm.IdentifierError],
      [() => tm.checkForkProof({ code: "chain_fork", message: "", evidence: {} }), "decode_invalid_value", tm.DecodeError],
      [() => tm.checkForkProof({ code: "no_such_code", evidence: {} }), "invalid_json", tm.InvalidInputError],
      [() => tm.checkForkProof({ code: "chain_fork", evidence: { first: 7 } }), "invalid_json", tm.InvalidInputError],
      [() => tm.checkForkProof("chain_fork"), "invalid_json", tm.InvalidInputError],
      [() => tm.checkForkProof(undefined), "invalid_json", tm.InvalidInputError],
    ];
    for (const [fn, code, Family] of cases) expectThrow(assert, tm, fn, code, Family);
    const trustCase = vectors["records.json"].cases.find((c) => c.trust.records.length > 0);
    const plain = vectors["records.json"].cases.flatMap((c) => c.records).map((h) => tm.SignedRecord.decode(unhex(h)))
      .find((r) => r.kind === "commission");
    expectThrow(assert, tm, () => trustOf(tm, trustCase).add(plain), "wrong_kind", tm.WrongKindError);
    const cert = unhex(trustCase.trust.records[0]);
    cert[cert.length - 1] ^= 1;
    expectThrow(assert, tm, () => trustOf(tm, trustCase).add(tm.SignedRecord.decode(cert)), "signature_invalid", tm.SignatureError);
  });

  test("bad JSON input throws typed errors with codes", () => {
    const key = tm.SecretKey.fromSeed(new Uint8Array(32));
    const cases = [
      [() => new tm.ChainSigner(key).sign("yesterday", {}), "invalid_time", tm.InvalidInputError],
      [() => new tm.ChainSigner(key).sign("2026-01-01T00:00:00Z", { kind: "nonsense" }), "invalid_json", tm.InvalidInputError],
      [() => tm.signRecord({ not: "a record" }, key), "invalid_json", tm.InvalidInputError],
      [() => tm.signRecord(undefined, key), "invalid_json", tm.InvalidInputError],
      [() => tm.unsignedBytes({ not: "a record" }), "invalid_json", tm.InvalidInputError],
      [() => tm.sampleTrust().add(tm.sampleRecords()[2]), "wrong_kind", tm.WrongKindError],
    ];
    for (const [fn, code, Family] of cases) expectThrow(assert, tm, fn, code, Family);
    const view = { ...tm.sampleRecords()[2].unverified(), signer: key.publicKey.toString() };
    const prepared = tm.unsignedBytes(view);
    assert.deepEqual(tm.signUnsigned(prepared, key).unverified(), view);
  });

  test("GS1: element strings, Digital Link and EPC URIs convert into each other", () => {
    const scan = tm.ElementStrings.parse("]d2010950600013435217271231\u001d10ABC\u001d21A/1");
    assert.equal(scan.toBracketed(), "(01)09506000134352(17)271231(10)ABC(21)A/1");
    assert.deepEqual(scan.elements()[1], ["17", "271231"]);
    assert.equal(scan.length, 4);
    const link = tm.DigitalLink.fromElementStrings(scan, "https://brand.example/p/");
    assert.equal(link.toUri(), "https://brand.example/p/01/09506000134352/10/ABC/21/A%2F1?17=271231");
    const read = tm.DigitalLink.parse(link.toUri() + "&linkType=gs1:pip");
    assert.equal(read.stem, "https://brand.example/p");
    assert.deepEqual(read.key, ["01", "09506000134352"]);
    assert.deepEqual(read.qualifiers, [["10", "ABC"], ["21", "A/1"]]);
    assert.deepEqual(read.otherParams, [["linkType", "gs1:pip"]]);
    assert.equal(read.toCanonicalUri(), "https://id.gs1.org/01/09506000134352/10/ABC/21/A%2F1");
    const item = tm.ElementStrings.fromPairs([["01", "09506000134352"], ["21", "A/1"]]);
    const epc = tm.EpcUri.fromElementStrings(item, 7);
    assert.equal(epc.toString(), "urn:epc:id:sgtin:9506000.013435.A%2F1");
    assert.equal(tm.EpcUri.parse(epc.toString()).elementStrings().toBracketed(), item.toBracketed());
    assert.equal(epc.digitalLink().toUri(), "https://id.gs1.org/01/09506000134352/21/A%2F1");
    const table = new tm.PrefixLengths();
    table.insert("950", 7);
    assert.equal(tm.EpcUri.fromElementStringsWithTable(item, table).toString(), epc.toString());
    assert.ok(tm.parseIdentifier("urn:epc:idpat:sgtin:9506000.013435.*") instanceof tm.EpcUri);
    const withExpiry = tm.DigitalLink.parse("https://brand.example/01/09506000134352/21/A1?17=271231");
    assert.equal(tm.EpcUri.fromDigitalLink(withExpiry, 7).toString(), "urn:epc:id:sgtin:9506000.013435.A1");
    assert.equal(tm.EpcUri.fromDigitalLinkWithTable(withExpiry, table).hasWildcards, false);
    assert.equal(tm.EpcUri.parse("urn:epc:idpat:sgtin:9506000.*.*").hasWildcards, true);
    assert.equal(scan.gtin(), "09506000134352");
    assert.equal(scan.sscc(), undefined);
    assert.ok(tm.parseIdentifier("]Q1https://id.gs1.org/00/095060001343520000") instanceof tm.DigitalLink);
  });

  test("GS1: bad identifiers throw IdentifierError with rule, AI and position", () => {
    const cases = [
      [() => tm.ElementStrings.parse("(01)09506000134353"), "invalid_element_string", "incorrect_check_digit", "01", 17],
      [() => tm.ElementStrings.parse("(10)ABC"), "invalid_element_string", "required_ais_not_satisfied", "10", 0],
      [() => tm.DigitalLink.parse("https://id.gs1.org/01/09506000134352/21/X/10/L"), "invalid_digital_link", "invalid_key_qualifier_sequence", "01", 18],
      [() => tm.DigitalLink.parse("https://id.gs1.org/01/09506000134352?10=A"), "invalid_digital_link", "ai_should_be_in_path_info", "10", 37],
      [() => tm.EpcUri.parse("urn:epc:id:sgtin:0614141.812345.A/B"), "invalid_epc_uri", "invalid_character", undefined, 33],
      [() => tm.EpcUri.fromElementStringsWithTable(tm.ElementStrings.parse("(00)095060001343520000"), new tm.PrefixLengths()), "invalid_epc_uri", "company_prefix_length_unknown", undefined, 0],
    ];
    for (const [fn, code, rule, ai, position] of cases) {
      expectThrow(assert, tm, fn, code, tm.IdentifierError);
      try {
        fn();
      } catch (e) {
        assert.deepEqual([e.rule, e.ai, e.position], [rule, ai, position], code);
      }
    }
    assert.ok(tm.ElementStrings.parse("(10)ABC", false));
    expectThrow(assert, tm, () => tm.ElementStrings.fromPairs([["01"]]), "invalid_json", tm.InvalidInputError);
  });

  test("GS1: EPCIS event hashes in both CBV profiles, bad documents throw", () => {
    const doc = JSON.stringify({
      "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
      type: "EPCISDocument",
      epcisBody: { eventList: [{
        type: "ObjectEvent", eventTime: "2023-01-11T12:00:00+01:00", eventTimeZoneOffset: "+01:00",
        epcList: ["https://id.gs1.de/01/04012345999990/21/XYZ-1234"], action: "OBSERVE",
        bizStep: "receiving", disposition: "in_progress",
        readPoint: { id: "https://id.gs1.de/414/4012345000115" },
        bizTransactionList: [{ type: "desadv", bizTransaction: "urn:epcglobal:cbv:bt:4012345000009:ASN1099" }],
      }] },
    });
    const [h] = tm.eventHashes(doc);
    // The worked example of the reference algorithm (epcisEventWithCURIEs).
    assert.equal(h.hash, "ni:///sha-256;65f196f1b17e2525de2b6f45f5d31d74fa3fdf1e689863484f8e9660cc36f69f?ver=CBV2.0");
    assert.ok(h.prehash.startsWith("eventType=ObjectEventeventTime=2023-01-11T11:00:00.000Z"));
    assert.ok(tm.eventHashes(doc, "2.1")[0].hash.endsWith("?ver=CBV2.1"));
    expectThrow(assert, tm, () => tm.eventHashes("{"), "invalid_json", tm.InvalidInputError);
    expectThrow(assert, tm, () => tm.eventHashes(doc, "9"), "invalid_term", tm.InvalidInputError);
  });
  test("GS1: EPCIS import keeps the valid events, export reads back the same", () => {
    const doc = JSON.stringify({
      "@context": ["https://ref.gs1.org/standards/epcis/epcis-context.jsonld", { ex: "https://example.com/epcis/" }],
      type: "EPCISDocument", schemaVersion: "2.0", creationDate: "2026-07-22T08:00:00Z",
      epcisBody: { eventList: [
        { type: "ObjectEvent", action: "OBSERVE", eventTime: "2026-07-22T06:45:00+02:00", eventTimeZoneOffset: "+02:00",
          epcList: ["urn:epc:id:sgtin:0614141.107346.2017"], bizStep: "cbv:BizStep-shipping", "ex:temperature": 4.5 },
        { type: "ObjectEvent", action: "OBSERVE", eventTime: "2026-07-22T06:45:00+02:00", eventTimeZoneOffset: "+02:00",
          epcList: ["urn:epc:id:sgtin:0614141.107346.2018"], bizStep: "transforming" },
      ] },
    });
    const read = tm.importEpcis(doc, true);
    assert.deepEqual([read.kind, read.total, read.events.length, read.isComplete()], ["capture", 2, 1, false]);
    assert.deepEqual(read.namespaces, { ex: "https://example.com/epcis/" });
    assert.equal(read.header.creationDate, "2026-07-22T08:00:00Z");
    const [e] = read.events;
    assert.deepEqual([e.index, e.eventType, e.eventHash], [0, "ObjectEvent", tm.eventHashes(doc)[0].hash]);
    assert.equal(e.event.bizStep, "shipping");
    assert.equal(e.event["https://example.com/epcis/temperature"], 4.5);
    assert.deepEqual(read.rejected, [{ index: 1, problems: [{
      path: "$.epcisBody.eventList[1].bizStep", rule: "unknown_cbv_term",
      message: read.rejected[0].problems[0].message }] }]);
    assert.equal(tm.importEpcis(doc).events.length, 0, "all or nothing by default");
    const written = read.export(read.events);
    assert.ok(written.includes('"ex:temperature"'), written);
    assert.deepEqual(tm.importEpcis(written).events.map((x) => x.event), [e.event]);
    const made = tm.exportEpcis([e.event], "2026-11-23T10:00:00Z");
    assert.equal(tm.importEpcis(made).header.creationDate, "2026-11-23T10:00:00Z");
    assert.deepEqual(tm.importEpcis(made).events[0].event, e.event);
    let thrown;
    try {
      tm.importEpcis('{"type": "EPCISDocument"}');
    } catch (err) {
      thrown = err;
    }
    assert.ok(thrown instanceof tm.InvalidInputError);
    assert.deepEqual([thrown.code, thrown.rule, thrown.path], ["invalid_epcis", "missing_context", "$.@context"]);
    expectThrow(assert, tm, () => tm.exportEpcis([{ type: "ObjectEvent" }]), "invalid_epcis", tm.InvalidInputError);
    expectThrow(assert, tm, () => tm.importEpcis("["), "invalid_epcis", tm.InvalidInputError);
    // Queries select, order and cut; the same objects come back.
    const query = new tm.EventQuery({ MATCH_epc: ["urn:epc:idpat:sgtin:0614141.107346.*"],
      EQ_bizStep: ["https://ref.gs1.org/cbv/BizStep-shipping"] });
    assert.ok(query.matches(e) && query.matches(e.event));
    const items = [e, e.event];
    const hits = query.run(items);
    assert.ok(hits.length === 2 && hits[0] === items[0] && hits[1] === items[1]);
    assert.deepEqual(new tm.EventQuery('{"EQ_bizStep": ["receiving"]}').run(items), []);
    assert.deepEqual(query.toJSON().EQ_bizStep, ["https://ref.gs1.org/cbv/BizStep-shipping"]);
    let bad;
    try {
      new tm.EventQuery('{"GE_eventDate": "2026-01-01T00:00:00Z"}');
    } catch (err) {
      bad = err;
    }
    assert.ok(bad instanceof tm.InvalidInputError);
    assert.deepEqual([bad.code, bad.rule, bad.path], ["invalid_epcis", "unknown_query_parameter", "$.GE_eventDate"]);
    expectThrow(assert, tm, () => new tm.EventQuery({ maxEventCount: 1 }).run(items), "invalid_epcis", tm.InvalidInputError);
  });

  test("Trace: a synthetic chain traced, a recall's impact, the FSMA spreadsheet and outbreak scores", () => {
    const { records, trust } = tm.syntheticSupplyChain("small");
    assert.equal(tm.verifyBatch(records, trust).verdict, "valid");
    const graph = tm.traceGraph(records);
    assert.ok(records[0].id, "the caller's records stay usable");
    assert.ok(graph.nodeCount > 50 && graph.edgeCount > graph.nodeCount);
    const sheet = tm.fsmaSpreadsheet(records);
    const lot = sheet.traceability_lot_code[sheet.cte_type.indexOf("initial_packing")];
    assert.ok(graph.has(lot) && !graph.has("(01)09506000134352(10)NOPE"));
    const t = graph.trace([lot], { paths: true });
    assert.deepEqual(Object.keys(t), ["kind", "id", "at", "hops", "path"]);
    assert.ok(t.kind.includes("shipment") && t.kind.includes("item"));
    assert.equal(t.id[0], lot);
    assert.ok(t.path.slice(1).every((p) => p.startsWith("rec:")));
    assert.ok(graph.trace([t.id[t.id.length - 1]], { backward: true }).id.includes(lot));
    assert.ok(graph.trace([lot], { hops: 1 }).id.length < t.id.length);
    assert.deepEqual(graph.trace([lot], { until: "2000-01-01T00:00:00Z" }).id, [lot]);
    const typed = (fn) => {
      try {
        fn();
      } catch (e) {
        assert.ok(e instanceof tm.TracemarkError && typeof e.code === "string" && e.code, String(e));
        assert.ok(!/panicked|RuntimeError|unreachable/.test(String(e.message)), e.message);
        return;
      }
      assert.fail("no error thrown");
    };
    typed(() => graph.trace(["not an id"]));

    const impact = tm.assessRecall(graph, records, { input_lots: [lot] });
    assert.deepEqual([impact.unmatched, impact.starts, impact.depth], [[], [lot], "consumer"]);
    for (const role of ["producer", "processor", "distributor", "retailer"]) {
      assert.ok(impact.holders.role.includes(role), role);
    }
    const row = impact.balances.goods.indexOf(lot);
    assert.ok(impact.balances.produced[row] > 0);
    assert.equal(impact.balances.produced[row], impact.balances.consumed[row]);
    assert.ok(impact.shipments.shipment[0].startsWith("rec:"));
    const ghost = tm.assessRecall(graph, records, '{"lots": ["(01)09506000134352(10)NOPE"]}');
    assert.equal(ghost.depth, null);
    assert.ok(ghost.unmatched[0].includes("NOPE"));
    expectThrow(assert, tm, () => tm.assessRecall(graph, records, { lots: [42] }), "invalid_json", tm.InvalidInputError);

    const lots = impact.balances.goods.filter((g) => g.includes("(10)")).sort();
    const mine = tm.fsmaSpreadsheet(records, { lots });
    assert.deepEqual([...new Set(mine.traceability_lot_code)].sort(), lots);
    const csv = tm.fsmaSpreadsheet(records, { lots, asCsv: true });
    assert.ok(csv.startsWith("cte_type,event_time,traceability_lot_code"));
    assert.equal(csv.trim().split("\n").length, mine.cte_type.length + 1);

    const shops = impact.holders.location.filter((_, i) => impact.holders.role[i] === "retailer");
    const scores = tm.outbreakScores(graph, shops);
    const i = scores.id.indexOf(lot);
    assert.ok(scores.common_link[i] && scores.score[i] === 1);
    const weighted = tm.outbreakScores(graph, [[shops[0], 3], ...shops.slice(1)]);
    assert.deepEqual(weighted.score, [...weighted.score].sort((a, b) => b - a));
    const fcl = tm.fclScores(JSON.stringify({
      stations: [{ id: "farm" }, { id: "s1" }, { id: "s2" }],
      deliveries: [{ id: "a", source: "farm", target: "s1" }, { id: "b", source: "farm", target: "s2" }],
      deliveriesRelations: [],
      tracing: { nodes: [{ id: "s1", weight: 1 }, { id: "s2", weight: 1 }] },
    }));
    const farm = fcl.stations.find((s) => s.id === "farm");
    assert.ok(farm.common_link && farm.score === 1);
    typed(() => tm.fclScores("{"));

    // Graphs straight from columns, nodes named by number.
    const open = 2n ** 63n - 1n;
    const cols = tm.traceGraphFromColumns(4, new Uint32Array([0, 1, 2]), new Uint32Array([1, 2, 3]),
      new BigInt64Array([1000n, 500n, 0n]), new BigInt64Array([open, 800n, open]));
    assert.deepEqual(cols.trace([0], {}).id, ["0", "1"], "1 -> 2 closed before 1 arrived");
    assert.deepEqual(cols.trace([0], { untimed: true }).id, ["0", "1", "2", "3"]);
    assert.ok(cols.has(3) && !cols.has(4));
    assert.deepEqual(cols.withKills([1]).trace([0], { untimed: true }).id, ["0", "1"]);
    typed(() => tm.traceGraphFromColumns(4, new Uint32Array([0]), new Uint32Array([9])));
    typed(() => cols.trace([-1], {}));
    typed(() => tm.outbreakScores(graph, []));
    typed(() => tm.fsmaSpreadsheet(records, { lots: "(01)09506000134352(10)L1" }));
  });
}
