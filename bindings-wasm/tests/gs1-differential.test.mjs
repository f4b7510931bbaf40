// Differential test of tracemark's GS1 Digital Link parser against an independent implementation
// installed from npm in the same run: digital-link.js (EVRYTHNG, Apache-2.0; it validates with
// the ABNF grammar of GS1 Digital Link 1.4.1 plus a primary-key check digit).
//
// Run in the test project, next to node_modules (tracemark + digital-link.js@1.4.3):
//   node --test gs1-differential.test.mjs
// Optional: GS1_DIFF_SEED=<n> for another input set, GS1_DIFF_VERBOSE=1 for every disagreement.
//
// A seeded generator (mulberry32) builds several thousand URIs: valid ones for every primary key
// (01 with 22/10/21 or 235, 00, 253, 255, 401, 402, 414 with 254 or 7040, 415 with 8020, 417,
// 8003, 8004, 8006, 8010/8011, 8013, 8017/8018 with 8019) on custom stems with data attributes and
// other query parameters, and one mutation each for the rest (check digits, qualifier order,
// short GTIN, trailing slash, bad escapes, '+', AIs that belong in the path, duplicates, unknown
// AIs, empty values, dates, required/excluded AI associations, ...). GS1's own Digital Link test
// URIs (gs1-syntax-engine, Apache-2.0) are added to the corpus.
//
// tracemark's verdict: DigitalLink.parse accepts (AIs from elementStrings()) or throws an
// IdentifierError with a rule. digital-link.js's verdict: see runDljs. When both accept, the AIs
// must be equal. Every disagreement must match a KNOWN_DISAGREEMENTS entry giving the reason
// tracemark is right; anything else fails with examples. Independently of the peer, every URI
// the generator built as valid (from the Syntax Dictionary's rules, not from tracemark) must be
// accepted by tracemark with exactly the generated AIs, and each mutation must get the verdict the
// generator expects, so that a bug both implementations share does not pass as an agreement.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";

import * as tm from "tracemark";
import dljsPkg from "digital-link.js"; // CommonJS: only the default import has Utils
const { DigitalLink: DljsLink, Utils: DljsUtils } = dljsPkg;
const require = createRequire(import.meta.url);
const { validateUrl } = require("digital-link.js/src/util.js"); // the ABNF check isValid() runs
const DLJS_VERSION = require("digital-link.js/package.json").version;

const SEED = Number(process.env.GS1_DIFF_SEED ?? 20250611) >>> 0;
const GENERATED = 3600;
const VERBOSE = !!process.env.GS1_DIFF_VERBOSE;

