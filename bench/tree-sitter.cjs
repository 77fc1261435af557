/**
 * The reference of the performance budget: a native tree-sitter-hcl parse of the same files
 * (parse only, in process). Optional: prints nothing but a hint when tree-sitter is not installed
 * (npm i --no-save tree-sitter@0.25 @tree-sitter-grammars/tree-sitter-hcl@1.2.0).
 */
const fs = require('node:fs');
let Parser, HCL;
try {
  Parser = require('tree-sitter');
  HCL = require('@tree-sitter-grammars/tree-sitter-hcl');
} catch {
  process.stdout.write(JSON.stringify({ missing: true }));
  process.exit(0);
}
const dir = process.argv[2];
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.tf')).map((f) => fs.readFileSync(`${dir}/${f}`, 'utf8'));
const t0 = process.hrtime.bigint();
const p = new Parser();
p.setLanguage(HCL.hcl ?? HCL);
for (const t of files) p.parse(t);
process.stdout.write(JSON.stringify({ ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
