// Runs the shared suite with Node's test runner against the installed package.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import * as tm from "tracemark";
import { defineTests } from "./suite.mjs";

const dir = process.env.TRACEMARK_VECTORS;
const vectors = Object.fromEntries(
  ["records.json", "trust.json", "chains.json", "malformed.json"].map((n) => [n, JSON.parse(readFileSync(`${dir}/${n}`, "utf8"))]),
);
defineTests(test, assert, tm, vectors);
