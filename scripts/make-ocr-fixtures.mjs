// Renders the OCR test fixtures (test/fixtures/ocr/) from the seed texts. Run once by hand; the
// outputs are committed (they are small), so tests never need fonts or a canvas.
//   apt-get install -y fonts-wqy-zenhei
//   npm i --no-save @napi-rs/canvas   (or CANVAS_FROM=/path/to/a/folder/with/node_modules/)
//   node scripts/make-ocr-fixtures.mjs
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(process.env.CANVAS_FROM ?? import.meta.url);
const { createCanvas, GlobalFonts } = require('@napi-rs/canvas');
GlobalFonts.registerFromPath('/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', 'ZenHei');

const OUT = 'test/fixtures/ocr';
const WIDTH = 1240; // A4 at 150 dpi
const HEIGHT = 1754;
const MARGIN = 110;
const FONT = 30;
const LEADING = 50;
const PER_LINE = Math.floor((WIDTH - 2 * MARGIN) / FONT);

/** Seed paragraphs without the PDF's stray spaces between Han characters. */
function paragraphs(file) {
  return readFileSync(file, 'utf8')
    .split(/\n\s*\n/)
    .map((text) => text.replace(/\s+/g, ' ').replace(/(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])/g, '').replace(/^- /, '').trim())
    .map(fullWidth)
    .filter((text) => text !== '');
}

/** Government documents set Chinese punctuation full-width; the seed's PDF text lost that. */
function fullWidth(text) {
  let open = true;
  return text
    .replace(/,/g, '，').replace(/:/g, '：').replace(/;/g, '；').replace(/\(/g, '（').replace(/\)/g, '）')
    .replace(/"/g, () => ((open = !open) ? '”' : '“'));
}

const isHeading = (text) => /^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])/.test(text) && text.length < 30;

/** Lays paragraphs out as a government page: centred title lines, indented body, headings flush. */
function layout(list, maxRows) {
  const rows = [];
  for (const text of list) {
    const centred = rows.length < 3 && text.length <= PER_LINE;
    const indent = centred || isHeading(text) ? 0 : 2;
    let rest = text;
    let first = true;
    while (rest !== '') {
      const room = PER_LINE - (first ? indent : 0);
      rows.push({ text: rest.slice(0, room), indent: first ? indent : 0, centred });
      rest = rest.slice(room);
      first = false;
    }
    if (rows.length >= maxRows) break;
  }
  return rows.slice(0, maxRows);
}

function render(rows, degrade) {
  const canvas = createCanvas(WIDTH, HEIGHT);
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, WIDTH, HEIGHT);
  if (degrade) {
    context.translate(WIDTH / 2, HEIGHT / 2);
    context.rotate((1 * Math.PI) / 180);
    context.translate(-WIDTH / 2, -HEIGHT / 2);
  }
  context.fillStyle = '#111';
  context.font = `${FONT}px ZenHei`;
  rows.forEach((row, index) => {
    const width = [...row.text].length * FONT;
    const x = row.centred ? (WIDTH - width) / 2 : MARGIN + row.indent * FONT;
    context.fillText(row.text, x, MARGIN + FONT + index * LEADING);
  });
  if (degrade) {
    context.setTransform(1, 0, 0, 1, 0, 0);
    const image = context.getImageData(0, 0, WIDTH, HEIGHT);
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let index = 0; index < image.data.length; index += 4) {
      const noise = random() < 0.004 ? (random() - 0.5) * 400 : 0;
      for (let channel = 0; channel < 3; channel += 1) image.data[index + channel] = Math.max(0, Math.min(255, image.data[index + channel] + noise));
    }
    context.putImageData(image, 0, 0);
  }
  return canvas;
}

/** The ground truth of a page: its rows joined, as the accuracy test compares them. */
const truth = (rows) => rows.map((row) => row.text).join('\n');

