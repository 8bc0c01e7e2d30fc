// The page's two languages: Chinese (the default) and English, switched in the masthead and kept in
// localStorage. t('key', { n: 3 }) fills {n}; a key missing from English falls back to Chinese, and
// a key missing from both shows itself (a test notices).

const zh = {
  brand: '公平 Gongping', tagline: '公共资源交易与信息化项目审批平台', zone: '北京时间 (UTC+8)',
  navLabel: '主导航', navTenders: '招标公告', navStatistics: '统计', navAudit: '审计日志',
  signIn: '登录', signOut: '退出', loading: '正在加载…', failed: '加载失败', notFound: '页面不存在', backHome: '返回首页',
  forbidden: '无权访问', forbiddenDetail: '当前账户（{role}）不能使用此页面。',
  up: '正常', down: '不可用', database: '数据库', engine: '评标引擎', openData: '开放数据 (OCDS)',
  tenderNotices: '招标公告', search: '搜索', state: '状态', category: '采购类别', any: '全部', apply: '筛选',
  noTenders: '没有符合条件的招标项目。', tendersFound: '共 {n} 个项目', tender: '招标项目', budget: '预算金额',
  bidDeadline: '投标截止时间', pages: '分页', previous: '上一页', next: '下一页',
  submitBid: '投标', terms: '招标条件', procedure: '采购方式', ceiling: '最高限价', bidBond: '投标保证金',
  clarificationDeadline: '澄清截止时间', openingThreshold: '开标密钥份额', ofOfficers: '{n} 名开标人中任意 {k} 名',
  projectCode: '项目代码', stateReason: '原因', timeLeft: '距截止还有 {left}', deadlinePassed: '已截止',
  evaluationMethod: '评标办法', pricePoints: '价格分 {n} 分', criterion: '评分项', maxPoints: '满分',
  amendments: '更正公告', clarifications: '澄清答疑', openingRecord: '开标记录', openedAt: '开标时间：{at}',
  bidder: '投标人', price: '投标报价', bidStatus: '状态', award: '中标结果', winner: '中标人', winningPrice: '中标金额',
  announcedAt: '公示时间', publicityEnds: '公示截止', suspended: '暂停', suspendedDetail: '有 {n} 项质疑待答复',
  noticeAt: '中标通知书发出', contract: '合同', ocdsData: '本项目的开放数据 (OCDS 1.1)',
  bidFor: '投标：{title}', sealedNotice: '报价在本浏览器中加密后才发送：开标前，任何人（包括平台）都无法读取。',
  priceYuan: '投标报价（元）', priceHint: '例如 1,234,567.89', priceInvalid: '请输入金额（元），最多两位小数。',
  enterpriseSize: '企业规模', sizeHint: '中小微企业享受价格扣除（政府采购促进中小企业发展管理办法）',
  jointVenture: '联合体投标', sealAndSubmit: '加密并提交投标', sealing: '正在加密…', submitting: '正在提交…',
  aboveCeiling: '报价高于最高限价 {ceiling}，将被否决。仍要提交吗？', myVersions: '我的投标记录',
  receipt: '投标回执', receiptVerified: '回执签名有效（平台密钥 {kid}）', receiptInvalid: '回执签名无效：{reason}',
  bidId: '投标编号', bidAction: '操作', receivedAt: '接收时间', envelopeHash: '密文摘要 (SHA-256)', auditIndex: '审计日志序号',
  downloadReceipt: '下载回执',
  loginOrUscc: '登录名或统一社会信用代码', password: '密码', noAccount: '还没有账户？', registerEnterprise: '企业注册',
  register: '注册', passwordHint: '至少 10 个字符', usccHint: '18 位，数字与大写字母（不含 I、O、Z、S、V）',
  usccOk: '✔ 统一社会信用代码校验通过', usccBadChar: '第 {position} 位“{char}”不是统一社会信用代码使用的字符',
  usccLength: '已输入 {length} 位，应为 18 位', usccCheck: '校验码不符：按前 17 位，第 18 位应为“{expected}”',
  'field.name': '企业名称', 'field.uscc': '统一社会信用代码', 'field.contact_name': '联系人',
  'field.contact_phone': '联系电话', 'field.contact_email': '电子邮箱', 'field.password': '密码',
  statistics: '交易统计', noStatistics: '暂无统计数据。', tendersByMonth: '各月招标项目数', budgetByMonth: '各月预算金额（百万元）',
  statisticsTable: '按月份与类别', period: '月份', tenderCount: '项目数', averageBids: '平均投标数', failedShare: '流标率',
  contracted: '合同金额', medianDaysToAward: '发布至定标（天，中位数）', downloadCsv: '下载 CSV',
  auditLog: '审计日志', checkpoint: '检查点', checkpointSigned: '检查点签名有效（{origin}）',
  checkpointUnsigned: '检查点签名无效！', checkpointUnreadable: '无法解析检查点', treeSize: '日志条数', rootHash: '根哈希',
  signedAt: '签名时间', checkpointText: '检查点原文', latestEntries: '最新记录', index: '序号', time: '时间', timeBeijing: '时间（北京时间）', actor: '操作人',
  action: '操作', object: '对象', inclusion: '收录证明', verifyInclusion: '验证', checking: '正在验证…',
  included: '已验证：收录于 {size} 条的日志中', notIncluded: '验证失败：收录证明与检查点不符', withheld: '（投标截止前不公开）',
};

