const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff';
const CJK_PUNCT = '，。、；：？！（）《》〈〉“”‘’「」【】—…';
const SPACE_INSIDE_CJK = new RegExp(`(?<=[${CJK}${CJK_PUNCT}])[ \\t\\u00a0\\u3000]+(?=[${CJK}${CJK_PUNCT}])`, 'g');

/**
 * Variant and OCR-shinjitai forms mapped to the standard simplified character, so that
 * a table cell reading 徳清县 still matches a question about 德清县.
 */
const VARIANT_CHARACTERS: Record<string, string> = {
  徳: '德',
  県: '县',
  図: '图',
  広: '广',
  発: '发',
  経: '经',
  済: '济',
  関: '关',
  団: '团',
  労: '劳',
  働: '动',
  実: '实',
  業: '业',
  産: '产',
  営: '营',
  売: '卖',
  帰: '归',
  様: '样',
  気: '气',
  価: '价',
  検: '检',
  証: '证',
  総: '总',
  転: '转',
  鉄: '铁',
  駅: '驿',
  衆: '众',
  増: '增',
  爲: '为',
  為: '为',
  戸: '户',
  尓: '尔',
  隣: '邻',
  麺: '面',
  読: '读',
};
const VARIANT_PATTERN = new RegExp(`[${Object.keys(VARIANT_CHARACTERS).join('')}]`, 'g');

/** Removes the spaces PDF extraction leaves between Chinese characters (浙江万马海振光电 科技有限公司). */
function joinCjkSpaces(text: string): string {
  return text.replace(SPACE_INSIDE_CJK, '');
}

/** Display form of a passage: PDF spaces removed, runs of whitespace collapsed, ends trimmed. */
export function cleanText(text: string): string {
  return joinCjkSpaces(text.replace(/[ \t\u00a0\u3000]+/g, ' ')).trim();
}

/** Matching form: full-width to half-width (NFKC), lower case, variant characters unified. */
export function searchForm(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(VARIANT_PATTERN, (character) => VARIANT_CHARACTERS[character] ?? character);
}

/** Matching form without any whitespace: for substring checks of facts and quotes. */
export function compactForm(text: string): string {
  return searchForm(text).replace(/\s+/g, '');
}
