'use strict';
// Screen names given on the command line against a list file:
//   node examples/screen_names.js data/sample-list.csv "Ch'en Ch'üan-kuo" "Zhang Quanguo"
const nomen = require('..');

const [list, ...names] = process.argv.slice(2);
if (!list || names.length === 0) {
  console.error('usage: screen_names.js LIST NAME...');
  process.exit(2);
}
let index;
const b = new nomen.Builder();
try {
  index = b.addPath(list).build();
} catch (e) {
  console.error(`error: ${e.message}`);
  process.exit(2);
} finally {
  b.close();
}
const m = index.matcher({ explain: true });
for (const name of names) {
  const hits = m.screen(name);
  if (hits.length === 0) console.log(`${name}: no hit`);
  for (const h of hits) {
    console.log(`${name}: ${h.entityId} ${h.name} (${h.list}, ${h.programs.join(', ')}) ` +
      `score ${h.score.toFixed(3)}, matched ${h.explanation.matched_name}`);
  }
}
m.close();
index.close();
