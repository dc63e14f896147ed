import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAsker, type Ask, type AskerOptions } from '../../src/answer/index.js';
import { createTransformersEmbedder, type Embedder } from '../../src/embed/index.js';
import { buildIndex, loadIndex } from '../../src/index/index.js';
import { silentLogger } from '../../src/log/index.js';
import { createRetriever } from '../../src/retrieve/index.js';
import { PROJECT_ROOT } from '../support/cli.js';
import { SEED, SEEDS_DIR } from '../support/seeds.js';
import { withSeedEmbeddings } from '../support/seed-embeddings.js';

const TODAY = new Date('2026-12-02T09:00:00+08:00');
let embedder: Embedder;

async function optionsOver(docsDir: string): Promise<AskerOptions> {
  const indexDir = withSeedEmbeddings(join(mkdtempSync(join(tmpdir(), 'policy-bot-kinds-')), 'index'));
  await buildIndex({ docsDir, indexDir, chunkSize: 600, tokenizer: 'both', embedder, logger: silentLogger });
  const index = loadIndex(indexDir);
  return { index, retriever: createRetriever(index, embedder), maxQuestionChars: 500, today: () => TODAY };
}

async function askerOver(docsDir: string): Promise<Ask> {
  return createAsker(await optionsOver(docsDir));
}

let ask: Ask;
let seedOptions: AskerOptions;
beforeAll(async () => {
  embedder = await createTransformersEmbedder({ modelId: 'BAAI/bge-small-zh-v1.5', modelsRoot: join(PROJECT_ROOT, 'models'), workers: 1 });
  seedOptions = await optionsOver(SEEDS_DIR);
  ask = createAsker(seedOptions);
}, 120_000);

describe('one answer for each kind of question, through ask()', () => {
  it('answers a 文号 from the document facts, citing its line', async () => {
    const result = await ask({ question: '播种计划的文号是什么？' });
    expect(result.answer).toContain('湖政办发〔2025〕9号');
    expect(result.citations[0]).toMatchObject({ source: SEED.bozhong, section: '文件信息', quote: '湖政办发[2025]9号' });
    expect(result.documents[0]).toMatchObject({ source: SEED.bozhong, docNumber: '湖政办发〔2025〕9号', status: 'in-force' });
  });

  it("gives the document's own date, not the portal's 生成日期", async () => {
    const result = await ask({ question: '鹿城大孵化器行动计划是哪天印发的？' });
    expect(result.answer).toMatch(/^《温州市鹿城区[^》]+》的印发（成文）日期是2025年6月12日/);
  });

  it('names the issuer and says whether a plan is still in force on the injected day', async () => {
    expect((await ask({ question: '南通众创社区建设行动方案是哪个单位发的？' })).answer).toContain('南通市人民政府办公室');
    const valid = await ask({ question: '湖州播种计划现在还有效吗？' });
    expect(valid.answer).toContain('执行期为2025—2027年，截至2026年12月2日仍在执行期内');
  });

  it("lists what a department leads from the documents' 牵头/责任单位 marks, each cited", async () => {
    const nanxun = await ask({ question: '南浔区人力社保局负责哪些工作？' });
    expect(nanxun.answer.split('\n')[0]).toBe('《南浔区全面建设“水晶晶青创新城”提升年行动计划》中写明由区人力社保局牵头的有6项：');
    expect(nanxun.answer).toContain('1. （六）纵横联动大抓青创项目招引：举办“在湖州看见美丽中国”青创大赛');
    expect(nanxun.citations[0]).toMatchObject({ source: SEED.nanxun, section: expect.stringContaining('（六）纵横联动大抓青创项目招引') });
    expect(nanxun.citations[0]?.quote).toContain('（区人力社保局牵头）');
    // an item that names its departments only in a closing (责任单位:*…) mark is said by what it does
    const lucheng = await ask({ question: '鹿城区科技局牵头哪些任务？' });
    expect(lucheng.answer).toContain('1. 1.优化全域规划布局：依据城市规划功能');
    expect(lucheng.answer).not.toContain('：(责任单位');
    // 南通's plan names its 科技局 only in a meeting's membership: nothing to list, and no other place's duties
    expect((await ask({ question: '南通的科技局负责哪些工作？' })).answerable).toBe(false);
  });

  it('tells 副组长 from 组长 in a leadership list', async () => {
    const result = await ask({ question: '水晶晶青创新城领导小组的副组长是谁？' });
    expect(result.answer).toContain('简芬芳');
    expect(result.answer).not.toContain('沈燕方');
  });

  it('says a record as a sentence with the asked fields first', async () => {
    const result = await ask({ question: '窑里青在空间的运营主体是哪家？' });
    expect(result.answer).toMatch(/^窑里青在空间：运营主体为湖州市水漾窑里乡村有限发展公司，/);
    expect(result.answer).not.toContain('=');
  });

  it("reads a rebuilt breakdown row as a sentence, and the plan's end from its period", async () => {
    const row = await ask({ question: '德清县2026年要建成多少个科技型产业园？' });
    expect(row.answer).toMatch(/^徳清县2026年：科技型产业园\(专业园\)8个/);
    const end = await ask({ question: '播种计划什么时候到期？' });
    expect(end.answer).toContain('执行期为2025—2027年，到2027年底到期');
    expect((await ask({ question: '南通众创社区行动方案什么时候到期？' })).answer).toContain('已于2020年底到期');
    expect(end.answer).not.toContain('=');
  });

  it('states a number first, and a definition from the sentence that introduces the term', async () => {
    const count = await ask({ question: '鹿城区到2027年要新增多少家省级及以上孵化器？' });
    expect(count.answer).toContain('6家');
    const definition = await ask({ question: '“两池”指的是什么？' });
    expect(definition.answer).toMatch(/供给池[^。]*基金池|基金池[^。]*供给池/);
  });

  it('gives an activity its time and lead department', async () => {
    const result = await ask({ question: '复旦大学·湖州周活动几月举办？谁牵头？' });
    expect(result.answer).toContain('4月');
    expect(result.answer).toContain('区人力社保局');
  });

  it('lists a whole table, or says 等N项 with the count', async () => {
    const result = await ask({ question: '南浔建设培育了哪些青创空间？' });
    expect(result.answer).toMatch(/頔塘青创社区.*窑里青在空间/);
    expect(result.answer.includes('等') ? /等\d+项/.test(result.answer) : result.citations.length).toBeTruthy();
  });

  it('answers a question naming two places with evidence from both', async () => {
    const result = await ask({ question: '湖州和鹿城分别要培育多少科技企业？' });
    expect(result.answerable).toBe(true);
    expect(result.answer).not.toContain('没有找到关于');
  });

  it('lists support measures with their lead departments', async () => {
    const result = await ask({ question: '我是大学生，想在鹿城创业，有什么支持？' });
    expect(result.answerable).toBe(true);
    expect(result.answer).toMatch(/牵头\/责任单位：/);
  });

  it('answers a self-described "what applies to me" from the measures, with lead, validity and citations', async () => {
    const result = await ask({ question: '我是在南通海门做生物医药研发的小公司，有什么政策？' });
    expect(result.answerable).toBe(true);
    expect(result.answer).toContain('1. 《南通市推进众创社区建设行动方案》海门市');
    expect(result.answer).toContain('执行期2017—2020年，已到期');
    expect(result.citations[0]?.section).toBe('四、创建重点 > 海门市');
    // the expired notice comes once, though both the match notes and the cited document carry it
    expect(result.answer.split('注意：《南通市推进众创社区建设行动方案》执行期为2017—2020年，已到期。')).toHaveLength(2);
  });

  it('carries the expired notice when it cites the 2017—2020 Nantong plan', async () => {
    const result = await ask({ question: '南通计划到2020年底打造多少个众创社区？' });
    expect(result.answer).toContain('10个左右');
    expect(result.answer.split('\n').at(-1)).toBe('注意：《南通市推进众创社区建设行动方案》执行期为2017—2020年，已到期。');
    expect(result.documents[0]?.status).toBe('expired');
  });

  it("no longer calls it expired once an admin marked it 「仍然有效」 (the expiry card's button)", async () => {
    const marked = createAsker({
      ...seedOptions,
      inForceMarks: () => new Map([[SEED.nantong, { at: '2026-12-01T01:00:00Z', by: 'ou_admin' }]]),
    });
    const result = await marked({ question: '南通计划到2020年底打造多少个众创社区？' });
    expect(result.answer).toContain('10个左右');
    expect(result.answer).not.toContain('已到期');
    expect(result.documents[0]?.status).toBe('in-force');
    expect((await marked({ question: '南通众创社区行动方案什么时候到期？' })).answer).toContain('管理员已确认目前仍然有效');
  });
});

