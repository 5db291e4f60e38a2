// Turns oui-data's index.json (IEEE MA-L, MA-M and MA-S registries) into the compact table the sensor embeds:
// gzip'd text, one line per assignment, sorted: hex prefix (6, 7 or 9 digits) TAB vendor name.
// The vendor name is the first line of oui-data's value (organisation; the postal address lines are dropped),
// with whitespace collapsed and a trailing comma removed.
// Usage: node generate.mjs <path to oui-data/index.json> <oui-data version> <output .tsv.gz>
import {readFileSync, writeFileSync} from "node:fs";
import {gzipSync} from "node:zlib";

const [input, version, output] = process.argv.slice(2);
if (!input || !version || !output) {
  console.error("usage: node generate.mjs index.json version out.tsv.gz");
  process.exit(2);
}

const data = JSON.parse(readFileSync(input, "utf8"));
const rows = [];
for (const [prefix, value] of Object.entries(data)) {
  if (!/^[0-9A-F]{6}$|^[0-9A-F]{7}$|^[0-9A-F]{9}$/.test(prefix)) {
    throw new Error(`unexpected key ${prefix}`);
  }
  const name = String(value).split("\n")[0].replace(/[\t\r]/g, " ").replace(/\s+/g, " ").trim().replace(/,$/, "").trim();
  if (name.length === 0) {
    continue;
  }
  rows.push([prefix, name]);
}

// Sort by prefix length, then by prefix: the loader reads three sorted runs.
rows.sort((a, b) => a[0].length - b[0].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
const header = `# IEEE OUI assignments (MA-L 6, MA-M 7, MA-S 9 hex digits) from the npm package oui-data ${version} (BSD-2-Clause); regenerate with tools/oui/generate.sh\n`;
const text = header + rows.map(r => `${r[0]}\t${r[1]}\n`).join("");
// mtime 0 in the gzip header keeps the output byte-identical across runs.
writeFileSync(output, gzipSync(Buffer.from(text, "utf8"), {level: 9}));
console.log(`${rows.length} prefixes, ${new Set(rows.map(r => r[1])).size} vendor names -> ${output}`);
