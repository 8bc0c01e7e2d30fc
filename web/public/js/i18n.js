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
  downloadReceipt: '下载回执', checkReceipt: '核验回执',
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
  included: '已验证：收录于 {size} 条的日志中', hashIncluded: '该哈希收录于 {size} 条的日志中（内容暂不公开）', notIncluded: '验证失败：收录证明与检查点不符', withheld: '（投标截止前不公开）',
  navOpeningKey: '开标密钥', goToOpening: '开标', goToEvaluation: '评标室',
  openingKey: '我的开标密钥', openingKeyExplained: '开标密钥在本浏览器中生成，私钥只保存在本浏览器，平台只登记公钥。招标公告发布时，您的开标份额用此公钥加密。',
  keyHeld: '本浏览器持有开标密钥 {kid}。', keyNone: '本浏览器还没有开标密钥。', keyCreate: '生成并登记开标密钥',
  keyReplace: '生成新的开标密钥', keyReplaceConfirm: '新密钥只用于今后发布的项目；旧密钥仍保存在本浏览器，用于打开已发布项目的份额。确定生成新密钥吗？', keyRegistered: '已登记开标密钥 {kid}。',
  keyMissingHere: '本浏览器没有您的开标密钥，无法打开份额。', openingCeremony: '开标：{title}',
  openingExplained: '在本浏览器中用您的私钥打开您的开标份额并提交。达到门限后，平台解密全部投标并公布开标记录。',
  openAndHandIn: '打开并提交我的份额', openingShare: '正在打开份额…', openedNow: '份额已齐，投标已全部开启。',
  sharesSoFar: '已收到 {received} / {threshold} 份份额，等待其他开标人。', seeOpeningRecord: '查看开标记录', notAnOfficer: '您不是本项目的开标人。',
  evaluationOf: '评标：{title}', roomNotOpen: '评标室尚未开启。', scoringSheet: '评分表',
  scoringExplained: '逐项打分，分值须在 0 至满分之间，最多四位小数；清空即撤回。每格修改后自动保存。',
  scoreFor: '{bidder} 的 {criterion} 得分（0–{max}）', scoreRange: '须在 0 至 {max} 之间，最多四位小数', scoreWithdrawn: '已撤回', saved: '已保存',
  signOffButton: '签署评标结果', signedOff: '您已签署。', liveRanking: '实时排名', finalRanking: '评标结果',
  memberSigned: '已签署', memberFinished: '已评完', memberScoring: '评分中', noRankingYet: '尚无排名。', rank: '名次',
  evaluatedPrice: '评审价', priceScore: '价格分', technicalScore: '技术分', total: '总分', tied: '（并列）',
  deviationReason: '未选第一名时的理由', deviationHint: '选择排名第一以外的中标人时必须说明理由', announceAward: '公示中标结果',
  drawPanel: '抽取评标委员会', panelSize: '专家人数', panelSizeHint: '5 人以上的单数', specialty: '专业', drawAndOpenRoom: '抽取专家并开启评标室',
  navApplications: '项目申报', myApplications: '我的信息化项目申报', applicationQueue: '信息化项目审批',
  newApplication: '新建项目申报', noApplications: '暂无项目申报。', project: '项目', department: '申报部门',
  requestedBudget: '申请预算', requestedBudgetYuan: '申请预算（元）', approvedBudget: '核定预算', approvedBudgetYuan: '核定预算（元）',
  stageDue: '本环节办理时限', projectName: '项目名称', projectType: '项目类型', functions: '建设内容与功能',
  consumes: '使用的数据资源', produces: '产生的数据资源', listHint: '多项用顿号或逗号分隔', hosting: '部署方式',
  securityLevelLabel: '网络安全等级保护', securityLevel: '第 {n} 级', domesticTechnology: '信创（国产化）方案',
  scheduleStart: '计划开工日期', scheduleEnd: '计划完成日期', schedule: '建设周期', saveDraft: '保存草稿',
  attachments: '申报材料', uploading: '正在上传…', uploadedAt: '已上传 {at}', notUploaded: '未上传', chooseFile: '选择{kind}文件',
  complianceFindings: '合规审查意见', noFindings: '✔ 未发现合规问题', duplicateMatches: '重复建设比对', noMatches: '✔ 未发现相似系统或项目',
  similarity: '相似度 {score}', thisApplication: '本项目建设内容', sharedPhrases: '相同表述', resolve: '记录处理意见', resolutionNote: '对“{name}”的处理说明',
  nextSteps: '办理', stepReason: '理由或意见', stepReasonHint: '退回、不予批准时必填', myReview: '我的评审意见',
  score0to100: '0–100 分', opinion: '评审意见', saveReview: '提交评审意见', reviewSaved: '评审意见已提交。',
  'review.necessity': '必要性', 'review.feasibility': '可行性', 'review.security': '安全性', 'review.budget': '预算合理性',
  expertReviews: '专家评审', reviewSummary: '{n} 位专家已评审，综合得分 {overall}', stepHistory: '办理过程', platform: '平台',
  projectFacts: '项目概况', versionN: '第 {n} 版',
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
  downloadReceipt: 'Download the receipt', checkReceipt: 'Check the receipt',
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
  checking: 'Checking…', included: 'Verified: included in the log of {size} entries', hashIncluded: 'This hash is in the log of {size} entries (the entry is withheld)', notIncluded: 'FAILED: the proof does not match the checkpoint',
  withheld: '(withheld until the deadline)',
  navOpeningKey: 'Opening key', goToOpening: 'Opening', goToEvaluation: 'Evaluation room',
  openingKey: 'My opening key', openingKeyExplained: 'The opening key is made in this browser; its private half stays here, the platform registers only the public half. At each publication your opening share is sealed to it.',
  keyHeld: 'This browser holds opening key {kid}.', keyNone: 'This browser holds no opening key yet.', keyCreate: 'Make and register an opening key',
  keyReplace: 'Make a new opening key', keyReplaceConfirm: 'The new key serves tenders published from now on; the old one stays in this browser for the shares already sealed to it. Make a new key?', keyRegistered: 'Opening key {kid} registered.',
  keyMissingHere: 'This browser does not hold your opening key: the share cannot be opened here.', openingCeremony: 'Opening: {title}',
  openingExplained: 'Open your share of the opening key with your private key, in this browser, and hand it in. With enough shares the platform opens every bid and publishes the opening record.',
  openAndHandIn: 'Open and hand in my share', openingShare: 'Opening the share…', openedNow: 'Enough shares: the bids are open.',
  sharesSoFar: '{received} of {threshold} shares received; waiting for the other officers.', seeOpeningRecord: 'See the opening record', notAnOfficer: 'You are not an opening officer of this tender.',
  evaluationOf: 'Evaluation: {title}', roomNotOpen: 'The evaluation room is not open yet.', scoringSheet: 'Scoring sheet',
  scoringExplained: 'Score each criterion from 0 to its maximum, at most four decimals; an emptied cell withdraws the score. Each cell is saved when it changes.',
  scoreFor: 'Score of {bidder} for {criterion} (0–{max})', scoreRange: 'Must be 0 to {max}, at most four decimals', scoreWithdrawn: 'withdrawn', saved: 'saved',
  signOffButton: 'Sign off the evaluation', signedOff: 'You have signed off.', liveRanking: 'Live ranking', finalRanking: 'Result',
  memberSigned: 'signed off', memberFinished: 'finished', memberScoring: 'scoring', noRankingYet: 'No ranking yet.', rank: 'Rank',
  evaluatedPrice: 'Evaluated price', priceScore: 'Price score', technicalScore: 'Technical score', total: 'Total', tied: '(tied)',
  deviationReason: 'Reason, when not the first ranked', deviationHint: 'Required when the winner is not ranked first', announceAward: 'Announce the award',
  drawPanel: 'Draw the evaluation panel', panelSize: 'Experts', panelSizeHint: 'An odd number, 5 or more', specialty: 'Specialty', drawAndOpenRoom: 'Draw the panel and open the room',
  navApplications: 'IT projects', myApplications: 'My IT project applications', applicationQueue: 'IT project approvals',
  newApplication: 'New application', noApplications: 'No applications yet.', project: 'Project', department: 'Department',
  requestedBudget: 'Requested budget', requestedBudgetYuan: 'Requested budget (yuan)', approvedBudget: 'Approved budget', approvedBudgetYuan: 'Approved budget (yuan)',
  stageDue: 'This stage due', projectName: 'Project name', projectType: 'Project type', functions: 'Scope and functions',
  consumes: 'Data resources used', produces: 'Data resources produced', listHint: 'Separate items with commas', hosting: 'Hosting',
  securityLevelLabel: 'Security protection level', securityLevel: 'level {n}', domesticTechnology: 'Domestic technology plan',
  scheduleStart: 'Planned start', scheduleEnd: 'Planned end', schedule: 'Schedule', saveDraft: 'Save the draft',
  attachments: 'Documents', uploading: 'Uploading…', uploadedAt: 'uploaded {at}', notUploaded: 'not uploaded', chooseFile: 'Choose the {kind} file',
  complianceFindings: 'Compliance findings', noFindings: '✔ No compliance findings', duplicateMatches: 'Duplicate-construction check', noMatches: '✔ No similar system or project',
  similarity: 'similarity {score}', thisApplication: 'This application', sharedPhrases: 'Shared phrases', resolve: 'Record the resolution', resolutionNote: 'Note on "{name}"',
  nextSteps: 'Decide', stepReason: 'Reason or opinion', stepReasonHint: 'Required to return or reject', myReview: 'My review',
  score0to100: '0–100', opinion: 'Opinion', saveReview: 'Submit the review', reviewSaved: 'Review submitted.',
  'review.necessity': 'Necessity', 'review.feasibility': 'Feasibility', 'review.security': 'Security', 'review.budget': 'Budget',
  expertReviews: 'Expert review', reviewSummary: '{n} expert(s) reviewed; overall {overall}', stepHistory: 'Steps taken', platform: 'platform',
  projectFacts: 'The project', versionN: 'version {n}',
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
    appState: { draft: '草稿', submitted: '已提交', completeness_check: '完整性审查', compliance_review: '合规审查', expert_review: '专家评审', approved: '已批准', returned: '已退回', rejected: '不予批准', filed: '已备案', in_procurement: '采购中', in_construction: '建设中', accepted: '已验收', evaluated: '已评价', closed: '已关闭' },
    step: { submit: '提交申报', revise: '修改重报', start_check: '开始审查', pass_completeness: '材料齐全', pass_compliance: '合规审查通过', approve: '批准', reject: '不予批准', return_for_revision: '退回修改', file: '备案并赋码', start_procurement: '启动采购', start_construction: '开始建设', accept: '验收', evaluate: '绩效评价', close: '关闭' },
    projectType: { build: '新建', operations: '运维', service: '购买服务' },
    hosting: { provincial_government_cloud: '省政务云', own_machine_room: '自建机房', own_servers: '自有服务器', other_cloud: '其他云' },
    attachment: { proposal: '项目建议书', feasibility_study: '可行性研究报告', preliminary_design: '初步设计方案' },
    severity: { blocking: '须整改', flag: '提示' },
    resolution: { reuse: '复用现有系统', extend: '在现有系统上扩展', justify: '说明不重复的理由' },
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
    appState: { draft: 'draft', submitted: 'submitted', completeness_check: 'completeness check', compliance_review: 'compliance review', expert_review: 'expert review', approved: 'approved', returned: 'returned', rejected: 'rejected', filed: 'filed', in_procurement: 'in procurement', in_construction: 'in construction', accepted: 'accepted', evaluated: 'evaluated', closed: 'closed' },
    step: { submit: 'Submit', revise: 'Revise', start_check: 'Start the check', pass_completeness: 'Complete', pass_compliance: 'Compliant', approve: 'Approve', reject: 'Reject', return_for_revision: 'Return for revision', file: 'File and issue the code', start_procurement: 'Start procurement', start_construction: 'Start construction', accept: 'Accept', evaluate: 'Evaluate', close: 'Close' },
    projectType: { build: 'build', operations: 'operations', service: 'service' },
    hosting: { provincial_government_cloud: 'provincial government cloud', own_machine_room: 'own machine room', own_servers: 'own servers', other_cloud: 'other cloud' },
    attachment: { proposal: 'proposal', feasibility_study: 'feasibility study', preliminary_design: 'preliminary design' },
    severity: { blocking: 'must fix', flag: 'note' },
    resolution: { reuse: 'reuse the existing system', extend: 'extend the existing system', justify: 'justify: not a duplicate' },
  },
};

const catalog = { zh, en };
// Both catalogs and enum tables, for the test that every key the page uses exists in each
// (web/tests/i18n.test.mjs).
export const catalogs = catalog;
export const enumTables = enums;
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
