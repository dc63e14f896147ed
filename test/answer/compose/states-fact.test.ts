import { describe, expect, it } from 'vitest';
import { statesFact } from '../../../src/answer/compose/states-fact.js';

describe('statesFact: department', () => {
  it.each([
    '公安部交通管理局部署各地公安交管部门进一步细化措施。',
    '（责任单位:市商务局、市经信局、市市场监管局）',
    '整合全区国有企业闲置资产（区国资办牵头）。',
    '依托区大数据管理中心建设共享平台。',
    '市发展改革委、市财政局联合印发。',
    '运营主体=南浔区人才产业集团',
  ])('finds a named body in %s', (text) => {
    expect(statesFact('department', text)).toBe(true);
  });

  it.each([
    '会同商务、税务等部门落实已推出的二手小客车转让登记“一证通办”等便利措施。',
    '减少群众办事排队等候时间，更好促进汽车消费。',
    '坚持以人民为中心，加快构建新发展格局。',
    '选派干部到基层一线，全部落实到位。',
  ])('finds none in generic words: %s', (text) => {
    expect(statesFact('department', text)).toBe(false);
  });
});
