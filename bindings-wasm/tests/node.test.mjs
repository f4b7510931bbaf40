// Runs the shared suite with Node's test runner against the installed package.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import * as full from "tracemark";
import * as lite from "tracemark/lite";
import { defineTests } from "./suite.mjs";

const dir = process.env.TRACEMARK_VECTORS;
const vectors = Object.fromEntries(
  ["records.json", "trust.json", "chains.json", "malformed.json", "keys.json"].map((n) => [n, JSON.parse(readFileSync(`${dir}/${n}`, "utf8"))]),
);
defineTests(test, assert, full, vectors, true);
defineTests((name, fn) => test(`lite: ${name}`, fn), assert, lite, vectors, false);
test("one set of error classes for both entries", () => {
  assert.equal(full.TracemarkError, lite.TracemarkError);
  assert.equal(full.DecodeError, lite.DecodeError);
});