const en = {
  brand: 'Gongping 公平', tagline: 'Public-resource trading and project approval', zone: 'Beijing time (UTC+8)',
  navLabel: 'Main', navTenders: 'Tenders', navStatistics: 'Statistics', navAudit: 'Audit log',
  signIn: 'Sign in', signOut: 'Sign out', loading: 'Loading…', failed: 'Could not load', notFound: 'No such page', backHome: 'Home',
  forbidden: 'Not allowed', forbiddenDetail: 'This account ({role}) cannot use this page.',
  up: 'up', down: 'down', database: 'Database', engine: 'Evaluation engine', openData: 'Open data (OCDS)',
  tenderNotices: 'Tender notices', search: 'Search', state: 'State', category: 'Category', any: 'Any', apply: 'Filter',
  noTenders: 'No tenders match.', tendersFound: '{n} tenders', tender: 'Tender', budget: 'Budget',
  bidDeadline: 'Bid deadline', pages: 'Pages', previous: 'Previous', next: 'Next',
  submitBid: 'Submit a bid', terms: 'Terms', procedure: 'Procedure', ceiling: 'Price ceiling', bidBond: 'Bid bond',
  clarificationDeadline: 'Questions until', openingThreshold: 'Opening key shares', ofOfficers: 'any {k} of {n} officers',
  projectCode: 'Project code', stateReason: 'Reason', timeLeft: '{left} left', deadlinePassed: 'closed',
  evaluationMethod: 'Evaluation method', pricePoints: '{n} points for price', criterion: 'Criterion', maxPoints: 'Points',
  amendments: 'Amendments', clarifications: 'Clarifications', openingRecord: 'Opening record', openedAt: 'Opened {at}',
  bidder: 'Bidder', price: 'Price', bidStatus: 'Status', award: 'Award', winner: 'Winner', winningPrice: 'Winning price',
  announcedAt: 'Announced', publicityEnds: 'Publicity ends', suspended: 'Suspended', suspendedDetail: '{n} objection(s) awaiting an answer',
  noticeAt: 'Award notice', contract: 'Contract', ocdsData: 'Open data for this tender (OCDS 1.1)',
  bidFor: 'Bid: {title}', sealedNotice: 'Your price is encrypted in this browser before it is sent: nobody, the platform included, can read it before the opening.',
  priceYuan: 'Price (yuan)', priceHint: 'e.g. 1,234,567.89', priceInvalid: 'Enter an amount in yuan, at most two decimals.',
  enterpriseSize: 'Enterprise size', sizeHint: 'Small and micro enterprises get the price deduction',
  jointVenture: 'Joint venture bid', sealAndSubmit: 'Seal and submit', sealing: 'Sealing…', submitting: 'Submitting…',
  aboveCeiling: 'The price is above the ceiling of {ceiling} and will be rejected. Submit anyway?', myVersions: 'My bid versions',
  receipt: 'Bid receipt', receiptVerified: 'Receipt signature valid (platform key {kid})', receiptInvalid: 'Receipt signature invalid: {reason}',
  bidId: 'Bid', bidAction: 'Action', receivedAt: 'Received', envelopeHash: 'Envelope SHA-256', auditIndex: 'Audit log index',
  downloadReceipt: 'Download the receipt',
  loginOrUscc: 'Login or USCC', password: 'Password', noAccount: 'No account yet?', registerEnterprise: 'Register an enterprise',
  register: 'Register', passwordHint: 'At least 10 characters', usccHint: '18 characters: digits and capitals (no I, O, Z, S, V)',
  usccOk: '✔ The USCC checks out', usccBadChar: 'Character {position} ("{char}") is not used in a USCC',
  usccLength: '{length} characters typed; a USCC has 18', usccCheck: 'Check character wrong: after the first 17, the 18th should be "{expected}"',
  'field.name': 'Enterprise name', 'field.uscc': 'Unified Social Credit Code', 'field.contact_name': 'Contact person',
  'field.contact_phone': 'Phone', 'field.contact_email': 'E-mail', 'field.password': 'Password',
  statistics: 'Statistics', noStatistics: 'No figures yet.', tendersByMonth: 'Tenders per month', budgetByMonth: 'Budget per month (million yuan)',
  statisticsTable: 'By month and category', period: 'Month', tenderCount: 'Tenders', averageBids: 'Average bids', failedShare: 'Failed',
  contracted: 'Contracted', medianDaysToAward: 'Days to award (median)', downloadCsv: 'Download CSV',
  auditLog: 'Audit log', checkpoint: 'Checkpoint', checkpointSigned: 'Checkpoint signature valid ({origin})',
  checkpointUnsigned: 'Checkpoint signature INVALID!', checkpointUnreadable: 'The checkpoint cannot be read', treeSize: 'Entries',
  rootHash: 'Root hash', signedAt: 'Signed', checkpointText: 'Checkpoint text', latestEntries: 'Latest entries', index: 'Index',
  time: 'Time', timeBeijing: 'Time (Beijing)', actor: 'Actor', action: 'Action', object: 'Object', inclusion: 'Inclusion', verifyInclusion: 'Verify',
  checking: 'Checking…', included: 'Verified: included in the log of {size} entries', notIncluded: 'FAILED: the proof does not match the checkpoint',
  withheld: '(withheld until the deadline)',
};

