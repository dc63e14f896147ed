import type { Manifest } from '../index/index.js';

const LISTED_TITLES = 6;

/** What the knowledge base covers, named in every refusal so the user knows what to ask. */
function coverageSummary(manifest: Manifest): string {
  const entries = Object.values(manifest.documents);
  const policies = entries.filter((entry) => entry.chunks > 1 || entry.docNumber);
  const listed = (policies.length > 0 ? policies : entries).slice(0, LISTED_TITLES).map((entry) => `《${entry.title}》`);
  const more = entries.length > listed.length ? `等 ${entries.length} 份资料` : '';
  return `${listed.join('、')}${more}`;
}

/** The honest "not in the documents" answer. */
export function refusalMessage(manifest: Manifest, missingPlaces: string[]): string {
  const about = missingPlaces.length > 0 ? `关于「${missingPlaces.join('、')}」的内容` : '这个问题的答案';
  return `抱歉，现有政策文件中没有找到${about}，我不能凭空作答。目前可以回答的范围包括：${coverageSummary(manifest)}。`;
}
