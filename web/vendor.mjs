// Copies the browser's npm modules from web/node_modules (installed by `npm ci` from the committed
// package-lock.json) into web/public/vendor, which the server serves: jose's WebCrypto build (ES
// modules, sealing bids and checking receipts) and Apache ECharts' ES module (the charts). Copies,
// not links: the server serves no file outside its web root. Run by scripts/test and scripts/demo.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const web = path.dirname(fileURLToPath(import.meta.url));
const vendor = path.join(web, 'public/vendor');
rmSync(vendor, { recursive: true, force: true });
mkdirSync(vendor, { recursive: true });
cpSync(path.join(web, 'node_modules/jose/dist/webapi'), path.join(vendor, 'jose'), {
  recursive: true,
  filter: (src) => !src.endsWith('.map') && !src.endsWith('.d.ts'),
});
cpSync(path.join(web, 'node_modules/echarts/dist/echarts.esm.min.js'), path.join(vendor, 'echarts.esm.min.js'));
console.log(`web/public/vendor: jose, echarts`);
