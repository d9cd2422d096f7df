/**
 * Words the synthetic forms are made of: units, projects, prose, budget items and indicators in
 * the register of the 2018 Shanghai declaration forms. None of it holds a tab, a line break,
 * `<`, `>`, `&`, a checkbox mark, or two CJK characters with a blank between them, so the
 * expected text of every field is unambiguous.
 */
import type { IndicatorCategory, ProjectCategory, FundUse } from '../../src/model.js';
import { LABELS } from '../../src/vocab/labels.js';

export const FORM_TITLE = '上海市财政支出项目绩效目标申报表';

/** 项目类型 options in form order, with their enum values. */
export const PROJECT_CATEGORY_OPTIONS: readonly (readonly [ProjectCategory, string])[] = [
  ['new_municipal', '市委市政府已确定的新增项目'],
  ['carry_over', '结转项目'],
  ['other_one_off', '其他一次性项目'],
  ['recurring_special', '经常性专项业务费'],
  ['other_recurring', '其他经常性项目'],
];

/** 资金用途 options in form order, with their enum values. */
export const FUND_USE_OPTIONS: readonly (readonly [FundUse, string])[] = [
  ['capital_construction', '基本建设工程类'],
  ['it_construction', '信息化建设类'],
  ['policy_subsidy', '政策补贴类'],
  ['gov_purchase_service', '政府购买服务'],
  ['asset_purchase', '资产购置类'],
  ['other_professional', '其他事业专业类'],
];

export const INDICATOR_CATEGORY_LABELS: Readonly<Record<IndicatorCategory, string>> = {
  input_management: '投入和管理目标',
  output: '产出目标',
  effect: '效果目标',
  impact: '影响力目标',
};

export const UNIT_PREFIXES = ['上海市', '上海市', '上海市', '中共上海市委', '上海市人民政府'] as const;
export const UNIT_CORES = [
  '党建服务', '组织人事信息技术服务', '干部教育', '领导干部考试和测评', '经营者人才发展', '档案信息',
  '社会组织服务', '青少年活动', '老干部活动', '机关事务保障', '公共资源交易', '大数据',
  '城市规划设计', '水务规划设计', '绿化和市容管理信息', '卫生健康统计', '疾病预防控制', '血液管理',
  '医疗保险事务管理', '就业促进', '职业技能鉴定', '人才服务', '科技人才发展', '知识产权服务',
  '文化市场行政执法', '非物质文化遗产保护', '民族宗教事务服务', '侨务服务', '统计调查', '价格监测',
  '质量技术监督信息', '食品药品检验', '农业技术推广', '动物疫病预防控制', '海洋环境监测',
  '地震监测', '气象信息', '交通运输行业发展', '住房保障事务', '房屋安全监察', '机动车检测',
] as const;
export const UNIT_KINDS = ['中心', '中心', '中心', '事务中心', '管理所', '研究所', '服务站', '办公室', '总站'] as const;

export const PROJECT_DOMAINS = [
  '党员干部现代远程教育', '干部在线学习', '组织部弱电会议系统', '干部考评和人才发展', '党员教育电视片',
  '市管干部档案数字化', '人才公寓', '社区卫生服务', '公共法律服务', '城市网格化管理', '政务外网',
  '电子证照库', '网上办事大厅', '市民热线', '非遗传承人培训', '老年教育', '职业技能培训',
  '就业见习', '创业担保贷款', '农村综合帮扶', '河道保洁', '绿地养护', '道路交通监测', '空气质量监测',
  '食品安全抽检', '疫苗冷链', '血液安全', '应急物资储备', '防汛防台', '地名普查',
] as const;
export const PROJECT_KINDS = [
  '运维费', '工作经费', '平台建设', '系统升级改造', '专项业务费', '设备购置', '课程开发', '服务外包',
  '培训经费', '宣传经费', '补贴资金', '信息化建设', '维修改造工程', '调查评估',
] as const;
export const PROJECT_SUFFIXES = ['', '', '', '', '(非信息化项目)', '（运维）', '（二期）', '（2018年度）'] as const;

