import { AreaCatalog } from '../../src/areas/AreaCatalog.js';
import { loadLegalContent } from '../../src/legal/legalContent.js';
import { LegalLibrary } from '../../src/legal/LegalLibrary.js';
import { statisticsLabels } from '../../src/statistics/StatisticsLabels.js';
import { loadTexts } from '../support/botHarness.js';

const areas = AreaCatalog.load();
const legal = new LegalLibrary(loadLegalContent());

describe('statisticsLabels', () => {
  it.each([
    ['vi', 'areas', 'ha-noi', 'Hà Nội'],
    ['vi', 'areas', 'ha-noi/ba-dinh', 'Ba Đình, Hà Nội'],
    // A ward under its former district: the ward and the province, not the district in between.
    ['vi', 'areas', 'ha-noi/hoan-kiem', 'Hoàn Kiếm, Hà Nội'],
    ['vi', 'areas', 'hue/phu-xuan', 'Phú Xuân, Huế'],
    // Numeric codes the catalog does not know stay codes.
    ['vi', 'areas', '79.26734', '79.26734'],
    ['vi', 'areas', '', 'Chưa rõ địa bàn'],
    ['en', 'areas', '', 'Area not given'],
    ['vi', 'areas', '*', 'Tổng cộng'],
    ['en', 'clubs', '*', 'Total'],
    ['vi', 'clubs', 'HN01', 'HN01'],
    ['vi', 'trend', '2026-03', '2026-03'],
    ['vi', 'legalTopics', 'divorce-process', 'Ly hôn diễn ra thế nào: hòa giải, Tòa án, khi nào hết là vợ chồng'],
    ['en', 'legalTopics', 'divorce-process', 'How divorce works: mediation, court, when the marriage ends'],
    ['vi', 'legalTopics', 'article:52/2014/QH13#8', 'Điều 8, Luật Hôn nhân và gia đình 2014'],
    ['en', 'legalTopics', 'article:52/2014/QH13#8', 'Article 8, Law on Marriage and Family 2014'],
    ['vi', 'legalTopics', 'unanswered', 'Chưa trả lời được'],
    ['en', 'legalTopics', '*others', 'Other topics'],
    // A card since removed from the content keeps its id.
    ['vi', 'legalTopics', 'retired-card', 'retired-card'],
  ] as const)('%s %s %j: %s', async (locale, table, key, label) => {
    expect(statisticsLabels(await loadTexts(), locale, areas, legal).row(table, key)).toBe(label);
  });
});
