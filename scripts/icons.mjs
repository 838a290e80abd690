// Draws the app's icons into web/icons/ (committed; run again only to change them): a white
// five-pointed star on the app's accent red (web/style.css --accent), as an SVG and as PNGs for
// the web app manifest and for iOS's home screen. One geometry for all, no dependency: the PNGs
// are rasterised here (4×4 samples a pixel) and written with Node's zlib.
//
// Usage: node scripts/icons.mjs
//   icon.svg              rounded square, any size (also the page's favicon)
//   icon-192.png, -512    rounded square, transparent corners (manifest, purpose "any")
//   maskable-512.png      full bleed, the star inside the safe zone's circle (purpose "maskable")
//   apple-touch-icon.png  180×180, full bleed (iOS rounds the corners itself)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '../web/icons');
const RED = [0xc8, 0x10, 0x2e];
const WHITE = [0xff, 0xff, 0xff];
const BOX = 512;
const CORNER = 96;
// The star's outer radius, and its centre a little low so that it looks centred (its points
// reach R above the centre, 0.81 R below); the maskable safe zone is a circle of radius 0.4 BOX.
const R = 172;
const CX = 256;
const CY = 256 + Math.round(R * (1 - Math.cos(Math.PI / 5)) / 2);

/** The star's ten corners in a BOX-sized square, from the top point clockwise. */
function star() {
  const inner = R * Math.sin(Math.PI / 10) / Math.sin(7 * Math.PI / 10);
  return Array.from({ length: 10 }, (_, k) => {
    const radius = k % 2 ? inner : R;
    const angle = -Math.PI / 2 + k * Math.PI / 5;
    return [CX + radius * Math.cos(angle), CY + radius * Math.sin(angle)];
  });
}
const STAR = star();

function inStar(x, y) {
  let inside = false;
  for (let i = 0, j = STAR.length - 1; i < STAR.length; j = i++) {
    const [xi, yi] = STAR[i];
    const [xj, yj] = STAR[j];
    if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inRounded(x, y) {
  const dx = Math.max(CORNER - x, 0, x - (BOX - CORNER));
  const dy = Math.max(CORNER - y, 0, y - (BOX - CORNER));
  return dx * dx + dy * dy <= CORNER * CORNER;
}

const round1 = (v) => Math.round(v * 10) / 10;

function svg() {
  const points = STAR.map(([x, y]) => `${round1(x)},${round1(y)}`).join(' ');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${BOX} ${BOX}">`
    + `<rect width="${BOX}" height="${BOX}" rx="${CORNER}" fill="#c8102e"/>`
    + `<polygon points="${points}" fill="#fff"/></svg>\n`;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A PNG of `size` pixels square (RGBA, 8 bits), `rounded` or full bleed. */
function png(size, rounded) {
  const S = 4;
  const scale = BOX / size;
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0: none
    for (let px = 0; px < size; px++) {
      let shape = 0;
      let white = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const x = (px + (sx + 0.5) / S) * scale;
          const y = (py + (sy + 0.5) / S) * scale;
          if (!rounded || inRounded(x, y)) shape++;
          if (inStar(x, y)) white++;
        }
      }
      const t = white / (S * S);
      const o = 1 + px * 4;
      for (let c = 0; c < 3; c++) row[o + c] = Math.round(RED[c] + (WHITE[c] - RED[c]) * t);
      row[o + 3] = Math.round(255 * shape / (S * S));
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'icon.svg'), svg());
writeFileSync(join(OUT, 'icon-192.png'), png(192, true));
writeFileSync(join(OUT, 'icon-512.png'), png(512, true));
writeFileSync(join(OUT, 'maskable-512.png'), png(512, false));
writeFileSync(join(OUT, 'apple-touch-icon.png'), png(180, false));
console.log(`icons written to ${OUT}`);