/** Sentence templates for prose fields; `{a}` `{b}` take words, `{n}` a number. */
export const SENTENCES = [
  '本项目主要用于{a}的日常运行维护，保障{b}安全稳定运行。',
  '为全面落实{a}工作要求，{unit}牵头会同有关部门开展{b}建设。',
  '截止2017年，累计服务{n}人次，年更新课程约{n}课时。',
  '根据《{a}管理办法》（沪财预【2017】{n}号）的有关规定实施。',
  '依据《关于加强{a}工作的意见》和《{b}实施细则》开展相关工作。',
  '平台集“{a}、{b}”为一体，有效扩大了服务的覆盖面。',
  '项目资金主要用于{a}、{b}及相关专家咨询费用。',
  '通过政府采购方式确定服务供应商，严格执行合同管理。',
  '建立健全{a}管理制度，实行项目负责人责任制。',
  '定期开展{a}巡检，对发现的问题及时整改。',
  '本项目采用IPTV、PC端和移动端多渠道发布，技术上先进适用。',
  '项目启动 2018-01-01，需求分析 2018-02-28，验收 2018-11-30。',
  '一是优化{a}，二是完善{b}，三是加强队伍建设。',
  '做好{a}工作，有利于提升{b}的针对性和有效性。',
  '预计全年完成{n}场次培训，覆盖学员{n}名。',
  '严格执行财政专项资金管理规定，做到专款专用。',
  '项目实施过程中接受财政、审计部门的监督检查。',
  '{a}是推进{b}的重要基础，也是上级部门的明确要求。',
  '按照“统一规划、分步实施”的原则推进{a}。',
  '本年度计划完成{a}和{b}两项重点任务。',
  '系统可用率保持在99%以上，故障响应时间不超过2小时。',
  '第一季度完成前期调研；第二、三季度组织实施；第四季度开展绩效自评。',
  '（{n}）加强{a}的统筹协调，形成工作合力。',
  '保障{a}正常 保障{b}正常 保障系统配套软件使用正常',
  '进一步提高{a}水平，为{b}提供有力支撑。',
] as const;
export const PROSE_WORDS = [
  '干部教育培训', '信息安全', '网络运行', '数据共享', '课程资源', '考试测评', '档案管理', '人才服务',
  '远程教育', '公共服务', '业务系统', '政务服务', '应急保障', '绩效管理', '预算管理', '质量控制',
  '平台内容', '终端设备', '基础设施', '社会效益', '服务质量', '工作效率', '监督检查', '风险防控',
] as const;

export const BUDGET_ITEM_NAMES = [
  '数字互动电视平台运维', 'IPTV平台运维', '高清平台云服务', '考试、测评工作经费',
  '经营者管理人才服务、选拔工作经费', '平台内容建设及学员', '系统运维及学习支持', '专家咨询费',
  '课程开发费', '设备购置费', '软件开发费', '数据采集与加工', '宣传推广费', '会议费', '印刷费',
  '培训费', '委托业务费', '场地租赁费', '网络通信费', '安全等级保护测评', '第三方监理费',
] as const;

/** Indicator names by category. */
export const INDICATOR_NAMES: Readonly<Record<IndicatorCategory, readonly string[]>> = {
  input_management: [
    '预算执行率', '资金到位率', '财务（资产）管理制度健全性', '项目管理制度执行的有效性',
    '政府采购执行率', '资金使用合规性', '档案管理规范性', '安全事故发生情况', '预算编制准确率',
    '加强制度建设如运维制度与规范', '财务竣工报告编制及时性',
  ],
  output: [
    '培训人次', '数量', '质量', '时效', '考务完成量', '课程开发数量', '系统可用率', '信息传递速度',
    '完成及时率', '设备完好率', '验收合格率', '在线学习招生人数', '成本控制率', '质量目标', '时效目标',
  ],
  effect: [
    '服务对象满意度', '在学人员满意度', '社会公众或服务对象满意值', '工作效率提升', '投诉率',
    '平均响应时间', '社会效益目标', '可持续目标', '推进干部人事制度改革',
  ],
  impact: [
    '市管干部覆盖率', '处级干部覆盖率', '科级及以下干部覆盖率', '信息共享', '长效管理机制',
    '示范带动作用', '满意度目标', '人员到位率',
  ],
};

