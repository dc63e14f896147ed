import { z } from 'zod';

/** One actionable item of a policy document, read at index time; a field the text does not state stays empty. */
const measureSchema = z.object({
  /** `source#n`, stable for one build. */
  id: z.string(),
  source: z.string(),
  /** A numbered item of a 重点任务/主要措施 section, or a row of a list with a 牵头部门 column. */
  kind: z.enum(['item', 'table-row']),
  /** Chapter, sub-heading and the item's own label: [三、重点任务, (一)…, 1. 招商引进一批]. */
  section: z.array(z.string()),
  /** The item's words as the document writes them. */
  text: z.string(),
  lead: z.array(z.string()),
  /** Every department named as responsible, the lead included. */
  responsible: z.array(z.string()),
  /** 大学生, 青年人才, 小微企业, 孵化器… only words the text uses. */
  who: z.array(z.string()),
  /** 文创, 数字经济, 智能制造… only words the text uses. */
  industry: z.array(z.string()),
  /** Where it applies, from the title or issuer, narrowed by an item that names its own 区/县. */
  place: z.array(z.string()),
});
export type Measure = z.infer<typeof measureSchema>;

/** A document's measures and the 区/县 its own lists name (a city plan covering 南浔区 says so in its tables). */
export const documentMeasuresSchema = z.object({
  place: z.array(z.string()),
  areas: z.array(z.string()),
  measures: z.array(measureSchema),
});
export type DocumentMeasures = z.infer<typeof documentMeasuresSchema>;
