/**
 * Writes resources/icon.png, the app icon electron-builder turns into .icns, .ico and Linux sizes:
 * a 1024×1024 rounded square with a rising bar chart (a placeholder until a designed icon exists).
 * Run: npx tsx scripts/packaging/make-icon.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const SIZE = 1024;

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** RGBA of one pixel: transparent outside the rounded square, a teal gradient inside, white bars. */
function pixel(x: number, y: number): [number, number, number, number] {
  const margin = 64;
  const radius = 180;
  const inside = (px: number, py: number): boolean => {
    const cx = Math.min(Math.max(px, margin + radius), SIZE - margin - radius);
    const cy = Math.min(Math.max(py, margin + radius), SIZE - margin - radius);
    return (px - cx) ** 2 + (py - cy) ** 2 <= radius ** 2;
  };
  if (!inside(x, y)) return [0, 0, 0, 0];
  const bars = [0.35, 0.55, 0.8];
  for (const [i, height] of bars.entries()) {
    const left = 260 + i * 180;
    const bottom = 780;
    if (x >= left && x < left + 120 && y <= bottom && y >= bottom - height * 560) return [255, 255, 255, 255];
  }
  const t = y / SIZE;
  return [Math.round(16 + 20 * t), Math.round(148 - 60 * t), Math.round(136 + 40 * t), 255];
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  const row = y * (SIZE * 4 + 1);
  for (let x = 0; x < SIZE; x++) raw.set(pixel(x, y), row + 1 + x * 4);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const target = join(__dirname, '../../resources/icon.png');
writeFileSync(target, png);
console.log(`wrote ${target} (${SIZE}×${SIZE}, ${png.length} bytes)`);
