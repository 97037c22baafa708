import { itemFromFolder, ITEMS_22, ITEMS_21 } from './tests/support/qti.ts';
import { readdirSync } from 'node:fs';
for (const [dir, list] of [[ITEMS_22, readdirSync(ITEMS_22).filter(f => f.endsWith('.xml'))], [ITEMS_21, readdirSync(ITEMS_21)]] as const) for (const f of list) {
  const { item, issues } = itemFromFolder(dir, f);
  console.log('==', f, 'max', item?.maxScore, 'E', issues.errors, 'W', issues.warnings.map(w => w.slice(0, 160)));
  for (const p of item?.parts ?? []) { const { prompt, body, choices, targets, image, ...rest } = p; console.log('  ', JSON.stringify({ ...rest, choices: choices?.map(c => c.id), targets: targets?.map(c => c.id), image: image && { ...image, src: image.src.slice(0, 30) } }).slice(0, 600)); if (body) console.log('   body:', body.slice(0, 300)); }
  if (item?.scheme) console.log('  scheme', item.scheme.slice(0, 100));
  console.log('  stem', item?.stem.replace(/data:[^"]*/g, 'DATA').replace(/\s+/g, ' ').slice(0, 300));
}