// Enum values as people read them: enumName('state', 'published').
const enums = {
  zh: {
    state: { draft: '草稿', published: '招标中', opening: '开标中', evaluating: '评标中', awarded: '已定标', contracted: '已签约', cancelled: '已终止', failed: '流标' },
    category: { goods: '货物', services: '服务', works: '工程' },
    procedure: { public_tender: '公开招标', invited_tender: '邀请招标', competitive_negotiation: '竞争性谈判', competitive_consultation: '竞争性磋商', inquiry: '询价', single_source: '单一来源' },
    method: { comprehensive: '综合评分法', lowest_price: '最低评标价法' },
    size: { large: '大型企业', medium: '中型企业', small: '小型企业', micro: '微型企业' },
    bidAction: { submitted: '提交', replaced: '修改', withdrawn: '撤回' },
    bidStatus: { opened: '已解密', undecryptable: '无法解密' },
    role: { enterprise: '企业', official: '采购人员', expert: '评标专家', supervisor: '监督人员', department: '业务部门', reviewer: '审核人员', admin: '管理员' },
  },
  en: {
    state: { draft: 'draft', published: 'open for bids', opening: 'opening', evaluating: 'evaluating', awarded: 'awarded', contracted: 'contracted', cancelled: 'cancelled', failed: 'failed' },
    category: { goods: 'goods', services: 'services', works: 'works' },
    procedure: { public_tender: 'open tender', invited_tender: 'restricted tender', competitive_negotiation: 'competitive negotiation', competitive_consultation: 'competitive consultation', inquiry: 'request for quotations', single_source: 'single source' },
    method: { comprehensive: 'best value (points)', lowest_price: 'lowest evaluated price' },
    size: { large: 'large', medium: 'medium', small: 'small', micro: 'micro' },
    bidAction: { submitted: 'submitted', replaced: 'replaced', withdrawn: 'withdrawn' },
    bidStatus: { opened: 'opened', undecryptable: 'undecryptable' },
    role: { enterprise: 'enterprise', official: 'official', expert: 'expert', supervisor: 'supervisor', department: 'department', reviewer: 'reviewer', admin: 'admin' },
  },
};

const catalog = { zh, en };
let current = localStorage.getItem('gp.lang') === 'en' ? 'en' : 'zh';
const listeners = [];

export const language = () => current;

export function setLanguage(lang) {
  current = lang === 'en' ? 'en' : 'zh';
  localStorage.setItem('gp.lang', current);
  for (const fn of listeners) fn(current);
}

export function onLanguageChange(fn) {
  listeners.push(fn);
}

export function t(key, vars = {}) {
  const text = catalog[current][key] ?? zh[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? `{${name}}`));
}

export function enumName(kind, value) {
  return enums[current][kind]?.[value] ?? enums.zh[kind]?.[value] ?? value ?? '—';
}

export const roleName = (role) => enumName('role', role);