// ---------------------------------------------------------------------------------------------
// Deterministic random source
// ---------------------------------------------------------------------------------------------

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = mulberry32(SEED);
const int = (n) => Math.floor(rnd() * n); // 0 .. n-1
const range = (lo, hi) => lo + int(hi - lo + 1);
const chance = (p) => rnd() < p;
const pick = (a) => a[int(a.length)];
const weighted = (pairs) => {
  let r = rnd() * pairs.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of pairs) if ((r -= w) < 0) return v;
  return pairs[pairs.length - 1][0];
};
const shuffle = (a) => {
  for (let i = a.length - 1; i > 0; i--) {
    const j = int(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
};

// ---------------------------------------------------------------------------------------------
// GS1 value generators, written from the GS1 General Specifications / Syntax Dictionary
// ---------------------------------------------------------------------------------------------

const DIGITS = "0123456789";
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const SAFE82 = ALNUM + "-._"; // CSET 82 characters that need no percent-encoding
const SPECIAL82 = "!%&'()*+,/:;<=>?"; // CSET 82 characters a URI must percent-encode ('"' aside)
const CSET82 = `!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`;
const CSET32 = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
const CSET39 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ#-/";
const CSET64 = ALNUM + "-_";

const str = (chars, n) => Array.from({ length: n }, () => pick(chars)).join("");
const digits = (n) => str(DIGITS, n);

/** GS1 mod-10 check digit of a digit string (weights 3,1,3,... from the right). */
function checkDigit(body) {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return String((10 - (sum % 10)) % 10);
}
const withCd = (body) => body + checkDigit(body);
/** A wrong check digit in place of `value[at]` (default: the last character). */
const badCd = (value, at = value.length - 1) => value.slice(0, at) + String((Number(value[at]) + range(1, 9)) % 10) + value.slice(at + 1);

/** GS1 check character pair (GenSpecs 7.9.5, "csumalpha"), used by the GMN (8013). */
const PRIMES = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89];
function checkPair(body) {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += CSET82.indexOf(body[i]) * PRIMES[body.length - 1 - i];
  sum %= 1021;
  return CSET32[sum >> 5] + CSET32[sum & 31];
}

/** A CSET 82 value: mostly unreserved characters, sometimes one that must be percent-encoded. */
function x82(min, max) {
  const n = range(min, max);
  const chars = Array.from({ length: n }, () => pick(SAFE82));
  if (n > 0 && chance(0.15)) chars[int(n)] = pick(SPECIAL82);
  else if (n > 0 && chance(0.02)) chars[int(n)] = '"';
  return chars.join("");
}
const gtin14 = () => withCd((chance(0.3) ? "0" : pick("123456789")) + digits(12));
const gln = () => withCd(pick("123456789") + digits(11));
const yy = () => digits(2);
const mm = () => String(range(1, 12)).padStart(2, "0");
const dd = () => String(range(1, 28)).padStart(2, "0");
const yymmdd = () => yy() + mm() + dd();
const yymmd0 = () => yy() + mm() + (chance(0.15) ? "00" : dd());
const hhmi = () => String(range(0, 23)).padStart(2, "0") + String(range(0, 59)).padStart(2, "0");
const ISO3166 = ["250", "276", "528", "840", "826", "724", "380", "056", "752", "392"];
const ISO_ALPHA2 = ["NL", "DE", "FR", "GB", "US", "BE", "SE", "JP"];

/** Primary keys: value generator, qualifier sequences (Syntax Dictionary dlpkey=...), weight. */
const KEYS = {
  "01": { value: gtin14, quals: [["22", "10", "21"], ["235"]], weight: 30 },
  "00": { value: () => withCd(digits(17)), weight: 6 },
  "253": { value: () => gln() + (chance(0.5) ? x82(1, 17) : ""), weight: 4 },
  "255": { value: () => gln() + (chance(0.5) ? digits(range(1, 12)) : ""), weight: 4 },
  "401": { value: () => digits(4) + x82(0, 26), weight: 4 },
  "402": { value: () => withCd(digits(16)), weight: 4 },
  "414": { value: gln, quals: [["254"], ["7040"]], weight: 6 },
  "415": { value: gln, quals: [["8020"]], needsQual: true, weight: 2 },
  "417": { value: gln, quals: [["7040"]], weight: 4 },
  "8003": { value: () => "0" + gln() + (chance(0.5) ? x82(1, 16) : ""), weight: 4 },
  "8004": { value: () => digits(4) + x82(0, 26), quals: [["7040"]], weight: 4 },
  // dlpkey=22,10,21, but (22) has req=01, so an ITIP path never holds it validly
  "8006": { value: () => { const total = range(1, 99); return gtin14() + String(range(1, total)).padStart(2, "0") + String(total).padStart(2, "0"); }, quals: [["10", "21"]], dictQuals: [["22", "10", "21"]], weight: 6 },
  "8010": { value: () => digits(4) + str(CSET39, range(0, 26)), quals: [["8011"]], weight: 4 },
  "8013": { value: () => { const b = digits(4) + x82(0, 19).replaceAll('"', "x"); return b + checkPair(b); }, weight: 4 },
  "8017": { value: () => withCd(digits(17)), quals: [["8019"]], weight: 4 },
  "8018": { value: () => withCd(digits(17)), quals: [["8019"]], weight: 4 },
};
const QUALIFIERS = {
  "22": () => x82(1, 20),
  "10": () => x82(1, 20),
  "21": () => x82(1, 20),
  "235": () => x82(1, 28),
  "254": () => x82(1, 20),
  "7040": () => pick(DIGITS) + str(ALNUM, 2) + pick(CSET64), // N1 X1 X1 X1,importeridx
  "8011": () => pick("123456789") + digits(range(0, 11)), // N..12,nozeroprefix
  "8019": () => digits(range(1, 10)),
  "8020": () => x82(1, 25),
};

// Data attributes ('?' in the Syntax Dictionary), with req= / ex= from the dictionary.
// req: list of alternatives, each a list of AIs that must all be present; several req lists
// must all hold. Patterns like 31nn/390n are regexes below.
const fam = (first3, n = 6) => Array.from({ length: n }, (_, i) => first3 + i);
const ATTRS = [
  ...["17", "15", "16", "11", "13"].map((ai) => ({ ai, gen: yymmd0, req: [ai === "17" ? ["01", "02", "03", "255", "8006", "8026"] : ["01", "02", "03", "8006", "8026"]] })),
  { ai: "12", gen: yymmd0, req: [["8020"]] },
  { ai: "20", gen: () => digits(2), req: [["01", "02", "8006", "8026"]] },
  { ai: "30", gen: () => digits(range(1, 8)), req: [["01", "02"]] },
  { ai: fam("310"), gen: () => digits(6), req: [["01", "02"]], ex: [/^310\d$/] },
  { ai: fam("320"), gen: () => digits(6), req: [["01", "02"]], ex: [/^320\d$/] },
  { ai: fam("330"), gen: () => digits(6), req: [["00", "01"]], ex: [/^330\d$/] },
  { ai: fam("392"), gen: () => digits(range(1, 15)), req: [["01"], ["30", /^3[1256]\d\d$/]], ex: [/^39[23]\d$/] },
  { ai: fam("395", 4), gen: () => digits(6), req: [["30", /^3[1256]\d\d$/]], ex: [/^39[235]\d$/, "8005"] },
  { ai: fam("394", 4), gen: () => digits(4), req: [["255"]], ex: [/^394\d$/, "8111"] },
  { ai: fam("390"), gen: () => digits(range(1, 15)), req: [["255", "8020"]], ex: [/^39[014]\d$/, "8111"] },
  { ai: "8111", gen: () => digits(4), req: [["255"]] },
  ...["91", "92", "95", "98", "99"].map((ai) => ({ ai, gen: () => x82(1, 90) })),
  { ai: "90", gen: () => x82(1, 30) },
  { ai: "400", gen: () => x82(1, 30) },
  { ai: "403", gen: () => x82(1, 30), req: [["00"]] },
  ...["410", "411", "412", "413", "416"].map((ai) => ({ ai, gen: gln })),
  { ai: "420", gen: () => x82(1, 20), ex: ["421"] },
  { ai: "421", gen: () => pick(ISO3166) + x82(1, 9), ex: ["4307"] },
  { ai: "422", gen: () => pick(ISO3166), req: [["01", "02", "8006", "8026"]], ex: ["426"] },
  ...["240", "241"].map((ai) => ({ ai, gen: () => x82(1, 30), req: [["01", "02", "8006", "8026"]] })),
  { ai: "242", gen: () => digits(range(1, 6)), req: [["01", "02", "8006", "8026"]] },
  { ai: "243", gen: () => x82(1, 20), req: [["01"]] },
  { ai: "250", gen: () => x82(1, 30), req: [["01", "8006"], ["21"]] },
  { ai: "251", gen: () => x82(1, 30), req: [["01", "8006"]] },
  { ai: "7001", gen: () => digits(13), req: [["01", "02", "8006", "8026"]] },
  { ai: "7003", gen: () => yymmdd() + hhmi(), req: [["01", "02"]] },
  { ai: "7006", gen: yymmdd, req: [["01", "02"]] },
  { ai: "7007", gen: () => yymmdd() + (chance(0.5) ? yymmdd() : ""), req: [["01", "02"]] },
  { ai: "7011", gen: () => yymmdd() + (chance(0.5) ? hhmi() : ""), req: [["01", "02"]] },
  { ai: "7240", gen: () => x82(1, 20), req: [["01", "8006"]] },
  ...["710", "716", "717"].map((ai) => ({ ai, gen: () => x82(1, 20), req: [["01"]] })),
  { ai: "8005", gen: () => digits(6), req: [["01", "02"]] },
  { ai: "8008", gen: () => yymmdd() + String(range(0, 23)).padStart(2, "0") + (chance(0.5) ? String(range(0, 59)).padStart(2, "0") : ""), req: [["01", "02"]] },
  { ai: "8012", gen: () => x82(1, 20), req: [["01", "8006"]] },
  { ai: "7230", gen: () => str(ALNUM, 2) + x82(1, 28), req: [["01", "8004"]] },
  ...["4300", "4301", "4302"].map((ai) => ({ ai, gen: () => str(SAFE82, range(1, 35)), req: [["00"]] })),
  { ai: "4307", gen: () => pick(ISO_ALPHA2), req: [["00"]] },
  { ai: "4321", gen: () => pick("01"), req: [["00"]] },
  { ai: "4330", gen: () => digits(6) + (chance(0.5) ? "-" : ""), req: [["00"]], ex: ["4331"] },
  { ai: "7242", gen: () => x82(1, 25), req: [["8017", "8018"]] },
  { ai: "7250", gen: () => String(range(1930, 2024)) + mm() + dd(), req: [["8018"]], ex: ["7251"] },
  { ai: "7252", gen: () => pick("0129"), req: [["8018"]] },
  { ai: "7253", gen: () => str(SAFE82, range(1, 40)), req: [["8017", "8018"]] },
  { ai: "8030", gen: () => str(CSET64, range(8, 60)), req: [["00", ["01", "21"], "253", "255", "8003", "8004", ["8006", "21"], ["8010", "8011"], "8017", "8018"], ["serialised-key"]] },
  { ai: "8002", gen: () => x82(1, 20) },
  { ai: "7023", gen: () => digits(4) + x82(0, 26) },
  { ai: "01", gen: gtin14, notWith: ["01", "02", "03", "255", "37", "8006"] }, // 01: ex=255,37; 02: ex=01; 8006: ex=01
];

/** Do the present AIs satisfy a dictionary term (an AI, a pattern like /^31\d\d$/, or [all of]). */
function term(present, t) {
  if (Array.isArray(t)) return t.every((x) => term(present, x));
  if (t instanceof RegExp) return [...present].some((a) => t.test(a));
  return present.has(t);
}
function attrAllowed(spec, ai, present, exOf) {
  if (present.has(ai)) return false;
  if ((spec.notWith ?? []).some((a) => present.has(a))) return false;
  for (const alternatives of spec.req ?? []) if (!alternatives.some((t) => term(present, t))) return false;
  for (const t of spec.ex ?? []) if ([...present].some((a) => (t instanceof RegExp ? t.test(a) : a === t))) return false;
  // the present AIs' own exclusions
  for (const p of present) for (const t of exOf.get(p) ?? []) if (t instanceof RegExp ? t.test(ai) : t === ai) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// URIs: a structure that mutations edit, then a string
// ---------------------------------------------------------------------------------------------

/** Percent-encode all but RFC 3986 unreserved characters, capital hex (GS1's generator does). */
const enc = (v) => [...new TextEncoder().encode(v)].map((b) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : "%" + b.toString(16).toUpperCase().padStart(2, "0"))).join("");

const HOSTS = ["example.com", "brand.example", "a", "shop.example.co.uk", "192.0.2.1", "example.com:8443", "[2001:db8::1]", "xn--fsq.xn--0zwm56d", "res.example.org", "d.example"];
const PREFIX_SEGMENTS = ["products", "p", "some-extra", "pathinfo", "dl", "v1", "item", "2024", "faux", "x"];

function makeStem() {
  const idGs1 = chance(0.2);
  const scheme = weighted([["https", 75], ["http", 20], ["HTTPS", 3], ["HTTP", 2]]);
  const host = idGs1 ? "id.gs1.org" : pick(HOSTS);
  let prefix = "";
  if (chance(idGs1 ? 0.1 : 0.4)) {
    const segs = Array.from({ length: range(1, 3) }, () => pick(PREFIX_SEGMENTS));
    if (chance(0.15)) segs.push(pick(["00/faux", "10/x", "01/1234"])); // AI-like path before the key (GS1: read from the right)
    if (/^[a-z]/.test(host) && chance(0.1)) segs[0] = host[0]; // e.g. brand.example/b/... (see custom_path_strip_bug)
    prefix = "/" + segs.join("/");
  }
  return { scheme, host, prefix };
}

/** A valid link: {stem, path: [{ai, value, raw}], query: [{name, value, raw}], qmark, fragment}. */
function makeValid(keyAi = weighted(Object.entries(KEYS).map(([k, d]) => [k, d.weight]))) {
  const key = KEYS[keyAi];
  const path = [{ ai: keyAi, value: key.value() }];
  if (key.quals) {
    const seq = pick(key.quals);
    const chosen = seq.filter(() => chance(key.needsQual ? 1 : 0.45));
    for (const q of chosen) path.push({ ai: q, value: QUALIFIERS[q]() });
  }
  const present = new Set(path.map((p) => p.ai));
  // (8030) needs a serialised key: GDTI/GCN/GRAI with their optional serial component
  if (!["253", "255", "8003"].includes(keyAi) || path[0].value.length > (keyAi === "8003" ? 14 : 13)) present.add("serialised-key");
  const exOf = new Map();
  const query = [];
  const wanted = weighted([[0, 30], [1, 30], [2, 22], [3, 12], [4, 6]]);
  for (const spec of shuffle(ATTRS.slice())) {
    if (query.length >= wanted) break;
    const ai = Array.isArray(spec.ai) ? pick(spec.ai) : spec.ai;
    if (!attrAllowed(spec, ai, present, exOf)) continue;
    query.push({ name: ai, value: spec.gen() });
    present.add(ai);
    exOf.set(ai, spec.ex ?? []);
  }
  // The 00 example of GS1's standard: (02) + (37) (+ (10)) as attributes of an SSCC.
  if (keyAi === "00" && !present.has("01") && chance(0.3)) {
    query.push({ name: "02", value: gtin14() }, { name: "37", value: digits(range(1, 8)) });
    if (chance(0.5)) query.push({ name: "10", value: x82(1, 20) });
  }
  for (const q of query) q.raw = enc(q.value);
  for (const p of path) p.raw = enc(p.value);
  if (chance(0.15)) query.splice(int(query.length + 1), 0, pick([{ name: "linkType", raw: "gs1:pip" }, { name: "linkType", raw: "gs1%3AcertificationInfo" }, { name: "foo", raw: "bar" }, { name: "lang", raw: "en" }, { name: "exp", raw: "1" }]));
  return { stem: makeStem(), path, query, qmark: false, fragment: null };
}

function toUri(l) {
  let s = `${l.stem.scheme}://${l.stem.host}${l.stem.prefix}`;
  for (const p of l.path) s += `/${p.ai}/${p.raw}`;
  if (l.query.length || l.qmark) s += "?" + l.query.map((q) => (q.raw === null ? q.name : `${q.name}=${q.raw}`)).join("&");
  if (l.fragment !== null) s += "#" + l.fragment;
  return s;
}
/** The AIs a link is meant to carry, as [ai, value] (tracemark's elements() order). */
const expectedAis = (l) => [...l.path.map((p) => [p.ai, p.value]), ...l.query.filter((q) => /^\d+$/.test(q.name)).map((q) => [q.name, q.value])];

// Mutations: each edits a valid link (or returns null when it does not apply) and says what
// tracemark must answer: false = reject (optionally with the rule), true = accept.
const xQualifiers = (l) => l.path.slice(1).filter((p) => ["22", "10", "21", "235", "254", "8020"].includes(p.ai));
const firstX82 = (l) => [...l.path.slice(1).filter((p) => ["22", "10", "21", "235", "254", "8020"].includes(p.ai)), ...l.query.filter((q) => ["99", "98", "91", "92", "95", "90", "400", "240", "241", "250", "251", "8002", "243", "7240", "710", "716", "717"].includes(q.name))];
const addQuery = (l, name, value, raw = enc(value)) => l.query.splice(int(l.query.length + 1), 0, { name, value, raw });
/** A CSET 82 data attribute of at most 28 characters: an existing one, or a new one. */
function shortX82Attribute(l) {
  const names = ["99", "98", "91", "92", "95", "90", "400"];
  const found = l.query.find((q) => names.includes(q.name) && q.value.length <= 28);
  if (found) return found;
  const name = names.find((n) => !l.query.some((q) => q.name === n));
  addQuery(l, name, "AB");
  return l.query.find((q) => q.name === name);
}
const CSUM_KEYS = ["00", "01", "253", "255", "402", "414", "415", "417", "8003", "8006", "8017", "8018"];
const CD_AT = { "253": 12, "255": 12, "8003": 13, "8006": 13 };

const MUTATIONS = {
  key_check_digit(l) {
    const k = l.path[0];
    if (k.ai === "8013") {
      k.value = k.value.slice(0, -1) + (k.value.endsWith("2") ? "3" : "2");
    } else if (CSUM_KEYS.includes(k.ai)) {
      k.value = badCd(k.value, CD_AT[k.ai] ?? k.value.length - 1);
    } else return null;
    k.raw = enc(k.value);
    return { expect: false, rule: k.ai === "8013" ? "incorrect_check_pair" : "incorrect_check_digit" };
  },
  attribute_check_digit(l) {
    const q = l.query.find((x) => ["410", "411", "412", "413", "416", "02", "01"].includes(x.name));
    if (q) { q.value = badCd(q.value); q.raw = enc(q.value); } else addQuery(l, "410", badCd(gln()));
    return { expect: false, rule: "incorrect_check_digit" };
  },
  qualifier_order(l) {
    if (l.path.length < 3) return null;
    const i = range(1, l.path.length - 2);
    [l.path[i], l.path[i + 1]] = [l.path[i + 1], l.path[i]];
    return { expect: false, rule: "invalid_key_qualifier_sequence" };
  },
  qualifier_not_of_key(l) {
    const other = { "01": "8011", "8006": "235", "414": "21", "417": "254", "8004": "10", "8010": "21", "8017": "254" }[l.path[0].ai] ?? "10";
    l.path.push({ ai: other, value: QUALIFIERS[other](), raw: null });
    l.path.at(-1).raw = enc(l.path.at(-1).value);
    return { expect: false, rule: "invalid_key_qualifier_sequence" };
  },
  mixed_qualifier_sequences(l) {
    if (l.path[0].ai !== "01") return null;
    l.path.splice(1, l.path.length, { ai: "10", value: "ABC" }, { ai: "235", value: x82(1, 28) });
    for (const p of l.path) p.raw = enc(p.value);
    return { expect: false, rule: "invalid_key_qualifier_sequence" };
  },
  short_gtin(l) {
    if (l.path[0].ai !== "01") return null;
    const n = pick([13, 12, 8]);
    l.path[0].value = withCd("0".repeat(14 - n) + pick("123456789") + digits(n - 2));
    l.path[0].raw = l.path[0].value.slice(14 - n);
    return { expect: false, rule: "ai_value_is_too_short" };
  },
  query_gtin13(l) {
    if (["01", "8006", "255"].includes(l.path[0].ai) || l.query.some((q) => ["01", "02", "37"].includes(q.name))) return null;
    const g = withCd("0" + pick("123456789") + digits(11));
    addQuery(l, "01", g, g.slice(1));
    return { expect: true };
  },
  key_wrong_length(l) {
    const k = l.path[0];
    if (!["00", "01", "402", "414", "417", "8017", "8018"].includes(k.ai)) return null;
    k.raw = chance(0.5) ? k.value + pick(DIGITS) : k.value.slice(0, -2) + k.value.at(-1);
    return { expect: false };
  },
  trailing_slash: (l) => ({ expect: false, rule: "uri_ends_with_slash", post: (u) => u.replace(/([^?#]*)/, "$1/") }),
  empty_path_segment(l) {
    const i = range(0, l.path.length - 1);
    l.path[i].ai = l.path[i].ai + "/"; // "/01//value"
    return { expect: false };
  },
  bad_percent_escape(l) {
    const t = firstX82(l)[0];
    if (!t || t.value.length > 15) return null;
    const esc = pick(["%ZZ", "%2", "%", "%G1"]);
    t.value = t.value + esc;
    t.raw = t.raw + esc;
    return { expect: true }; // kept literally, as GS1's reference does; '%' is CSET 82
  },
  plus_in_query(l) {
    const t = shortX82Attribute(l);
    t.raw = t.raw + "+X";
    return { expect: false, rule: "invalid_cset82_character" }; // '+' is a space in a query
  },
  plus_in_path(l) {
    const t = xQualifiers(l)[0];
    if (!t || t.value.length > 18) return null;
    t.value += "+X";
    t.raw += "+X";
    return { expect: true };
  },
  raw_reserved_chars(l) {
    const t = firstX82(l)[0];
    if (!t || t.value.length > 18) return null;
    const isQuery = "name" in t;
    const c = pick(isQuery ? [..."!'()*,;:/?"] : [..."!'()*,;:=&"]);
    t.value += c + "Z";
    t.raw += c + "Z";
    return { expect: true };
  },
  equals_in_query_value(l) {
    const t = shortX82Attribute(l);
    t.value += "=Q";
    t.raw += "=Q";
    return { expect: true };
  },
  percent_encoded_unreserved(l) {
    const t = firstX82(l)[0] ?? l.path[0];
    let i = 0;
    while (i < t.raw.length && !/[A-Za-z0-9]/.test(t.raw[i])) i += t.raw[i] === "%" ? 3 : 1; // not inside an escape
    if (i >= t.raw.length) return null;
    t.raw = t.raw.slice(0, i) + "%" + t.raw.charCodeAt(i).toString(16).toUpperCase() + t.raw.slice(i + 1);
    return { expect: true };
  },
  lower_case_escape(l) {
    const t = firstX82(l)[0];
    if (!t || t.value.length > 19) return null;
    t.value += "/";
    t.raw += "%2f";
    return { expect: true };
  },
  raw_double_quote(l) {
    const t = firstX82(l)[0];
    if (!t || t.value.length > 19) return null;
    t.value += '"';
    t.raw += '"';
    return { expect: false, rule: "uri_contains_illegal_characters" };
  },
  illegal_uri_character(l) {
    const t = firstX82(l)[0] ?? l.path[0];
    t.raw += pick([" ", "<", "{", "|", "\\", "^", "`", "é"]);
    return { expect: false, rule: "uri_contains_illegal_characters" };
  },
  not_cset82(l) {
    const t = firstX82(l)[0];
    if (!t || t.value.length > 19) return null;
    const [v, r] = pick([[" ", "%20"], ["~", "~"], ["€", "%E2%82%AC"], ["#", "%23"], ["\t", "%09"]]);
    t.value += v;
    t.raw += r;
    return { expect: false };
  },
  nul_escape(l) {
    const t = firstX82(l)[0];
    if (!t) return null;
    t.raw += "%00";
    return { expect: false, rule: "uri_contains_illegal_characters" };
  },
  attribute_belongs_in_path(l) {
    const k = l.path[0].ai;
    const seqs = KEYS[k].dictQuals ?? KEYS[k].quals;
    if (!seqs) return null;
    const inPath = new Set(l.path.slice(1).map((p) => p.ai));
    const fitting = seqs.filter((s) => [...inPath].every((q) => s.includes(q))).flat().filter((q) => !inPath.has(q));
    if (!fitting.length) return null;
    const q = fitting.includes("10") && chance(0.5) ? "10" : pick(fitting);
    addQuery(l, q, QUALIFIERS[q]());
    // As in GS1's reference, an AI that is no data attribute at all is refused as such first;
    // of the qualifiers only (10) is also a data attribute.
    return { expect: false, rule: q === "10" ? "ai_should_be_in_path_info" : "invalid_dl_data_attribute" };
  },
  not_a_dl_attribute(l) {
    const [ai, value] = pick([["8020", "REF1"], ["8020", "R2"], ["8020", "R-3"], ["8200", "http://x"], ["7041", "BX"], ["21", "S1"], ["22", "V"], ["254", "E1"], ["8011", "1"], ["8019", "1"], ["7040", "1AB_"], ["235", "T1"], ["8014", "ABC"]]);
    const key = KEYS[l.path[0].ai];
    if (l.path.some((p) => p.ai === ai) || (key.dictQuals ?? key.quals ?? []).flat().includes(ai)) return null;
    addQuery(l, ai, value);
    return { expect: false, rule: "invalid_dl_data_attribute" };
  },
  duplicate_attribute(l) {
    const q = l.query.find((x) => /^\d+$/.test(x.name));
    if (!q) return null;
    if (chance(0.5)) {
      l.query.push({ ...q });
      return { expect: false, rule: "duplicate_ai" };
    }
    l.query.push({ ...q, raw: q.raw.slice(0, -1) + (q.raw.endsWith("1") ? "2" : "1") });
    return { expect: false };
  },
  key_repeated_in_query(l) {
    const k = l.path[0];
    if (k.ai === "415") return null;
    l.query.push({ name: k.ai, value: k.value, raw: k.raw });
    return { expect: false };
  },
  unknown_query_ai(l) {
    const ai = pick(["89", "3944", "3945", "3944", "3945", "999", "23", "4399", "7099", "00000"]);
    addQuery(l, ai, ai.startsWith("394") ? digits(4) : "ABC123");
    return { expect: false, rule: "unknown_ai_in_query_params" };
  },
  unknown_path_ai(l) {
    l.path.push({ ai: pick(["89", "23", "9999"]), value: "ABC", raw: "ABC" });
    return { expect: false };
  },
  empty_value(l) {
    if (chance(0.5)) {
      const q = l.query.find((x) => /^\d+$/.test(x.name));
      if (q) q.raw = "";
      else l.query.push({ name: "99", value: "", raw: "" });
    } else l.query.push({ name: pick(["17", "99", "400"]), value: "", raw: chance(0.5) ? "" : null });
    return { expect: false };
  },
  malformed_gtin_after_extension_param(l) {
    if (l.query.some((q) => ["01", "02", "37"].includes(q.name))) return null;
    l.query.push({ name: pick(["exp", "foo", "lang"]), raw: "1" }, { name: "01", value: "", raw: pick([gtin14().slice(0, 10) + "ABCD", gtin14() + "5", "ABC"]) });
    return { expect: false };
  },
  empty_parameter_name(l) {
    l.query.splice(int(l.query.length + 1), 0, { name: "", raw: pick(["abc", "", "1"]) }); // "?=abc"
    return { expect: true };
  },
  valueless_parameter(l) {
    const name = ["99", "98", "400", "90"].find((n) => !l.query.some((q) => q.name === n));
    l.query.splice(int(l.query.length + 1), 0, { name, value: "", raw: null }); // "?99"
    return { expect: false, rule: "ai_data_is_empty" };
  },
  empty_query_params(l) {
    l.qmark = true;
    if (chance(0.5) && l.query.length) l.query.splice(int(l.query.length + 1), 0, { name: "", value: "", raw: null });
    return { expect: true };
  },
  fragment(l) {
    l.fragment = pick(["", "frag", "section-2", "a=b"]);
    return { expect: true };
  },
  bad_date(l) {
    const ai = l.query.find((q) => ["17", "15", "16", "11", "13", "7006", "7003"].includes(q.name))?.name;
    const spec = ai ?? (["01", "8006"].includes(l.path[0].ai) ? "17" : null);
    if (!spec) return null;
    const bad = pick([yy() + "13" + dd(), yy() + "00" + dd(), yy() + "02" + "30", yy() + "04" + "31", yy() + mm() + "32"]);
    const q = l.query.find((x) => x.name === spec);
    const value = spec === "7003" ? bad + hhmi() : bad;
    if (q) { q.value = value; q.raw = value; } else addQuery(l, spec, value);
    return { expect: false };
  },
  bad_time(l) {
    if (!["01"].includes(l.path[0].ai) || l.query.some((q) => q.name === "7003")) return null;
    addQuery(l, "7003", yymmdd() + pick(["2400", "1260", "9999"]));
    return { expect: false };
  },
  missing_required_ai(l) {
    const k = l.path[0].ai;
    const options = {
      "00": [["3103", "000195"], ["17", "271231"], ["7003", "2712310930"], ["4330", null]],
      "414": [["17", "271231"], ["3103", "000195"], ["403", "R1"], ["7242", "V1"]],
      "8006": [["3103", "000195"], ["243", "P1"], ["4321", "1"]],
      "01": [["403", "R1"], ["7242", "V1"], ["4307", "NL"], ["3940", "0050"], ["12", "271231"], ["7250", "19800101"]],
      "8017": [["7250", "19800101"], ["17", "271231"]],
      "8010": [["3103", "000195"], ["17", "271231"]],
      "402": [["250", "X1"], ["10", "L1"]],
    }[k];
    if (!options || l.query.some((q) => ["00", "01", "02"].includes(q.name))) return null;
    const [ai, value] = pick(options);
    if (value === null || l.query.some((q) => q.name === ai)) return null;
    if (ai === "3103" && l.query.some((q) => /^310\d$/.test(q.name))) return null;
    addQuery(l, ai, value);
    return { expect: false, rule: "required_ais_not_satisfied" };
  },
  excluded_ai_pair(l) {
    const k = l.path[0].ai;
    const pair = { "01": ["02", gtin14()], "8006": ["37", "5"], "255": ["01", gtin14()], "8017": ["8018", withCd(digits(17))], "8018": ["8017", withCd(digits(17))] }[k];
    if (!pair || l.query.some((q) => q.name === pair[0])) return null;
    addQuery(l, ...pair);
    return { expect: false };
  },
  value_too_long(l) {
    const t = xQualifiers(l)[0];
    if (t) {
      t.value = t.value + str(SAFE82, 30);
      t.raw = enc(t.value);
    } else if (!l.query.some((q) => q.name === "99")) addQuery(l, "99", str(SAFE82, 91));
    else return null;
    return { expect: false };
  },
  non_digit_in_numeric(l) {
    const numeric = /^(1[1-7]|20|30|3\d\d\d|41[0-6]|8005|700[1367]|7011|8008|8111|242|0[12]|37|422|4321|725[02])$/; // all-N formats
    const q = l.query.find((x) => numeric.test(x.name) && x.value.length > 1);
    if (!q) return null;
    q.raw = q.raw.slice(0, -1) + "A";
    return { expect: false };
  },
  gcp_prefix(l) {
    const k = l.path[0];
    if (!["401", "8004", "8010", "8013"].includes(k.ai)) return null;
    const body = "AB" + k.value.slice(2, k.ai === "8013" ? -2 : undefined);
    k.value = k.ai === "8013" ? body + checkPair(body) : body;
    k.raw = enc(k.value);
    return { expect: false, rule: "invalid_gcp_prefix" };
  },
  other_linters(l) {
    const k = l.path[0];
    if (k.ai === "8003") { k.value = "1" + k.value.slice(1); k.raw = enc(k.value); return { expect: false }; } // N1,zero
    if (k.ai === "8006") { k.value = k.value.slice(0, 14) + "0302"; k.raw = k.value; return { expect: false, rule: "piece_number_exceeds_total" }; }
    if (k.ai === "8010") { l.path.splice(1, 9, { ai: "8011", value: "0123", raw: "0123" }); return { expect: false, rule: "illegal_zero_prefix" }; }
    if (k.ai === "01" && !l.query.some((q) => ["422", "426"].includes(q.name))) { addQuery(l, "422", "999"); return { expect: false }; }
    if (k.ai === "00" && !l.query.some((q) => ["4307", "421"].includes(q.name))) { addQuery(l, "4307", "ZZ"); return { expect: false }; }
    if (k.ai === "8018" && !l.query.some((q) => q.name === "7252")) { addQuery(l, "7252", "5"); return { expect: false }; }
    return null;
  },
  no_primary_key(l) {
    const how = int(3);
    if (how === 0) l.path[0].ai = pick(["gtin", "sscc", "10", "21", "99"]);
    else if (how === 1) l.path = l.path.slice(1).length ? l.path.slice(1) : [{ ai: "foo", value: "bar", raw: "bar" }];
    else { l.path = []; l.stem.prefix = pick(["", "/", "/just/a/path"]); }
    return { expect: false };
  },
  bad_scheme(l) {
    l.stem.scheme = pick(["ftp", "HtTp", "Https", "urn"]);
    return { expect: false };
  },
  bad_domain(l) {
    l.stem.host = pick(["", "user@example.com", "ex$mple.com", "a_b.example", "a%41.example"]);
    return { expect: false };
  },
};
const MUTATION_NAMES = Object.keys(MUTATIONS);
// Mutations that only apply to some keys start from a link with one of them.
const ALL_BUT = (...ks) => Object.keys(KEYS).filter((k) => !ks.includes(k));
const MUTATION_KEYS = {
  key_check_digit: [...CSUM_KEYS, "8013", "8013", "8013"],
  qualifier_order: ["01", "01", "8006", "8006", "414"],
  mixed_qualifier_sequences: ["01"],
  short_gtin: ["01"],
  query_gtin13: ALL_BUT("01", "8006", "255"),
  malformed_gtin_after_extension_param: ALL_BUT("01", "8006", "255"),
  key_wrong_length: ["00", "01", "402", "414", "417", "8017", "8018"],
  gcp_prefix: ["401", "8004", "8010", "8013"],
  other_linters: ["8003", "8006", "8010", "01", "00", "8018"],
  bad_time: ["01"],
  bad_date: ["01", "8006"],
  excluded_ai_pair: ["01", "8006", "255", "8017", "8018"],
  missing_required_ai: ["00", "414", "8006", "01", "8017", "8010", "402"],
  attribute_belongs_in_path: ["01", "414", "417", "8004", "8006", "8010", "8017", "8018"],
};

/** The generated corpus: [{uri, tag, expect, rule, ais}]. 45% valid links, the rest one mutation
 * each, taking the mutations in turn. */
function generate(n) {
  const out = [];
  let turn = 0;
  while (out.length < n) {
    if (chance(0.45)) {
      const link = makeValid();
      out.push({ uri: toUri(link), tag: "valid", expect: true, ais: expectedAis(link) });
      continue;
    }
    const name = MUTATION_NAMES[turn++ % MUTATION_NAMES.length];
    for (let attempt = 0; attempt < 20; attempt++) {
      const link = makeValid(MUTATION_KEYS[name] ? pick(MUTATION_KEYS[name]) : undefined);
      const m = MUTATIONS[name](link);
      if (!m) continue;
      let uri = toUri(link);
      if (m.post) uri = m.post(uri);
      out.push({ uri, tag: name, expect: m.expect, rule: m.rule, ais: m.expect ? expectedAis(link) : null });
      break;
    }
  }
  return out;
}

// GS1's own Digital Link test URIs with GS1's verdict: the default-option parse cases and the
// ignored-query-parameter cases of the GS1 Syntax Engine's unit tests (src/c-lib/dl.c, Apache-2.0,
// Copyright (c) 2021-2025 GS1 AISBL), as transcribed in core/tests/data/gs1_digital_link_cases.json.
const GS1_CASES = [
  ["", false], ["ftp://", false], ["http://", false], ["http:///", false], ["http://a", false], ["http://a/", false], ["http://a/b", false],
  ["http://a/b/", false], ["http://a/00/006141411234567890", true], ["HTTP://a/00/006141411234567890", true],
  ["https://a/00/006141411234567890", true], ["HTTPS://a/00/006141411234567890", true], ["HtTp://a/b/00/006141411234567890", false],
  ["https://00/006141411234567890", false], ["https://a/01/12312312312333", true], ["https://xn--fsq.xn--0zwm56d/01/12312312312333", true],
  ["https://a./01/12312312312333", true], ["https://a:65535/01/12312312312333", true], ["https://192.0.2.1/01/12312312312333", true],
  ["https://3232235777/01/12312312312333", true], ["https://0300.0250.01.01/01/12312312312333", true],
  ["https://0xC0.0xA8.0x01.0x01/01/12312312312333", true], ["https://[2001:db8::1]/01/12312312312333", true],
  ["https://[fe80::1%25lo]/01/12312312312333", false], ["https://$a/006141411234567890", false], ["https://a$/006141411234567890", false],
  ["https://a/stem/00/006141411234567890", true], ["https://a/more/stem/00/006141411234567890", true],
  ["https://a/00/faux/00/006141411234567890", true], ["https://a/gtin/12312312312333", false], ["https://a/01/2112345678900", false],
  ["https://a/01/416000336108", false], ["https://a/01/02345673", false], ["https://a/01/12312312312333/22/TEST/10/ABC/21/XYZ", true],
  ["https://a/01/12312312312333/235/TEST", true], ["https://a/253/1231231231232", true], ["https://a/253/1231231231232TEST5678901234567", true],
  ["https://a/253/1231231231232TEST56789012345678", false], ["https://a/8018/123456789012345675/8019/123", true],
  ["https://a/stem/00/006141411234567890/", false], ["https://a/stem/00/006141411234567890?", true],
  ["https://a/stem/00/006141411234567890?99=ABC", true], ["https://a/stem/401/12345678?99=ABC", true],
  ["https://a/01/12312312312333?99=ABC&98=XYZ", true], ["https://a/01/12312312312333?99=", false],
  ["https://a/01/12312312312333?99=ABC&999=faux", false], ["https://a/01/12312312312333?&&&99=ABC&&&&&&98=XYZ&&&", true],
  ["https://a/01/12312312312333?99=ABC&unknown=666&98=XYZ", true], ["https://a/01/12312312312333?unknown=666&99=ABC&98=XYZ", true],
  ["https://a/01/12312312312333?99=ABC&98=XYZ&unknown=666", true],
  ["https://a/01/12312312312333?unknown1=555&99=ABC&unknown2=666&98=XYZ&unknown3=777", true],
  ["https://a/01/12312312312333?99=ABC&singleton&98=XYZ", true], ["https://a/01/12312312312333?singleton&99=ABC&98=XYZ", true],
  ["https://a/01/12312312312333?99=ABC&98=XYZ&singleton", true],
  ["https://a/01/12312312312333?singleton1&99=ABC&singleton2&98=XYZ&singleton3", true],
  ["https://a/01/12312312312333?singleton1&unknown1=555&99=ABC&singleton2&unknown2=6666&98=XYZ&unknown3=777&singleton3", true],
  ["https://a/01/12312312312333/22/ABC%2d123?99=ABC&98=XYZ%2f987", true], ["https://a/01/12312312312333/22/ABC+123?99=ABC&98=XYZ%2f987", true],
  ["https://a/01/12312312312333/22/ABC%2d123?99=ABC&98=XYZ+987", false], ["https://a/01/12312312312333/22/test/10/abc/21/xyz#", true],
  ["https://a/01/12312312312333/22/test/10/abc/21/xyz#fragment", true], ["https://a/stem/00/006141411234567890?99=ABC#", true],
  ["https://a/stem/00/006141411234567890?99=ABC#fragment", true], ["https://id.gs1.org/01/09520123456788", true],
  ["https://id.gs1.org/01/09520123456788/22/2A", true], ["https://id.gs1.org/01/09520123456788/10/ABC123", true],
  ["https://id.gs1.org/01/09520123456788/21/12345", true], ["https://id.gs1.org/01/09520123456788/10/ABC1/21/12345?17=180426", true],
  ["https://id.gs1.org/01/09520123456788?3103=000195", true], ["https://example.com/01/09520123456788?3103=000195&3922=0299&17=201225", true],
  ["https://id.gs1.org/01/09520123456788?3103=000195&3922=0299&17=201225", true],
  ["https://id.gs1.org/01/09520123456788?17=201225&3103=000195&3922=0299", true], ["https://id.gs1.org/00/952012345678912345", true],
  ["https://id.gs1.org/00/952012345678912345?02=09520123456788&37=25&10=ABC123", true], ["https://id.gs1.org/414/9520123456788", true],
  ["https://id.gs1.org/414/9520123456788/254/32a%2Fb", true], ["https://example.com/8004/9520614141234567?01=9520123456788", true],
  ["https://example.com/01/09520123456788?10=ABC123", false], ["https://id.gs1.org/01/09520123456788/235/XYZ?10=ABC123", true],
  ["https://id.gs1.org/01/09520123456788/10/ABC123?99=XYZ789&01=09520123456788", false],
  ["https://id.gs1.org/01/09520123456788/10/ABC123?99=XYZ789&10=ABC123", false],
  ["https://id.gs1.org/01/09520123456788/10/ABC123?99=XYZ789&99=XYZ789", false], ["https://example.com/01/09520123456788/89/ABC123?99=XYZ", false],
  ["https://example.com/01/09520123456788?99=XYZ&89=ABC123", false], ["https://a/01/12312312312333/22/TESTING?singleton&99=ABC%2d123", true],
  ["https://a/01/12312312312333/22/TESTING?99=ABC%2d123&singleton", true],
  ["https://a/01/12312312312333/22/TESTING?compound1=QWERTY&99=ABC%2d123", true],
  ["https://a/01/12312312312333/22/TESTING?99=ABC%2d123&compound1=QWERTY", true],
  ["https://a/01/12312312312333/22/TESTING?singleton1&compound1=QWERTY&99=ABC%2d123&singleton2&98=XYZ&compound2=12345", true],
];

// ---------------------------------------------------------------------------------------------
// The two implementations
// ---------------------------------------------------------------------------------------------

function runTracemark(uri, zeroSuppressedGtin = false) {
  let link;
  try {
    link = tm.DigitalLink.parse(uri, true, zeroSuppressedGtin);
  } catch (e) {
    if (!(e instanceof tm.IdentifierError) || typeof e.rule !== "string") throw new Error(`tracemark threw something other than an IdentifierError with a rule for ${JSON.stringify(uri)}: ${e?.stack ?? e}`);
    return { ok: false, code: e.code, rule: e.rule, ai: e.ai ?? null, position: e.position };
  }
  const es = link.elementStrings();
  const res = { ok: true, ais: es.elements(), key: link.key, qualifiers: link.qualifiers, attributes: link.attributes, others: link.otherParams.map(([name]) => name), stem: link.stem };
  es.free();
  link.free();
  return res;
}

// digital-link.js keys with a check-digit position (src/checkDigit.js keyCodeToPosition).
const DLJS_CHECK_DIGIT_KEYS = new Set(["01", "00", "253", "255", "402", "414", "8003", "8018"]);
const decodeLoose = (s) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/**
 * digital-link.js's verdict. Its isValid() is
 *   validateUrl(removeCustomPath(toWebUriString(), domain)) && validateIdentifierCheckDigit()
 * (the 1.4.1 ABNF on the re-encoded URI, plus the key's check digit). The check-digit half is
 * false for every key without an entry in its table (8006, 8013, 8010, 417, 8017, 8004, 401,
 * 415), which would make every such link "invalid" and the comparison for those keys
 * meaningless; so the verdict here is the ABNF half, plus the check digit where the table has
 * the key. (The raw isValid() is kept as `isValid` and counted in the summary.) A constructor
 * exception ("Must contain at least the identifier", "URI malformed", ...) is a rejection.
 */
function runDljs(uri) {
  let dl;
  try {
    dl = DljsLink(uri);
  } catch (e) {
    return { ok: false, threw: String(e?.message ?? e), isValid: false };
  }
  const identifier = dl.getIdentifier();
  const key = Object.keys(identifier)[0];
  const domain = dl.getDomain();
  let web, grammarOk, cd;
  try {
    web = dl.toWebUriString();
    grammarOk = validateUrl(DljsUtils.removeCustomPath(web, domain));
  } catch (e) {
    return { ok: false, threw: String(e?.message ?? e), key, isValid: false };
  }
  try {
    cd = dl.isCheckDigitValid();
  } catch {
    cd = false;
  }
  // removeCustomPath() replaces the first occurrence of the custom path text anywhere in the
  // URI (e.g. "/b" inside "https://brand.example/b/01/..."): what the grammar says when the
  // custom path is cut where it is.
  const origin = /^[^:]*:\/\/[^/]*/.exec(domain)?.[0] ?? domain;
  const properlyStripped = origin + web.slice(domain.length);
  const stripBug = !grammarOk && web.startsWith(domain) && properlyStripped !== DljsUtils.removeCustomPath(web, domain) && validateUrl(properlyStripped);
  const ok = grammarOk && (DLJS_CHECK_DIGIT_KEYS.has(key) ? cd : true);
  const ais = [[key, decodeLoose(identifier[key])]];
  const kq = dl.getKeyQualifiers();
  for (const q of dl.getKeyQualifiersOrder()) ais.push([q, decodeLoose(kq[q])]);
  const others = [];
  for (const [k, v] of Object.entries(dl.getAttributes())) {
    if (/^\d+$/.test(k)) ais.push([k, decodeLoose(v)]);
    else others.push(k);
  }
  return { ok, key, ais, others, grammarOk, cd, isValid: grammarOk && cd, stripBug, web };
}

// ---------------------------------------------------------------------------------------------
// Known disagreements: each names when it applies and why tracemark is right
// ---------------------------------------------------------------------------------------------

const splitUri = (uri) => {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/s.exec(uri);
  return m ? { scheme: m[1], host: m[2], path: m[3], query: m[4] ?? null, fragment: m[5] ?? null } : null;
};
const queryParams = (p) => (p?.query == null ? [] : p.query.split("&").map((s) => ({ name: s.split("=")[0], raw: s.includes("=") ? s.slice(s.indexOf("=") + 1) : null })));
/** Raw values after the key in the path ([ai, raw] pairs, from the primary key tracemark found). */
const pathValues = (c) => {
  const segs = c.parts.path.split("/");
  const out = [];
  for (let i = segs.length - 2; i >= 1; i -= 2) out.unshift([segs[i], segs[i + 1]]);
  return out;
};
/** Offset in the URI of the first query parameter that is not an AI but has a value, if any. */
function extensionParamOffset(uri) {
  const q = uri.indexOf("?");
  if (q < 0) return null;
  let at = q + 1;
  const end = uri.includes("#") ? uri.indexOf("#") : uri.length;
  for (const p of uri.slice(q + 1, end).split("&")) {
    if (p.includes("=") && !/^\d*$/.test(p.split("=")[0])) return at;
    at += p.length + 1;
  }
  return null;
}
const withoutExtensionParams = (uri) => {
  const q = uri.indexOf("?");
  const end = uri.includes("#") ? uri.indexOf("#") : uri.length;
  const kept = uri.slice(q + 1, end).split("&").filter((p) => !(p.includes("=") && !/^\d*$/.test(p.split("=")[0])));
  return uri.slice(0, q) + (kept.length ? "?" + kept.join("&") : "") + uri.slice(end);
};
const rawValues = (c) => [...pathValues(c).map(([, v]) => v), ...queryParams(c.parts).filter((q) => /^\d+$/.test(q.name)).map((q) => q.raw ?? "")];

const DATE_TIME_RULES = new Set(["illegal_month", "illegal_day", "illegal_hour", "illegal_minute", "illegal_second"]);
const OTHER_LINTER_RULES = new Set(["not_zero", "illegal_zero_prefix", "piece_number_exceeds_total", "zero_piece_number", "zero_total_pieces", "not_iso3166", "not_iso3166_alpha2", "not_iso3166_or_999", "invalid_biological_sex_code"]);
// Data attributes of the 2026-01-27 Syntax Dictionary missing from digital-link.js's grammar
// (GS1 Digital Link 1.4.1, queryStringParam); computed once from both files.
const NOT_IN_DLJS_GRAMMAR = new Set(["3906", "3907", "3908", "3909", "3916", "3917", "3918", "3919", "3926", "3927", "3928", "3929", "3936", "3937", "3938", "3939", "3954", "3955", "4309", "4330", "4331", "4332", "4333", "7011", "716", "717", "7240", "7241", "7242", "7250", "7251", "7252", "7253", "7254", "7255", "7256", "7257", "7258", "7259", "8030"]);
// Percent-encodings the grammar's XCHAR/YCHAR list (XSYMBOL, YSYMBOL); any other %XX fails it.
const GRAMMAR_ESCAPES = new Set(["21", "23", "25", "26", "27", "28", "29", "2A", "2B", "2C", "2F", "3A", "3B", "3C", "3D", "3E", "3F"]);

const KNOWN_DISAGREEMENTS = [
  // ---- tracemark rejects, digital-link.js accepts --------------------------------------------
  {
    name: "peer_grammar_skips_query_after_extension_parameter",
    when: "tm_rejects",
    match: (c) => {
      const firstExt = extensionParamOffset(c.uri);
      return firstExt !== null && c.tm.position > firstExt && !runDljs(withoutExtensionParams(c.uri)).ok;
    },
    reason: "In the 1.4.1 ABNF, extensionValue = *( DIGIT / everythingExceptDigitsAndEquals / \"=\" ) and everythingExceptDigitsAndEquals includes '&', so a non-AI parameter (exp=..., foo=...) swallows the rest of the query string. digital-link.js re-encodes the query before validating, with integer-like keys first, so what it fails to check are the AIs with a leading zero (00, 01, 02) written after such a parameter. Without the non-AI parameters digital-link.js rejects the same link (checked here), for the reason tracemark gives.",
  },
  {
    name: "check_digit_not_checked_by_peer",
    when: "tm_rejects",
    match: (c) => c.tm.rule === "incorrect_check_digit" && !(DLJS_CHECK_DIGIT_KEYS.has(c.tm.ai) && c.dl.key === c.tm.ai),
    reason: "digital-link.js checks one check digit: the primary key's, and only for 01, 00, 253, 255, 402, 414, 8003, 8018 (src/checkDigit.js keyCodeToPosition; its ABNF has no check-digit rule). The Syntax Dictionary puts the csum linter on every such component (8006 N14,csum; 417/410-416 N13,csum; 8017 N18,csum; 02 N14,csum ...) and GS1's reference implementation rejects a wrong one.",
  },
  {
    name: "check_pair_not_checked_by_peer",
    when: "tm_rejects",
    match: (c) => c.tm.rule === "incorrect_check_pair",
    reason: "(8013) GMN is 'X..25,csumalpha' in the Syntax Dictionary: the last two characters are a check character pair (GenSpecs 7.9.5); digital-link.js's grammar only has gmn-value = 1*25XCHAR.",
  },
  {
    name: "dates_not_checked_by_peer",
    when: "tm_rejects",
    match: (c) => DATE_TIME_RULES.has(c.tm.rule),
    reason: "Dates and times are N6,yymmd0 / yymmdd / hhmi ... in the Syntax Dictionary (month 01-12, a day that exists, hour 00-23, minute 00-59); digital-link.js's grammar only asks for 6DIGIT / 10DIGIT (e.g. expiryDateValue = 6DIGIT).",
  },
  {
    name: "gcp_prefix_not_checked_by_peer",
    when: "tm_rejects",
    match: (c) => c.tm.rule === "invalid_gcp_prefix",
    reason: "401, 8004, 8010, 8013 carry the gcppos1 linter: the value starts with a GS1 Company Prefix, so with digits; digital-link.js's grammar takes any 1*30XCHAR / 1*30YCHAR.",
  },
  {
    name: "other_linters_not_checked_by_peer",
    when: "tm_rejects",
    match: (c) => OTHER_LINTER_RULES.has(c.tm.rule),
    reason: "Syntax Dictionary linters the ABNF has no equivalent for: 8003 'N1,zero', 8006 'N4,pieceoftotal', 8011 'N..12,nozeroprefix', 422 'N3,iso3166', 4307 'X2,iso3166alpha2', 7252 'N1,iso5218'; digital-link.js checks only the character pattern (3DIGIT, 2XCHAR, 1*12DIGIT ...).",
  },
  {
    name: "ai_associations_not_checked_by_peer",
    when: "tm_rejects",
    match: (c) => c.tm.rule === "required_ais_not_satisfied" || c.tm.rule === "invalid_ai_pairs",
    reason: "The Syntax Dictionary's req=/ex= attributes (e.g. 3103 req=01,02; 3922 req=30,31nn,...; 02 ex=01; 8006 ex=01,37; 8017 ex=8018) apply to the AIs of a Digital Link as to any element strings, and GS1's reference implementation checks them by default; digital-link.js validates each parameter alone against the ABNF.",
  },
  {
    name: "lot_in_query_string",
    when: "tm_rejects",
    match: (c) => c.tm.rule === "ai_should_be_in_path_info" && c.tm.ai === "10",
    reason: "(10) qualifies a GTIN/ITIP key (dlpkey=22,10,21) and belongs in the path: GS1's reference test 'AI in query params that should be in the path info' rejects https://example.com/01/09520123456788?10=ABC123. digital-link.js's grammar still lists LotParameter among the query parameters.",
  },
  {
    name: "ref_no_8020_as_attribute",
    when: "tm_rejects",
    match: (c) => (c.tm.rule === "invalid_dl_data_attribute" || c.tm.rule === "ai_should_be_in_path_info") && c.tm.ai === "8020",
    reason: "(8020) has no '?' (Digital Link data attribute) flag in the Syntax Dictionary: it is only the key qualifier of (415), in the path. digital-link.js's grammar has a refNoParameter for the query.",
  },
  {
    name: "duplicate_query_parameter",
    when: "tm_rejects",
    match: (c) => c.tm.rule === "duplicate_ai",
    reason: "GS1's reference implementation forbids repeated AIs (tests 'Forbid duplicate AIs': ?99=XYZ789&99=XYZ789, and the path key again in the query, ?01=09520123456788); digital-link.js keeps attributes in an object, so a repeated parameter's last value silently wins, and it never compares the query with the path.",
  },
  {
    name: "ai_3944_3945_not_in_dictionary",
    when: "tm_rejects",
    match: (c) => c.tm.rule === "unknown_ai_in_query_params" && (c.tm.ai === "3944" || c.tm.ai === "3945"),
    reason: "The Syntax Dictionary (and GenSpecs 3.8.x) define PRCNT OFF as 3940-3943 only; digital-link.js's grammar lists 3940-3945. An unknown numeric query parameter is an error in GS1's reference ('Non-AI, numeric-only query param').",
  },
  {
    name: "zero_suppressed_gtin_in_path",
    when: "tm_rejects",
    match: (c) => {
      if (c.tm.rule !== "ai_value_is_too_short" || c.tm.ai !== "01") return false;
      const v = pathValues(c).findLast(([ai]) => ai === "01")?.[1] ?? "";
      if (![8, 12, 13].includes(v.length)) return false;
      const again = runTracemark(c.uri, true); // the opt-in must then agree with the peer's padding
      return again.ok && sameAis(again.ais, c.dl.ais);
    },
    reason: "GS1 Digital Link: 'GTIN-8, GTIN-12 and GTIN-13 SHALL be expressed as 14 digits' (the peer's own grammar: gtin-value = 14DIGIT); GS1's reference rejects them by default ('GTIN-13 rejected when zero-suppressed GTINs not permitted'). digital-link.js pads before it validates. tracemark pads too when asked (zeroSuppressedGtin = true), and then agrees, as checked here.",
  },
  {
    name: "trailing_slash",
    when: "tm_rejects",
    match: (c) => c.tm.rule === "uri_ends_with_slash",
    reason: "GS1's reference test 'Can't end in slash' (https://a/stem/00/006141411234567890/) and the ABNF (gs1path ends with a value) reject it; digital-link.js drops empty path segments before it validates.",
  },
  {
    name: "empty_path_segment",
    when: "tm_rejects",
    match: (c) => c.parts?.path.includes("//") && ["no_primary_key", "invalid_key_qualifier_sequence", "ai_value_is_too_short"].includes(c.tm.rule),
    reason: "A Digital Link path is /AI/value pairs; '/01//09506000134352' has an empty segment, so no such pair (no gs1path in the ABNF matches it). digital-link.js drops empty segments (split('/').filter(p => p.length)) before it validates.",
  },
  {
    name: "domain_characters",
    when: "tm_rejects",
    match: (c) => c.tm.rule === "domain_contains_illegal_characters" || c.tm.rule === "uri_missing_domain",
    reason: "GS1's reference implementation refuses an empty domain (test 'No domain', http:///) and the characters _~?#@!$&'()*+,;=% in a domain (badDomainCharacters; tests 'Bad character in domain', https://$a/...): a Digital Link's domain is a DNS name (letters, digits, hyphens, dots) or an IP address. digital-link.js's grammar takes RFC 3986's generic reg-name (any unreserved, sub-delims, pct-encoded, even empty).",
  },
  {
    name: "valueless_numeric_parameter",
    when: "tm_rejects",
    match: (c) => c.tm.rule === "ai_data_is_empty" && queryParams(c.parts).some((q) => q.name === c.tm.ai && q.raw === null),
    reason: "'?99' with no '=' is neither an AI parameter (internalParameter = internalCode \"=\" internalValue) nor an extensionParameter (its key needs a non-digit) in the Digital Link ABNF. digital-link.js stores the value undefined and then validates the string '99=undefined', i.e. reads (99) as 'undefined'. (GS1's reference skips such a parameter as non-AI data; tracemark refuses it, as the ABNF does.)",
  },
  {
    name: "raw_double_quote",
    when: "tm_rejects",
    match: (c) => c.tm.rule === "uri_contains_illegal_characters" && c.uri.includes('"'),
    reason: "'\"' is not a URI character (RFC 3986 section 2; it is not in GS1's reference uriCharacters either), so it must be sent as %22, which tracemark accepts. digital-link.js's grammar lists DoubleQuote literally in XCHAR.",
  },
  // ---- tracemark accepts, digital-link.js rejects --------------------------------------------
  {
    name: "attribute_newer_than_peer_grammar",
    when: "tm_accepts",
    match: (c) => c.tm.attributes.some(([ai]) => NOT_IN_DLJS_GRAMMAR.has(ai)),
    reason: "These AIs are Digital Link data attributes ('?' flag) in the current Syntax Dictionary (7011, 716, 717, 7240-7259, 4330-4333, 3954-3955, 3906-3909, 8030 ...) but were defined after the 1.4.1 grammar digital-link.js ships.",
  },
  {
    name: "qualifier_path_unreachable_in_peer",
    when: "tm_accepts",
    match: (c) => c.tm.qualifiers.some(([ai]) => ai === "235" || ai === "7040"),
    reason: "dlpkey=22,10,21|235 (01), 254|7040 (414), 7040 (417, 8004) in the Syntax Dictionary, and GS1's reference accepts https://id.gs1.org/01/09520123456788/235/XYZ. digital-link.js's ABNF is run as an ordered choice, so gs1path's gtin-path/gln-path/... match first and upui-path, fid-path, eoid-path, mid-path are never tried.",
  },
  {
    name: "key_415_unknown_to_peer",
    when: "tm_accepts",
    match: (c) => c.tm.key[0] === "415",
    reason: "(415) is a primary key with qualifier (8020) in the Syntax Dictionary (dlpkey=8020) and in the peer's own grammar (payTo-code), but not in its gs1path nor in its list of identifier codes, so it throws 'Must contain at least the identifier'.",
  },
  {
    name: "ipv6_host",
    when: "tm_accepts",
    match: (c) => c.parts?.host.startsWith("["),
    reason: "An IP-literal host is allowed (RFC 3986 3.2.2; GS1 reference test 'IPv6' accepts https://[2001:db8::1]/01/12312312312333). digital-link.js's grammar has IPv6address, but apg runs repetitions greedily without backtracking, so [ *6( h16 \":\" ) h16 ] \"::\" ... cannot match 2001:db8::1.",
  },
  {
    name: "upper_case_scheme",
    when: "tm_accepts",
    match: (c) => c.parts?.scheme === "HTTP" || c.parts?.scheme === "HTTPS",
    reason: "Schemes are case-insensitive (RFC 3986 section 3.1); GS1's reference accepts HTTP:// and HTTPS:// (tests 'HTTP', 'HTTPS'). digital-link.js throws 'String input must contain http(s) protocol'.",
  },
  {
    name: "id_gs1_org_other_stem",
    when: "tm_accepts",
    match: (c) => c.uri.includes("id.gs1.org") && !c.uri.startsWith("https://id.gs1.org/"),
    reason: "Any http(s) stem is allowed (customURIstem = scheme '://' hostname); digital-link.js switches to the start rule referenceGS1webURI, literally \"https://id.gs1.org\", whenever the text contains id.gs1.org, so http://id.gs1.org/... fails.",
  },
  {
    name: "custom_path_strip_bug",
    when: "tm_accepts",
    match: (c) => c.dl.stripBug === true,
    reason: "A custom path before the primary key is allowed (GS1 reference tests 'Custom stem'), and digital-link.js accepts it too, except that its removeCustomPath() deletes the first occurrence of the custom path text anywhere in the URI: '/b' is found in 'https://brand.example/b/...' at '//brand'. With the path cut where it is, its own grammar accepts the link (checked here).",
  },
  {
    name: "fragment",
    when: "tm_accepts",
    match: (c) => c.parts?.fragment != null,
    reason: "A fragment is not part of the identifier (RFC 3986 section 3.5); GS1's reference ignores it (tests 'Ignore fragment after path info/query info'). digital-link.js keeps '#...' glued to the last value.",
  },
  {
    name: "empty_query_parameters",
    when: ["tm_accepts", "values_differ"],
    match: (c) => c.parts?.query != null && c.parts.query.split("&").some((s) => s === "") && sameAis(c.tm.ais, c.dl.ais ?? c.tm.ais),
    reason: "GS1's reference accepts an empty query and stray separators (tests 'Empty query params' https://a/stem/00/006141411234567890? and 'Extraneous query param separators' ?&&&99=ABC&&&&&&98=XYZ&&&) and they carry nothing. digital-link.js turns the empty parameter into a parameter named '' ('=undefined'), which its grammar rejects, unless an extension parameter before it swallows it (then it reports the extra '' parameter).",
  },
  {
    name: "empty_parameter_name",
    when: "tm_accepts",
    match: (c) => queryParams(c.parts).some((q) => q.name === "" && q.raw !== null),
    reason: "A parameter with an empty name ('?=abc') is not an AI, so tracemark keeps it among the other (ignored) parameters, as the GS1 reference version it follows does (dl.c: gs1_allDigits(p, 0) measures the whole rest of the string, finds the '=', and the parameter is skipped as non-numeric). digital-link.js validates '=abc' against extensionParameter, whose key needs a character. (The strict ABNF has no such parameter either; it carries no GS1 data.)",
  },
  {
    name: "bad_percent_escape_kept_literally",
    when: "tm_accepts",
    match: (c) => /%(?![0-9A-Fa-f]{2})/.test(c.uri) && c.dl.threw === "URI malformed",
    reason: "GS1's reference implementation (dl.c URIunescape, unit tests 'ABC%2' -> 'ABC%2' and 'ABCD%' -> 'ABCD%') decodes only '%' followed by two hex digits and keeps any other '%' literally, and '%' is a CSET 82 character, so the value is read exactly as GS1's implementation reads it. digital-link.js does not reach a verdict: decodeURIComponent throws 'URI malformed' in its compressed-URI sniffing. (Strict RFC 3986 would call the URI malformed; tracemark follows GS1's reference here.)",
  },
  {
    name: "percent_encoding_outside_peer_grammar",
    when: "tm_accepts",
    match: (c) => [...c.uri.matchAll(/%([0-9A-Fa-f]{2})/g)].some((m) => !GRAMMAR_ESCAPES.has(m[1].toUpperCase())),
    reason: "Any character may be percent-encoded (RFC 3986 2.1; %41 and A are equivalent, 2.3/6.2.2.2), and '\"' has to be (%22); GS1's reference decodes every %XX (its test 'Percent escaped values' has ABC%2d123). digital-link.js's grammar accepts only the 16 escapes it lists in XSYMBOL/YSYMBOL.",
  },
  {
    name: "raw_reserved_characters_in_values",
    when: "tm_accepts",
    match: (c) => rawValues(c).some((v) => /[!'()*+,;:=&/?@]/.test(v)),
    reason: "RFC 3986 allows sub-delims, ':' and '@' raw in a path segment (pchar) and also '/' and '?' in a query; GS1's reference takes them as themselves (test '\"+\" means \"+\" in path info': /22/ABC+123 is (22)ABC+123). Its ABNF's percent-encoded XSYMBOLs are what an encoder writes; digital-link.js requires them of the reader too.",
  },
  {
    name: "gtin13_attribute_padded",
    when: ["tm_accepts", "values_differ"],
    match: (c) => queryParams(c.parts).some((q) => q.name === "01" && /^(\d{8}|\d{12}|\d{13})$/.test(q.raw ?? "")),
    reason: "GS1's reference pads a GTIN-8/12/13 given as the (01) data attribute (test https://example.com/8004/9520614141234567?01=9520123456788 gives (01)09520123456788); digital-link.js's gtinParameter is '01=' 14DIGIT.",
  },
  // ---- both accept, different AIs ------------------------------------------------------------
  {
    name: "equals_sign_in_query_value",
    when: "values_differ",
    match: (c) => queryParams(c.parts).some((q) => /^\d+$/.test(q.name) && (q.raw ?? "").includes("=")),
    reason: "A query parameter is split at its first '=' (RFC 3986 leaves '=' in the value; GS1's reference splits there), so ?99=AB=Q is (99)AB=Q. digital-link.js does pair.split('=') and keeps only 'AB', which it then validates.",
  },
];

// ---------------------------------------------------------------------------------------------
// Running and classifying
// ---------------------------------------------------------------------------------------------

/** The non-AI parameter names (linkType, ...), as sets: digital-link.js keeps one of repeated names. */
const sameNames = (a, b) => [...new Set(a)].sort().join("&") === [...new Set(b)].sort().join("&");
function sameAis(a, b) {
  const norm = (x) => x.map(([ai, v]) => `${ai}\u0000${v}`).sort().join("\u0001");
  return norm(a) === norm(b);
}

let memo;
function results() {
  if (memo) return memo;
  const started = Date.now();
  const corpus = [...generate(GENERATED), ...GS1_CASES.map(([uri, ok]) => ({ uri, tag: "gs1_reference_case", expect: ok, ais: null }))];
  const counts = Object.fromEntries(KNOWN_DISAGREEMENTS.map((k) => [k.name, 0]));
  const examples = Object.fromEntries(KNOWN_DISAGREEMENTS.map((k) => [k.name, []]));
  const unmatched = [];
  const expectationFailures = [];
  let agreements = 0, bothAccept = 0, bothReject = 0, isValidOnlyByCdTable = 0;
  const tags = {};
  for (const item of corpus) {
    const c = { uri: item.uri, parts: splitUri(item.uri), tm: runTracemark(item.uri), dl: runDljs(item.uri) };
    tags[item.tag] = (tags[item.tag] ?? 0) + 1;
    if (c.dl.ok && !c.dl.isValid) isValidOnlyByCdTable++;
    // tracemark against the generator's (dictionary-derived) expectation
    if (item.expect !== undefined && item.expect !== null) {
      const bad = c.tm.ok !== item.expect || (item.expect && item.ais && !sameAis(c.tm.ais, item.ais)) || (!item.expect && item.rule && c.tm.rule !== item.rule);
      if (bad) expectationFailures.push({ tag: item.tag, uri: item.uri, expected: item.expect ? item.ais ?? "accept" : `reject${item.rule ? ` (${item.rule})` : ""}`, tracemark: c.tm.ok ? c.tm.ais : c.tm.rule });
    }
    let kind;
    if (c.tm.ok && c.dl.ok) {
      bothAccept++;
      if (sameAis(c.tm.ais, c.dl.ais) && sameNames(c.tm.others, c.dl.others)) {
        agreements++;
        continue;
      }
      kind = "values_differ";
    } else if (!c.tm.ok && !c.dl.ok) {
      bothReject++;
      agreements++;
      continue;
    } else kind = c.tm.ok ? "tm_accepts" : "tm_rejects";
    const known = KNOWN_DISAGREEMENTS.find((k) => [].concat(k.when).includes(kind) && k.match(c));
    if (known) {
      counts[known.name]++;
      if (examples[known.name].length < 2) examples[known.name].push(c.uri);
    } else {
      unmatched.push({ kind, tag: item.tag, uri: c.uri, tracemark: c.tm.ok ? c.tm.ais : `${c.tm.rule}${c.tm.ai ? ` (${c.tm.ai})` : ""}`, digitalLinkJs: c.dl.ok ? c.dl.ais : c.dl.threw ?? `invalid (grammar ${c.dl.grammarOk}, check digit ${c.dl.cd})` });
    }
  }
  memo = { corpus, counts, examples, unmatched, expectationFailures, agreements, bothAccept, bothReject, isValidOnlyByCdTable, tags, ms: Date.now() - started };
  return memo;
}

function summary(r) {
  const rows = [
    ["inputs (generated + GS1 reference cases)", r.corpus.length],
    ["agreements", r.agreements],
    ["  both accept, same AIs", r.agreements - r.bothReject],
    ["  both reject", r.bothReject],
    ...KNOWN_DISAGREEMENTS.map((k) => [`known: ${k.name} (${k.when})`, r.counts[k.name]]),
    ["UNEXPLAINED disagreements", r.unmatched.length],
    ["tracemark vs generator expectation failures", r.expectationFailures.length],
    ["(peer isValid() false only for lack of a check-digit table entry)", r.isValidOnlyByCdTable],
    ["seconds", (r.ms / 1000).toFixed(1)],
  ];
  const w = Math.max(...rows.map(([a]) => a.length));
  console.log(`\nGS1 Digital Link differential: tracemark vs digital-link.js ${DLJS_VERSION}, seed ${SEED}`);
  for (const [a, b] of rows) console.log(`  ${a.padEnd(w)}  ${String(b).padStart(6)}`);
  console.log(`  inputs per generator tag: ${Object.entries(r.tags).map(([t, n]) => `${t}=${n}`).join(", ")}`);
  if (VERBOSE) for (const k of KNOWN_DISAGREEMENTS) if (r.examples[k.name].length) console.log(`  e.g. ${k.name}: ${r.examples[k.name].join("  ")}`);
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

test("digital-link.js is the release the known disagreements were written for", () => {
  assert.match(DLJS_VERSION, /^1\.4\./, `digital-link.js ${DLJS_VERSION}: review KNOWN_DISAGREEMENTS for this release`);
});

test("the generator's check digit and check pair follow the GS1 General Specifications", () => {
  assert.equal(checkDigit("0950600013435"), "2"); // GTIN 09506000134352
  assert.equal(checkDigit("00614141123456789"), "0"); // SSCC 006141411234567890
  assert.equal(checkPair("1987654Ad4X4bL5ttr2310c"), "2K"); // GMN example, GenSpecs 7.9.5
});

test("tracemark and digital-link.js agree on generated Digital Link URIs, or disagree for a listed reason", () => {
  const r = results();
  summary(r);
  assert.ok(r.corpus.length >= 3000, `only ${r.corpus.length} inputs`);
  assert.ok(r.agreements >= r.corpus.length / 2, `only ${r.agreements} agreements`);
  assert.ok(r.bothAccept > 500 && r.bothReject > 500, `both accept ${r.bothAccept}, both reject ${r.bothReject}`);
  if (r.unmatched.length) {
    const byKind = {};
    for (const u of r.unmatched) (byKind[`${u.kind}/${u.tag}`] ??= []).push(u);
    const lines = Object.entries(byKind).map(([k, us]) => `${k}: ${us.length}\n${us.slice(0, VERBOSE ? 1e9 : 3).map((u) => "    " + JSON.stringify(u)).join("\n")}`);
    assert.fail(`${r.unmatched.length} disagreements match no KNOWN_DISAGREEMENTS entry:\n${lines.join("\n")}`);
  }
});

test("every known disagreement category occurs in the corpus", () => {
  const r = results();
  const missing = KNOWN_DISAGREEMENTS.filter((k) => r.counts[k.name] === 0).map((k) => k.name);
  assert.deepEqual(missing, [], `categories that never occur (drop them or generate their inputs): ${missing.join(", ")}`);
});

test("tracemark gives the verdict the generator expects (valid URIs accepted with their AIs, mutations rejected)", () => {
  const r = results();
  if (r.expectationFailures.length) {
    const byTag = {};
    for (const f of r.expectationFailures) (byTag[f.tag] ??= []).push(f);
    const lines = Object.entries(byTag).map(([t, fs]) => `${t}: ${fs.length}\n${fs.slice(0, VERBOSE ? 1e9 : 3).map((f) => "    " + JSON.stringify(f)).join("\n")}`);
    assert.fail(`${r.expectationFailures.length} URIs where tracemark's verdict is not the generator's:\n${lines.join("\n")}`);
  }
});

test("the differential run stays fast", () => {
  assert.ok(results().ms < 45_000, `took ${results().ms} ms`);
});