/**
 * Indicator and budget item names that read like form labels: the label's own words (完成时间 is
 * also a 结束时间 label), a word away from one, and every wording of every label the form uses
 * (总预算, 备注, 金额, 目标值 …). They must stay rows of their table.
 */
const EVERY_LABEL_WORDING: readonly string[] = Object.values(LABELS).flat();
const unique = (words: readonly string[]): readonly string[] => [...new Set(words)];
export const LABEL_LIKE_INDICATOR_NAMES = unique([
  '完成时间', '开始时间', '项目名称', '备注说明', '资金用途', '备注', '结束时间', '实施计划', '项目概况',
  '总目标', '年度目标', '项目类型', '立项依据', '截止时间', '项目开始时间', '资金用途合规性', '项目实施计划',
  ...EVERY_LABEL_WORDING,
]);
export const LABEL_LIKE_BUDGET_NAMES = unique([
  '资金用途', '项目实施计划', '备注说明', '开始时间', '项目名称', '实施计划', '立项依据', '总预算',
  ...EVERY_LABEL_WORDING,
]);

/** Targets that are words only (targetParsed null). None holds a digit. */
export const WORD_TARGETS = [
  '及时', '年内完成', '按时完成', '符合要求', '合格', '建立有关制度', '有效提升', '平台正常运行',
  '逐步提高', '明显改善', '系统工具正式投入使用', '测评工具完成开发更新', '保证本平台的安全稳定运行',
  '通过招邀标控制成本', '高速点播、在线互动学习、移动学习', '评审专家完成考试测评前期工作',
] as const;

/** Words that may stand before a comparison (targetParsed.subject). */
export const TARGET_SUBJECTS = [
  '用户满意度', '考务完成量', '完成率', '覆盖率', '投诉率', '合格率', '培训人数', '课程数量', '响应时间',
  '系统可用率', '学员满意度',
] as const;

/** Units a measurable target may carry, besides `%`. */
export const TARGET_UNITS = ['人次', 'kb', '个', '场', '次', '家', '人', '课时', '小时', '天', '分', '项'] as const;

/**
 * Other wordings of the labels met in the archive (a 的 or a 、 less, 项目 left out, an older
 * term), keyed by the canonical wording; amount labels without their unit.
 */
export const LABEL_WORDINGS: Readonly<Record<string, readonly string[]>> = {
  项目类型: ['项目类别'],
  资金用途: ['项目资金用途'],
  开始时间: ['项目开始时间', '开始日期', '起始时间'],
  结束时间: ['项目结束时间', '结束日期', '完成时间', '截止时间'],
  项目概况: ['项目基本情况', '项目概述'],
  立项依据: ['项目立项依据'],
  项目设立的必要性: ['项目设立必要性', '项目立项的必要性', '设立的必要性'],
  '保证项目实施的制度、措施': ['保证项目实施的制度措施', '保障项目实施的制度、措施', '保证项目实施的制度和措施', '项目实施的保障措施'],
  项目总预算: ['总预算'],
  项目当年预算: ['当年预算', '项目年度预算'],
  同名项目上年预算额: ['同名项目上年预算', '上年预算额'],
  同名项目上年预算执行数: ['同名项目上年执行数', '上年预算执行数'],
  项目当年投入资金构成: ['当年投入资金构成', '投入资金构成'],
  子项目名称: ['子项目'],
  预算金额: ['金额'],
  项目实施计划: ['实施计划'],
  项目总目标: ['总目标'],
  年度绩效目标: ['项目年度绩效目标', '年度目标'],
  指标目标值: ['指标值', '目标值'],
};

export const REMARKS = [
  '无特殊说明。', '本项目为延续性项目。', '项目资金已纳入部门预算。', '具体以财政批复为准。',
  '相关附件另行报送。',
] as const;
