import type { ComparisonRow } from '../../answer/index.js';
import type { CardElement } from '../../cards/index.js';

/** The platform shows at most 10 rows a page (page_size 1–10); more rows page. */
const MAX_PAGE_ROWS = 10;
/** A cell shows its start and the client reveals the rest on hover; the card stays well under 30 KB. */
const MAX_CELL_CHARS = 300;

function cell(text: string): string {
  return text.length > MAX_CELL_CHARS ? `${text.slice(0, MAX_CELL_CHARS - 1)}…` : text;
}

function sourceOf(row: ComparisonRow): string {
  if (row.source === '') return '—';
  return `《${row.title}》${row.section ? ` › ${row.section}` : ''}`;
}

/**
 * A comparison side by side as a Card JSON 2.0 `table` (one row per place: place, what the documents
 * offer there, where that is written). Cells are `text`, so document words are never read as markdown.
 * A table may only sit at the card's root, and a card holds at most five of them.
 */
export function comparisonTable(rows: readonly ComparisonRow[]): CardElement {
  return {
    tag: 'table',
    element_id: 'comparison',
    page_size: Math.min(MAX_PAGE_ROWS, Math.max(1, rows.length)),
    row_height: 'auto',
    freeze_first_column: true,
    header_style: { background_style: 'grey', bold: true },
    columns: [
      { name: 'place', display_name: '地区', data_type: 'text', width: '88px' },
      { name: 'offer', display_name: '支持内容', data_type: 'text', width: 'auto' },
      { name: 'source', display_name: '出处', data_type: 'text', width: 'auto' },
    ],
    rows: rows.map((row) => ({ place: row.place, offer: cell(row.offer), source: cell(sourceOf(row)) })),
  };
}