describe('refusals on the asked fact', () => {
  it.each([
    ['湖州播种计划的咨询电话是多少？', '联系电话'],
    ['南通众创社区的入驻企业可以免几年房租？', '具体年限'],
    ['鹿城区对孵化器的运营补贴每年多少万元？', '具体金额'],
  ])('refuses %s, naming what is missing, with a related clause', async (question, missing) => {
    const result = await ask({ question });
    expect(result.answerable).toBe(false);
    expect(result.answer).toContain(`没有写明`);
    expect(result.answer).toContain(missing);
    expect(result.answer).toMatch(/\n相关内容：/);
    expect(result.citations).toHaveLength(1);
  });

  it('refuses a question in English in Chinese and in English, suggesting to ask in Chinese', async () => {
    const result = await ask({ question: 'How many maker communities does Nantong plan to build by the end of 2020?' });
    expect(result.answerable).toBe(false);
    expect(result.answer).toContain('请用中文提问');
    expect(result.answer).toContain('Please ask in Chinese.');
    expect((await ask({ question: '南通计划到2020年底打造多少个众创社区？' })).answerable).toBe(true);
  });

  it('applies the same rules to a small news knowledge base', async () => {
    const docs = mkdtempSync(join(tmpdir(), 'policy-bot-news-'));
    const articles = [
      {
        id: 'n1',
        date: '2023-08-01',
        text: '本报讯 8月1日，第三届城市马拉松在滨江新区鸣枪开跑，共有2万名选手参赛。本届赛事以“奔跑吧，滨江”为主题。',
      },
      { id: 'n2', date: '2023-08-02', text: '本报讯 市交通局昨日宣布，地铁5号线将于2024年6月底开通运营，全线共设站18座。' },
      { id: 'n3', date: '2023-08-03', text: '本报讯 市气象台发布高温橙色预警，预计未来三天最高气温可达39摄氏度，请市民注意防暑。' },
    ];
    writeFileSync(join(docs, 'news.jsonl'), articles.map((article) => JSON.stringify(article)).join('\n'));
    const news = await askerOver(docs);
    const answered = await news({ question: '城市马拉松的主题是什么？' });
    expect(answered.answerable).toBe(true);
    expect(answered.answer).toContain('奔跑吧，滨江');
    const opening = await news({ question: '地铁5号线什么时候开通？' });
    expect(opening.answer).toContain('2024年6月底');
    const phone = await news({ question: '城市马拉松的报名电话是多少？' });
    expect(phone.answerable).toBe(false);
    expect(phone.answer).toContain('联系电话');
  }, 60_000);
});