/** A minimal PDF whose pages are only JPEG images (no text layer), as a scanner writes them. */
function imagePdf(jpegs) {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', ''];
  const kids = [];
  for (const jpeg of jpegs) {
    const image = objects.length + 1;
    objects.push({ dict: `<< /Type /XObject /Subtype /Image /Width ${WIDTH} /Height ${HEIGHT} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>`, data: jpeg });
    const draw = Buffer.from(`q 595 0 0 842 0 0 cm /Im0 Do Q`);
    objects.push({ dict: `<< /Length ${draw.length} >>`, data: draw });
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 ${image} 0 R >> >> /Contents ${image + 1} 0 R >>`);
    kids.push(`${image + 2} 0 R`);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${jpegs.length} >>`;
  const parts = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets = [];
  let length = parts[0].length;
  objects.forEach((object, index) => {
    offsets.push(length);
    const body = typeof object === 'string'
      ? Buffer.from(`${index + 1} 0 obj\n${object}\nendobj\n`)
      : Buffer.concat([Buffer.from(`${index + 1} 0 obj\n${object.dict}\nstream\n`), object.data, Buffer.from('\nendstream\nendobj\n')]);
    parts.push(body);
    length += body.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`));
  return Buffer.concat(parts);
}

mkdirSync(OUT, { recursive: true });
const seed = paragraphs('../shared/seeds/001_98514965c77a636e.txt');
const ROWS = 14;
const pages = [layout(seed.slice(0, 7), ROWS), layout(seed.slice(7, 11), ROWS), layout(seed.slice(11, 16), ROWS)];
const jpegs = pages.map((rows, index) => render(rows, index === 2).encodeSync('jpeg', index === 2 ? 60 : 75));
writeFileSync(`${OUT}/scan-3-pages.pdf`, imagePdf(jpegs));
writeFileSync(`${OUT}/scan-3-pages.truth.json`, JSON.stringify(pages.map(truth), null, 1));
const photoRows = layout(paragraphs('../shared/seeds/003_da054ad6df8bf140.txt').slice(0, 6), ROWS);
writeFileSync(`${OUT}/notice-photo.jpg`, render(photoRows, true).encodeSync('jpeg', 60));
writeFileSync(`${OUT}/notice-photo.truth.json`, JSON.stringify([truth(photoRows)], null, 1));
// A scanned table (row per line, ruled), as 附件 tables in policy documents are printed.
const TABLE = [
  ['序号', '空间名称', '运营主体', '总面积（平方米）'],
  ['1', '頔塘青创社区', '南浔区人才产业集团', '15000'],
  ['2', '长三角高层次人才科创基地', '南浔区人才产业集团', '147100'],
  ['3', '窑里青在空间', '湖州市水漾窑里乡村有限发展公司', '6469'],
  ['4', '含山未来合创谷', '杭州向村乡创科技有限公司', '4400'],
];
const COLUMNS = [90, 370, 460, 220];
const table = createCanvas(1240, 560);
const tableContext = table.getContext('2d');
tableContext.fillStyle = '#fff';
tableContext.fillRect(0, 0, 1240, 560);
tableContext.fillStyle = '#111';
tableContext.strokeStyle = '#111';
tableContext.font = '30px ZenHei';
tableContext.fillText('附件1', 50, 60);
tableContext.fillText('全区建设培育青创空间汇总表', 420, 120);
tableContext.font = '24px ZenHei';
TABLE.forEach((row, rowIndex) => {
  const top = 160 + rowIndex * 70;
  let left = 50;
  row.forEach((cell, column) => {
    tableContext.strokeRect(left, top, COLUMNS[column], 70);
    tableContext.fillText(cell, left + 12, top + 45);
    left += COLUMNS[column];
  });
});
writeFileSync(`${OUT}/table-scan.png`, table.encodeSync('png'));
writeFileSync(`${OUT}/table-scan.truth.json`, JSON.stringify([['附件1', '全区建设培育青创空间汇总表', ...TABLE.map((row) => row.join('\t'))].join('\n')], null, 1));

const cat = createCanvas(320, 240);
const catContext = cat.getContext('2d');
const gradient = catContext.createRadialGradient(160, 120, 10, 160, 120, 150);
gradient.addColorStop(0, '#e8b070');
gradient.addColorStop(1, '#503020');
catContext.fillStyle = gradient;
catContext.fillRect(0, 0, 320, 240);
catContext.fillStyle = '#2a1a10';
catContext.beginPath();
catContext.ellipse(160, 140, 75, 60, 0, 0, Math.PI * 2);
catContext.fill();
writeFileSync(`${OUT}/not-a-document.png`, cat.encodeSync('png'));
console.log('wrote', OUT);
