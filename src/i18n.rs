//! Every user-visible string of the app, in English and Simplified Chinese, behind one lookup.
//!
//! Components ask for a [`Msg`] through the [`I18n`] context, which re-renders them when the language
//! changes. No other module holds user-visible text.

use hearth_domain::Problem;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A user interface language.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// Every language, in the order the switcher lists them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The BCP 47 tag for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// The language's own name, as a switcher shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "中文",
        }
    }

    /// Picks the language for a browser language tag such as `zh-CN` or `en-US`.
    pub fn from_browser_tag(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

macro_rules! messages {
    ($($name:ident => $en:literal, $zh:literal;)+) => {
        /// A user-visible text.
        #[derive(Clone, Copy, PartialEq, Eq)]
        #[allow(missing_docs)]
        pub enum Msg { $($name,)+ }

        /// Every text, English then Chinese, in the order of `Msg`: a table lookup is a few bytes
        /// of code where a match over every message and language is tens of kilobytes.
        const TEXTS: &[[&str; 2]] = &[$([$en, $zh],)+];

        /// By number, not by name: a derived `Debug` would put every message's name in the
        /// page's wasm (8 KB) the moment anything formats one.
        impl std::fmt::Debug for Msg {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "Msg#{}", *self as usize)
            }
        }

        impl Msg {
            /// The text in `lang`.
            pub fn text(self, lang: Lang) -> &'static str {
                let column = match lang {
                    Lang::En => 0,
                    Lang::Zh => 1,
                };
                TEXTS[self as usize][column]
            }
        }
    };
}

messages! {
    AnalyticsLead => "Every analysis runs in this browser, in a background worker, on the orders stored here.", "所有分析都在本浏览器的后台线程中运行，只使用本机存储的订单。";
    RfmTitle => "RFM segments", "RFM 客户分群";
    RfmDescription => "Scores every customer 1–5 on recency, frequency and monetary value and names the segment they fall in.", "按最近购买、购买频率和消费金额为每位客户打 1–5 分，并归入相应分群。";
    SegmentsTitle => "Customer segments (k-means)", "客户聚类（k-means）";
    SegmentsDescription => "Groups customers with similar buying behaviour and names each group.", "将购买行为相似的客户归为一组，并为每组命名。";
    ClvTitle => "Customer lifetime value", "客户终身价值";
    ClvDescription => "Forecasts each customer's purchases and value with the BG/NBD and Gamma-Gamma models.", "用 BG/NBD 与 Gamma-Gamma 模型预测每位客户的购买次数与价值。";
    BasketsTitle => "Market baskets", "购物篮分析";
    BasketsDescription => "Finds products bought together and the rules behind “customers who bought X also buy Y”.", "找出经常一起购买的商品，以及“买了 X 的客户也买 Y”的规则。";
    RunAnalysis => "Run analysis", "运行分析";
    AnalysisProgress => "Analysis progress", "分析进度";
    AnalysisFailed => "The analysis failed:", "分析失败：";
    AnalysisCancelled => "Analysis cancelled.", "分析已取消。";
    AnalysisComputed => "Computed in", "计算用时";
    AnalysisStale => "The data changed since this result was computed: run the analysis again to update it.", "数据在此结果计算后已更改：请重新运行分析以更新。";
    OrderLines => "order lines", "条订单明细";
    TicketsRead => "tickets", "张工单";
    CreateCampaign => "Create campaign", "创建营销活动";
    CampaignCreated => "Campaign created:", "已创建营销活动：";
    More => "more", "更多";
    DownloadPng => "Download PNG", "下载 PNG";
    Customers => "Customers", "客户";
    Segment => "Segment", "分群";
    RfmGrid => "Customers by recency and frequency score", "按最近购买与频率评分的客户数";
    RfmSegments => "Customers per segment", "各分群客户数";
    RfmTrend => "Segment sizes at the last twelve month ends", "近十二个月末的分群规模";
    RecencyScore => "Recency score", "最近购买评分";
    FrequencyScore => "Frequency score", "频率评分";
    MonthsAgoAxis => "Month (oldest to latest)", "月份（由远及近）";
    ShowCustomers => "Show customers", "查看客户";
    SegChampions => "Champions", "冠军客户";
    SegLoyal => "Loyal customers", "忠诚客户";
    SegPotentialLoyalists => "Potential loyalists", "潜在忠诚客户";
    SegNewCustomers => "New customers", "新客户";
    SegPromising => "Promising", "有潜力";
    SegNeedAttention => "Need attention", "需要关注";
    SegAboutToSleep => "About to sleep", "即将沉睡";
    SegAtRisk => "At risk", "有流失风险";
    SegCantLoseThem => "Can't lose them", "不能失去";
    SegHibernating => "Hibernating", "休眠";
    HorizonMonths => "Horizon (months)", "预测期（月）";
    AnnualDiscountRate => "Yearly discount rate", "年贴现率";
    HoldoutWeeks => "Holdout (weeks)", "留出期（周）";
    ModelParameters => "Fitted model parameters", "模型拟合参数";
    LogLikelihood => "Log-likelihood", "对数似然";
    RepeatCustomers => "Customers with repeat purchases", "有复购的客户";
    HoldoutActualPredicted => "Repeat purchases in the holdout: actual / predicted", "留出期复购次数：实际 / 预测";
    HoldoutChart => "Weekly repeat purchases: actual and predicted by the model fitted before the holdout", "每周复购次数：实际值与留出期前拟合模型的预测值";
    Week => "Week", "周";
    RepeatPurchases => "Repeat purchases", "复购次数";
    Actual => "Actual", "实际";
    Predicted => "Predicted", "预测";
    PAliveHistogram => "Probability of being active", "仍活跃的概率";
    ClvHistogram => "Lifetime value distribution", "终身价值分布";
    ValueTiers => "Value tiers", "价值层级";
    TierHigh => "High value (top 20 %)", "高价值（前 20%）";
    TierMedium => "Medium value (next 30 %)", "中价值（其后 30%）";
    TierLow => "Low value", "低价值";
    TopByClv => "Top customers by lifetime value", "终身价值最高的客户";
    ExpectedPurchases => "Expected purchases", "预期购买次数";
    ClvCalculator => "Discounted CLV calculator", "折现 CLV 计算器";
    ProfitPerPeriod => "Profit per period (comma-separated)", "每期利润（逗号分隔）";
    DiscountRate => "Discount rate per period", "每期贴现率";
    AcquisitionCost => "Acquisition cost", "获客成本";
    Features => "Features", "特征";
    FeatureRecency => "Days since last order", "距上次下单天数";
    FeatureFrequency => "Orders", "订单数";
    FeatureMonetary => "Total spent", "消费总额";
    FeatureTenure => "Days since first order", "距首次下单天数";
    FeatureAverageOrder => "Average order value", "平均订单金额";
    ChooseFeature => "Choose at least one feature.", "请至少选择一个特征。";
    Standardize => "Standardize", "标准化";
    NumberOfClusters => "Number of clusters", "聚类数";
    SuggestK => "Suggest (elbow)", "自动建议（肘部法）";
    SuggestedK => "suggested k:", "建议 k：";
    ElbowChart => "Elbow: inertia by k", "肘部图：各 k 的惯性";
    SilhouetteChart => "Silhouette by k", "各 k 的轮廓系数";
    Inertia => "Inertia", "惯性";
    ProjectionChart => "Customers on the two main components, coloured by cluster", "客户在两个主成分上的分布（按聚类着色）";
    ClusterProfiles => "Cluster profiles (means in original units)", "聚类画像（原始单位的均值）";
    Cluster => "Cluster", "聚类";
    ClusterFrequentBigSpenders => "Frequent big spenders", "高频高消费";
    ClusterBigSpenders => "Big spenders", "高消费";
    ClusterFrequentBuyers => "Frequent buyers", "高频购买";
    ClusterNewCustomers => "New customers", "新客户";
    ClusterSlippingRegulars => "Slipping regulars", "渐行渐远的老客户";
    ClusterLapsed => "Lapsed", "已流失";
    ClusterOccasional => "Occasional buyers", "偶尔购买";
    MinSupport => "Minimum support", "最小支持度";
    MinConfidence => "Minimum confidence", "最小置信度";
    MinLift => "Minimum lift", "最小提升度";
    FrequentItemsets => "frequent itemsets", "个频繁项集";
    Rules => "Rules", "规则";
    RulesChart => "Rules by support and confidence, coloured by lift", "按支持度与置信度分布的规则（颜色表示提升度）";
    FilterByProduct => "Filter by product", "按商品筛选";
    SortBy => "Sort by", "排序";
    Support => "Support", "支持度";
    Confidence => "Confidence", "置信度";
    Lift => "Lift", "提升度";
    Bought => "Bought", "购买了";
    AlsoBuy => "Also buy", "也会购买";
    Insights => "Insights", "分析洞察";
    ThisMonth => "This month", "本月";
    RevenueThisMonth => "Revenue this month", "本月收入";
    NewCustomers => "New customers", "新客户";
    VsLastMonth => "vs last month", "较上月";
    PipelineValue => "Open pipeline", "在途商机";
    OpenDeals => "open deals", "个进行中商机";
    Weighted => "weighted", "加权";
    OpenTickets => "Open tickets", "未结工单";
    SlaBreaches => "past their SLA", "超出 SLA";
    HighValueAtRisk => "High-value customers at risk", "有流失风险的高价值客户";
    TargetBuyers => "Target buyers", "定向购买者";
    AlsoBoughtHeading => "Customers who bought this also buy", "购买此商品的客户也会购买";
    Product => "Product", "商品";
    Category => "Category", "类别";
    UnitPrice => "Unit price", "单价";
    Discount => "Discount", "折扣";
    BuyersOf => "Buyers of", "购买者：";
    NoOrdersYet => "No orders yet.", "暂无订单。";
    NoSuggestions => "Nothing to suggest.", "暂无推荐。";
    Recommended => "Recommended products", "推荐商品";
    RunRfmFirst => "Run the RFM analysis to see scores", "运行 RFM 分析以查看评分";
    RunClvFirst => "Run the lifetime value analysis to see forecasts", "运行终身价值分析以查看预测";
    RunBasketsFirst => "Run the basket analysis to see suggestions", "运行购物篮分析以查看推荐";
    AppName => "Hearth CRM", "Hearth 客户管理";
    SkipToContent => "Skip to content", "跳到正文";
    MainNavigation => "Main navigation", "主导航";
    NavDashboard => "Dashboard", "仪表盘";
    NavCustomers => "Customers", "客户";
    NavCompanies => "Companies", "公司";
    NavDeals => "Deals", "商机";
    NavOrders => "Orders", "订单";
    NavTickets => "Tickets", "工单";
    NavCampaigns => "Campaigns", "营销活动";
    NavAnalytics => "Analytics", "分析";
    NavSettings => "Settings", "设置";
    Language => "Language", "语言";
    Theme => "Theme", "主题";
    ThemeSystem => "Follow system", "跟随系统";
    ThemeLight => "Light", "浅色";
    ThemeDark => "Dark", "深色";
    ToggleTheme => "Switch between light and dark theme", "切换浅色/深色主题";
    OpeningWorkspace => "Opening your workspace…", "正在打开工作区…";
    LoadingDemo => "Loading demo data", "正在载入演示数据";
    LoadingDemoHint => "First visit: creating a demo company in this browser. Nothing leaves your machine.", "首次访问：正在此浏览器中创建演示公司。数据不会离开您的设备。";
    StorageFailed => "Your data could not be opened", "无法打开您的数据";
    StorageFailedHint => "Hearth keeps all records in this browser's IndexedDB. Check that site storage is allowed, then reload.", "Hearth 将所有记录保存在此浏览器的 IndexedDB 中。请确认允许网站存储后重新加载。";
    Records => "records", "条记录";
    People => "People", "联系人";
    Companies => "Companies", "公司";
    Products => "Products", "商品";
    Orders => "Orders", "订单";
    Deals => "Deals", "商机";
    Tickets => "Tickets", "工单";
    Campaigns => "Campaigns", "营销活动";
    Activities => "Activities", "活动记录";
    Tasks => "Tasks", "任务";
    Pipelines => "Pipelines", "销售流程";
    WorkspaceAtAGlance => "Your workspace at a glance", "工作区概览";
    RevenueByMonth => "Revenue by month", "每月收入";
    RevenueChartEmpty => "No orders yet: revenue appears here once orders are recorded.", "暂无订单：记录订单后此处将显示收入。";
    Month => "Month", "月份";
    NavSalesReports => "Sales reports", "销售报表";
    SalesReportsLead => "Revenue, pipeline and forecast for the dates and the owner you choose, worked out in this browser.", "按所选日期和负责人统计的收入、销售流程与预测，全部在此浏览器中计算。";
    ReportFrom => "From", "开始日期";
    ReportTo => "To", "结束日期";
    Everyone => "Everyone", "所有人";
    ReportDatesReversed => "The first date is after the last one.", "开始日期晚于结束日期。";
    SalesReportsEmpty => "No orders or deals in these dates. Widen the range, or import orders and deals on the Import page.", "这段日期内没有订单或商机。请扩大日期范围，或在“导入”页面导入订单和商机。";
    RevenueInRange => "Revenue", "收入";
    OrdersInRange => "Orders", "订单数";
    WinRate => "Win rate", "赢单率";
    SalesCycle => "Average sales cycle", "平均销售周期";
    DaysUnit => "days", "天";
    NavServiceReport => "Service report", "服务报表";
    ServiceReportLead => "Tickets opened and resolved, the backlog, response and resolution times against each priority's targets, and satisfaction, for the dates you choose, worked out in this browser.", "按所选日期统计的新建与已解决工单、积压、对照各优先级目标的响应和解决时间，以及满意度，全部在此浏览器中计算。";
    ServiceReportEmpty => "No tickets in these dates. Widen the range, or open or import tickets.", "这段日期内没有工单。请扩大日期范围，或新建、导入工单。";
    TicketsOpened => "Opened", "新建";
    TicketsResolved => "Resolved", "已解决";
    TicketBacklog => "Open at the end", "期末未结";
    MedianFirstResponse => "Median first response", "首次响应时间中位数";
    MedianResolution => "Median time to resolve", "解决时间中位数";
    FirstResponsesInTime => "First responses in time", "按时首次响应";
    ResolutionsInTime => "Resolved in time", "按时解决";
    AverageRating => "Average satisfaction", "平均满意度";
    ServiceByWeek => "Tickets by week", "每周工单";
    ServiceByAssignee => "Tickets by assignee", "按负责人统计的工单";
    WeekOf => "Week of", "周起始日";
    Unassigned => "Unassigned", "未分配";
    RatingsCount => "ratings", "条评分";
    OfMeasured => "of", "/";
    HoursShort => "h", "小时";
    DaysShort => "d", "天";
    MinutesShort => "min", "分钟";
    RevenueByOwner => "Revenue by owner", "按负责人统计的收入";
    RevenueByProduct => "Revenue by product", "按商品统计的收入";
    RevenueByCategory => "Revenue by category", "按类别统计的收入";
    TopCustomers => "Top customers", "主要客户";
    PipelineFunnel => "Pipeline funnel", "销售漏斗";
    ForecastByMonth => "Weighted forecast: the next twelve months by expected close (overdue deals in this month)", "加权预测：未来十二个月，按预计成交月份（逾期商机计入本月）";
    Units => "Units", "数量";
    Customer => "Customer", "客户";
    ReachedStage => "Deals that reached it", "到达该阶段的商机";
    ToNextStage => "Went on to the next stage", "进入下一阶段";
    OpenValue => "Open value", "未结金额";
    WeightedValue => "Weighted value", "加权金额";
    NoOwner => "(no owner)", "（无负责人）";
    NoCategory => "(no category)", "（无类别）";
    NoProduct => "(amount only)", "（仅金额）";
    StageReadingRecords => "reading records", "读取记录";
    Revenue => "Revenue", "收入";
    PageComingDescription => "Records stored in this browser.", "保存在此浏览器中的记录。";
    NewPerson => "New person", "新建联系人";
    FirstName => "First name", "名";
    LastName => "Last name", "姓";
    Email => "Email", "邮箱";
    Phone => "Phone", "电话";
    Save => "Save", "保存";
    Saving => "Saving…", "正在保存…";
    SavedPerson => "Person saved", "联系人已保存";
    Name => "Name", "姓名";
    Company => "Company", "公司";
    Lifecycle => "Lifecycle", "生命周期";
    RecentlyAdded => "Recently added", "最近添加";
    NoPeopleYet => "No people yet. Add the first one with the form above.", "还没有联系人。请用上方表单添加第一位。";
    LifecycleLead => "Lead", "线索";
    LifecycleProspect => "Prospect", "潜在客户";
    LifecycleCustomer => "Customer", "客户";
    LifecycleChurned => "Churned", "已流失";
    Workspace => "Workspace", "工作区";
    WorkspaceDemo => "This workspace holds demo data.", "此工作区包含演示数据。";
    WorkspaceEmpty => "This workspace was started empty.", "此工作区从空白开始。";
    ResetToDemo => "Reset to demo data", "重置为演示数据";
    StartEmpty => "Start empty", "从空白开始";
    ConfirmReplaceTitle => "Replace all records?", "替换所有记录？";
    ConfirmResetBody => "Every record in this browser is deleted and replaced by the demo company. This cannot be undone.", "此浏览器中的所有记录都将被删除并替换为演示公司。此操作无法撤销。";
    ConfirmEmptyBody => "Every record in this browser is deleted. This cannot be undone.", "此浏览器中的所有记录都将被删除。此操作无法撤销。";
    Confirm => "Yes, replace everything", "是，全部替换";
    Cancel => "Cancel", "取消";
    WorkspaceReplaced => "Workspace replaced", "工作区已替换";
    ReplacingWorkspace => "Replacing the workspace", "正在替换工作区";
    Appearance => "Appearance", "外观";
    NotFoundTitle => "Page not found", "页面不存在";
    NotFoundBody => "There is no page at this address.", "此地址没有页面。";
    BackToDashboard => "Back to the dashboard", "返回仪表盘";
    PrivacyNote => "All data stays in this browser.", "所有数据都保存在此浏览器中。";
    ErrorPrefix => "Something went wrong:", "出错了：";
    ProblemRequired => "is required", "为必填项";
    ProblemInvalidEmail => "is not a valid email address", "不是有效的邮箱地址";
    ProblemInvalidPhone => "is not a valid phone number", "不是有效的电话号码";
    ProblemInvalidUrl => "is not a valid web address (http or https)", "不是有效的网址（http 或 https）";
    ProblemInvalidDomain => "is not a valid web domain", "不是有效的域名";
    ProblemNegative => "must not be negative", "不能为负数";
    ProblemOutOfRange => "is out of range", "超出范围";
    ProblemEndBeforeStart => "must not come before the start", "不能早于开始时间";
    ProblemDuplicate => "appears twice", "重复出现";
    ProblemInvalidNumber => "is not a number", "不是数字";
    ProblemInvalidDate => "is not a date (YYYY-MM-DD)", "不是日期（YYYY-MM-DD）";
    ProblemNotAnOption => "is not one of the options", "不是可选项之一";
    ProblemAmountTooLarge => "is too large an amount to compute exactly", "金额过大，无法精确计算";
    ProblemNoSuchRecord => "names no existing record", "没有这条记录";
    ProblemNotACurrency => "is not a currency code such as EUR", "不是币种代码（如 CNY、EUR）";
    ProblemNotLinesTotal => "is not the total of the deal's products; edit the products instead", "与商机产品的合计不符，请改产品明细";
    BackupTitle => "Backup and restore", "备份与恢复";
    BackupLead => "A backup is one compressed file with every record of this workspace. It is made in this browser and saved where you choose; keep it somewhere safe.", "备份是一个包含本工作区全部记录的压缩文件，在本浏览器中生成并保存到你选择的位置；请妥善保管。";
    NoBackupYet => "No backup has been made in this browser yet.", "本浏览器尚未做过备份。";
    LastBackup => "Last backup:", "上次备份：";
    BackupIsOld => "Time for a new backup: the last one is", "该做新备份了：上次备份已过";
    DaysWord => "days", "天";
    BackupRemindAfter => "Remind me after", "提醒间隔";
    DownloadBackup => "Download a backup", "下载备份";
    RestoreFromBackup => "Restore from a backup file", "从备份文件恢复";
    BackupProgress => "Backup progress", "备份进度";
    BackupDone => "Backup downloaded:", "备份已下载：";
    RecordsWord => "records", "条记录";
    RestoreDone => "Restored:", "已恢复：";
    BackupCancelled => "Stopped; nothing was changed.", "已停止，未做任何更改。";
    BackupHolds => "What the backup holds", "备份内容";
    BackupMadeOn => "Made on", "创建于";
    SchemaVersion => "schema version", "数据结构版本";
    RestoreReplace => "Replace this workspace with it", "用它替换本工作区";
    RestoreMerge => "Merge it into this workspace", "合并到本工作区";
    ConfirmRestoreReplace => "Every record here is replaced by the backup's. Records added since the backup are lost.", "本工作区的所有记录都将被备份中的记录替换，备份之后新增的记录会丢失。";
    ConfirmRestoreMerge => "Records from the backup are added where missing, and replace older versions of the same record; everything else here stays.", "备份中的记录将补充缺失的记录，并替换同一记录的旧版本；其他记录保持不变。";
    StoreSavedViews => "Saved views", "已保存视图";
    StoreImportBatches => "Import undo data", "导入撤销数据";
    StoreMeta => "Workspace details", "工作区信息";
    ConfirmRestore => "Yes, restore", "是，恢复";
    NavImport => "Import", "导入";
    ImportTitle => "Import", "导入";
    ImportLead => "Bring people, companies, products, orders, tickets or deals in from a CSV file. The file is read in this browser and never uploaded; you check what it will do before anything is written, and every import can be reverted.", "从 CSV 文件导入客户、公司、商品、订单、工单或商机。文件只在本浏览器中读取，不会上传；写入前会先检查结果，每次导入都可以撤销。";
    ImportStepFile => "1. Choose a file", "1. 选择文件";
    ImportAs => "Import as", "导入为";
    ImportPickFile => "Choose a CSV file", "选择 CSV 文件";
    ImportDropHint => "or drop it here. Comma, semicolon, tab or pipe separated; UTF-8, UTF-16, GBK/GB18030 or Windows-1252.", "或拖放到这里。支持逗号、分号、制表符或竖线分隔；UTF-8、UTF-16、GBK/GB18030 或 Windows-1252 编码。";
    ImportChooseFile => "Choose a file first.", "请先选择文件。";
    Encoding => "Encoding", "编码";
    Detected => "(detected)", "（自动识别）";
    Delimiter => "Delimiter", "分隔符";
    DelimiterComma => "Comma ,", "逗号 ,";
    DelimiterSemicolon => "Semicolon ;", "分号 ;";
    DelimiterTab => "Tab", "制表符";
    DelimiterPipe => "Pipe |", "竖线 |";
    ImportMalformed => "Some bytes are not valid in this encoding: choose another encoding if the text looks wrong.", "部分字节不符合此编码：如果文字显示异常，请换一种编码。";
    ImportFirstRows => "2. First rows", "2. 前几行";
    ImportMapping => "3. Columns and fields", "3. 列与字段";
    Column => "Column", "列";
    Example => "Example", "示例";
    ImportsInto => "Imports into", "导入到";
    DoNotImport => "Don't import", "不导入";
    DateFormat => "Date format", "日期格式";
    ChooseDateFormat => "Which format?", "哪种格式？";
    DateIso => "Year-month-day (2026-03-01)", "年-月-日（2026-03-01）";
    DateCompact => "YYYYMMDD (20260301)", "YYYYMMDD（20260301）";
    DateDotted => "Day.month.year (01.03.2026)", "日.月.年（01.03.2026）";
    DateDayMonthYear => "Day/month/year (1/3/2026)", "日/月/年（1/3/2026）";
    DateMonthDayYear => "Month/day/year (3/1/2026)", "月/日/年（3/1/2026）";
    DateExcelSerial => "Spreadsheet serial number (46082)", "电子表格序列号（46082）";
    UpsertKey => "Find existing records by", "按此字段匹配已有记录";
    UpsertNone => "Nothing: every row is a new record", "不匹配：每行都新建记录";
    UpsertHint => "A row whose value matches a stored record updates it; other rows create records.", "与已有记录匹配的行会更新该记录，其余行新建记录。";
    CreateMissingCompanies => "Create companies the file names that do not exist yet", "文件中出现但尚不存在的公司自动创建";
    ImportSayDateFormat => "Say which date format this column uses:", "请选择此列使用的日期格式：";
    ImportCheck => "Check the file", "检查文件";
    ImportOtherFile => "Choose another file", "换一个文件";
    DryRunTitle => "4. What the import will do", "4. 导入结果预览";
    RowsRead => "rows read; nothing written yet.", "行已读取，尚未写入任何数据。";
    ImportNew => "new", "新建";
    ImportUpdated => "updated", "更新";
    ImportUnchanged => "unchanged", "无变化";
    ImportInvalid => "invalid", "无效";
    ImportCompaniesCreated => "companies created", "新建公司";
    CreateMissingCustomers => "Create customers and products the file names that do not exist yet (a customer by email or customer ID)", "文件中出现但尚不存在的客户和产品自动创建（客户按邮箱或客户编号）";
    ImportCustomersCreated => "customers and products created", "新建客户和产品";
    CreateMissingRequesters => "Create requesters and companies that do not exist yet", "自动创建尚不存在的提出人和公司";
    ImportRequestersCreated => "requesters and companies created", "新建提出人和公司";
    CreateMissingContacts => "Create contacts and companies that do not exist yet", "自动创建尚不存在的联系人和公司";
    ImportContactsCreated => "contacts and companies created", "新建联系人和公司";
    DealTitle => "Deal", "商机名称";
    Pipeline => "Pipeline", "销售流程";
    Stage => "Stage", "阶段";
    Amount => "Amount", "金额";
    Currency => "Currency", "币种";
    FindIn => "Find in", "查找";
    TypeToFind => "Type to find…", "输入以查找…";
    InOtherCurrencies => "+{count} in other currencies", "另有 {count} 个为其他币种";
    DealProductsHint => "With products, the deal's amount is their total.", "有产品时，商机金额即产品合计。";
    Contact => "Contact", "联系人";
    CloseDate => "Expected close", "预计成交日期";
    LostReason => "Lost reason", "丢单原因";
    Subject => "Subject", "主题";
    Requester => "Requester", "提出人";
    Channel => "Channel", "渠道";
    ChannelChat => "Chat", "在线聊天";
    ChannelWeb => "Web form", "网页表单";
    ChannelInPerson => "In person", "当面";
    Priority => "Priority", "优先级";
    PriorityLow => "Low", "低";
    PriorityNormal => "Normal", "普通";
    PriorityHigh => "High", "高";
    PriorityUrgent => "Urgent", "紧急";
    TicketStatus => "Status", "工单状态";
    TicketNew => "New", "新建";
    TicketOpen => "Open", "处理中";
    TicketPending => "Pending", "等待中";
    TicketResolved => "Resolved", "已解决";
    TicketClosed => "Closed", "已关闭";
    Opened => "Opened", "提交日期";
    SlaDue => "SLA due", "SLA 截止";
    ResolvedOn => "Resolved on", "解决日期";
    Satisfaction => "Satisfaction (1–5)", "满意度（1–5）";
    SatisfactionComment => "Customer's comment", "客户评价";
    ServiceLevel => "Service level", "服务级别";
    FirstResponse => "First response", "首次响应";
    Resolution => "Resolution", "解决";
    ClockRunning => "on track, due", "进行中，截止";
    ClockDueSoon => "due soon:", "即将到期：";
    ClockPaused => "paused while waiting on the customer", "等待客户回复，已暂停";
    ClockMet => "met", "已达成";
    ClockBreached => "breached, due", "已超时，截止";
    ClockNever => "no due time", "无截止时间";
    AllCampaigns => "All campaigns", "全部营销活动";
    CampaignsTable => "Campaigns table", "营销活动表格";
    SearchCampaigns => "Search campaigns", "搜索营销活动";
    SearchCampaignsHint => "Name, goal, segment or tag", "名称、目标、分群或标签";
    ShowingCampaigns => "Showing {shown} of {total} campaigns", "显示 {shown} / {total} 个营销活动";
    SelectAllMatchingCampaigns => "Select all matching campaigns", "选择全部匹配的营销活动";
    BulkActionsCampaigns => "Actions on the selected campaigns", "对所选营销活动的操作";
    NoCampaignsYet => "No campaigns yet. Plan the first one with the form above, or make one from an analysis group.", "还没有营销活动。请用上方表单规划第一个，或从分析结果的分组创建。";
    CampaignsLead => "Plan a campaign, take its target list from a segment with a control group held back, log responses, and see what it brought against the control group.", "规划营销活动，从分群中获取目标名单并保留对照组，记录响应，并与对照组比较活动带来的效果。";
    NavMarketingReport => "Marketing report", "营销报表";
    NewCampaign => "New campaign", "新建营销活动";
    SavedCampaign => "Campaign saved", "营销活动已保存";
    Campaign => "Campaign", "营销活动";
    CampaignNotFound => "This campaign does not exist (any more).", "此营销活动不存在（或已删除）。";
    DeleteCampaign => "Delete campaign", "删除营销活动";
    EveryoneSegment => "Everyone", "全部客户";
    NavSegments => "Segments", "客户分群";
    SegmentsLead => "A segment is a saved customer filter or a group an analysis found, counted as of now. A campaign takes a snapshot of one when its target list is taken.", "分群是保存的客户筛选条件或分析得出的客户组，人数按当前数据计算。活动在确定目标名单时会保存分群的快照。";
    SavedViewSegment => "Saved view", "已保存视图";
    RuleBuyersSegment => "Buyers of a rule's products", "规则商品的购买者";
    SegmentSourceHeading => "From", "来源";
    OpenInList => "Open in the list", "在列表中打开";
    MoreSegmentsHeading => "More segments", "更多分群";
    MoreSegmentsHint => "These analyses have not run yet: their groups are listed here once they have.", "以下分析尚未运行：运行后其客户组会列在这里。";
    PeopleUnit => "people", "人";
    ControlShare => "Control group (% held back)", "对照组（保留比例 %）";
    PercentRange => "must be a percentage from 0 to 100", "必须是 0 到 100 之间的百分比";
    SegmentEmpty => "This segment has nobody in it.", "该分群中没有任何人。";
    TargetList => "Target list", "目标名单";
    TargetListHint => "The list is taken once, from the segment as it is now: people who join the segment later are not added. The control group is drawn at random and never targeted.", "名单只获取一次，取自分群当前的成员：之后加入分群的人不会被加入。对照组随机抽取，永不触达。";
    TakeTargetList => "Take the target list", "获取目标名单";
    TargetsCount => "targets", "个目标";
    HeldBack => "held back", "个保留（对照组）";
    Response => "Response", "响应";
    ShowMore => "Show more", "显示更多";
    Target => "target", "目标";
    ControlMember => "control", "对照组";
    PersonId => "Person ID", "客户编号";
    MemberGroup => "Group", "分组";
    DownloadTargetList => "Download the target list (CSV)", "下载目标名单（CSV）";
    AttributedFrom => "Orders counted", "计入订单的日期";
    AttributedRevenue => "Attributed revenue", "归因收入";
    AttributedOrders => "Attributed orders", "归因订单";
    ConversionRate => "Conversion", "转化率";
    CostPerConversion => "Cost per conversion", "单次转化成本";
    Roi => "ROI", "投资回报率";
    ControlConversion => "Control group conversion", "对照组转化率";
    UpliftConversion => "Uplift in conversion", "转化率提升";
    UpliftRevenuePerMember => "Uplift in revenue per member", "人均收入提升";
    IncrementalRevenue => "Incremental revenue", "增量收入";
    CampaignResults => "What it brought", "活动效果";
    CampaignResultsHint => "Orders of its targets from its first day to its last plus the attribution window; the uplift compares them with the control group, per member.", "统计目标客户从首日到末日再加归因窗口期内的订单；提升值按人均与对照组比较。";
    PercentagePoints => "pts", "个百分点";
    CampaignName => "Campaign", "营销活动";
    CampaignStatus => "Status", "状态";
    Budget => "Budget", "预算";
    MarketingReportEmpty => "No campaigns to measure yet.", "还没有可衡量的营销活动。";
    CampaignsSideBySide => "Campaigns side by side (bars: ROI %)", "营销活动对比（柱形：投资回报率 %）";
    CampaignsByMonth => "By month they started (bars: attributed revenue)", "按开始月份（柱形：归因收入）";
    MarketingReportLead => "Every campaign measured against the orders of its targets and, where it has one, its control group.", "按目标客户的订单衡量每个营销活动，并在有对照组时与之比较。";
    Goal => "Goal", "目标";
    StartDate => "Start", "开始日期";
    EndDate => "End", "结束日期";
    AttributionDays => "Attribution window (days after the end)", "归因窗口（结束后天数）";
    ControlGroup => "Control group", "对照组";
    Targets => "Targets", "目标客户";
    CampaignPlanned => "Planned", "计划中";
    CampaignRunning => "Running", "进行中";
    CampaignDone => "Done", "已结束";
    ChannelSocial => "Social", "社交媒体";
    ChannelEvent => "Event", "活动";
    ChannelAds => "Ads", "广告";
    Responded => "responded", "已响应";
    Converted => "converted", "已转化";
    Unsubscribed => "unsubscribed", "已退订";
    CustomerRating => "How satisfied was the customer? (1 = not at all, 5 = very)", "客户满意度？（1 = 很不满意，5 = 非常满意）";
    NotRated => "not rated", "未评分";
    ResolveTicket => "Resolve ticket", "解决工单";
    ReopenTicket => "Reopen ticket", "重新打开工单";
    SlaMet => "Met", "已达成";
    SlaPaused => "Paused", "已暂停";
    SlaOnTrack => "On track", "正常";
    SlaDueSoon => "Due soon", "即将到期";
    SlaBreached => "Breached", "已超时";
    DueSoonCount => "due soon", "即将到期";
    ServiceLevels => "Service levels (SLA)", "服务级别（SLA）";
    ServiceLevelsHint => "Targets per priority, in hours. Counted in working hours where ticked, in the time zone below (empty: this browser's).", "按优先级设定目标（小时）。勾选“按工作时间计”的优先级只计下面时区内的工作时间（留空则用本浏览器的时区）。";
    FirstResponseHours => "First response (hours)", "首次响应（小时）";
    ResolutionHours => "Resolution (hours)", "解决（小时）";
    CountBusinessHours => "Working hours only", "按工作时间计";
    PauseWhenPending => "Pause while pending", "待回复时暂停";
    WorkingDays => "Working days", "工作日";
    Monday => "Mon", "周一";
    Tuesday => "Tue", "周二";
    Wednesday => "Wed", "周三";
    Thursday => "Thu", "周四";
    Friday => "Fri", "周五";
    Saturday => "Sat", "周六";
    Sunday => "Sun", "周日";
    Opens => "Opens", "上班时间";
    Closes => "Closes", "下班时间";
    TimeZone => "Time zone", "时区";
    Holidays => "Holidays (one date per line)", "节假日（每行一个日期）";
    SaveServiceLevels => "Save service levels", "保存服务级别";
    ServiceLevelsSaved => "Service levels saved: every ticket's clocks follow them.", "服务级别已保存：所有工单的计时都按新设置计算。";
    NotAHours => "is not a number of hours", "不是小时数";
    HoursRange => "must be more than 0 and at most a year", "必须大于 0 且不超过一年";
    NotATime => "is not a time (HH:MM)", "不是时间（HH:MM）";
    NotADay => "is not a date (YYYY-MM-DD)", "不是日期（YYYY-MM-DD）";
    UnknownZone => "is not a time zone this browser knows (such as Asia/Shanghai)", "不是浏览器认识的时区（例如 Asia/Shanghai）";
    Reply => "Reply", "回复";
    ReplyToCustomer => "Reply to the customer", "回复客户";
    LogReply => "Log reply", "记录回复";
    History => "History", "历史记录";
    NoHistory => "No changes yet.", "暂无变更。";
    ByNobody => "someone unnamed (an import, or no name set in Settings)", "未署名（导入，或未在设置中填写姓名）";
    ImportOrdersHint => "Rows with the same order number in a row make one order, one line item each; an order with one bad line is not imported at all. Without an order number every row is an order.", "连续几行订单号相同即为同一订单，每行一条明细；只要有一行有误，整张订单都不导入。没有订单号时，每行是一张订单。";
    OrderNumber => "Order number", "订单号";
    OrderCustomer => "Customer", "客户";
    OrderDate => "Order date", "下单日期";
    OrderStatusLabel => "Status", "订单状态";
    OrderDraft => "Draft", "草稿";
    OrderPlaced => "Placed", "已下单";
    OrderPaid => "Paid", "已付款";
    OrderShipped => "Shipped", "已发货";
    OrderCancelled => "Cancelled", "已取消";
    OrderRefunded => "Refunded", "已退款";
    Quantity => "Quantity", "数量";
    LineAmount => "Line amount", "金额";
    OrderTotal => "Total", "合计";
    ImportProblems => "Rows that will not be imported", "不会导入的行";
    Line => "Line", "行号";
    Problem => "Problem", "问题";
    MoreProblems => "more problems in the download", "条问题见下载文件";
    DownloadProblems => "Download problems (CSV)", "下载问题列表（CSV）";
    ImportRun => "Import", "导入";
    RowsWord => "rows", "行";
    OrdersWord => "orders", "张订单";
    Rows => "Rows", "行数";
    ImportBackToMapping => "Back to the mapping", "返回字段映射";
    ImportOpenList => "Open", "打开";
    ImportAnother => "Import another file", "导入另一个文件";
    ImportProgress => "Import progress", "导入进度";
    CheckProgress => "Checking the file", "正在检查文件";
    RowsPerSecond => "rows/s", "行/秒";
    TimeLeft => "about", "剩余约";
    ImportDone => "Imported:", "已导入：";
    ImportCancelledKept => "Cancelled; these rows were kept:", "已取消；以下行已保留：";
    ImportStoppedKept => "Stopped by an error; these rows were kept:", "因错误停止；以下行已保留：";
    ImportInterrupted => "Interrupted (the tab was closed, or storage filled up); these rows were kept:", "已中断（标签页被关闭或存储空间已满）；以下行已保留：";
    ImportReverted => "Reverted:", "已撤销：";
    ImportHistory => "Import history", "导入历史";
    ImportHistoryEmpty => "No imports yet.", "还没有导入记录。";
    ImportStarted => "Started", "开始时间";
    ImportFile => "File", "文件";
    ImportOutcome => "Outcome", "结果";
    RevertImport => "Revert", "撤销";
    RevertedRecords => "Reverted records:", "已撤销记录：";
    RevertSkipped => "left as they are because they changed since:", "因之后被修改而保留：";
    JobTitle => "Job title", "职位";
    Source => "Source", "来源";
    Owner => "Owner", "负责人";
    Tags => "Tags", "标签";
    City => "City", "城市";
    Created => "Created", "创建时间";
    Updated => "Updated", "更新时间";
    Yes => "Yes", "是";
    No => "No", "否";
    AllPeople => "All people", "全部联系人";
    PeopleTable => "People table", "联系人表格";
    Loading => "Loading…", "正在载入…";
    ShowingOf => "Showing {shown} of {total} people", "显示 {shown} / {total} 位联系人";
    SearchPeople => "Search people", "搜索联系人";
    SearchPeopleHint => "Name, email, phone, company or tag", "姓名、邮箱、电话、公司或标签";
    Columns => "Columns", "列";
    Filters => "Filters", "筛选";
    Match => "Match", "匹配";
    MatchAll => "all conditions (AND)", "全部条件（并且）";
    MatchAny => "any condition (OR)", "任一条件（或者）";
    AddFilter => "Add filter", "添加筛选条件";
    FilterField => "Filter field", "筛选字段";
    FilterOperator => "Filter operator", "筛选方式";
    FilterValue => "Filter value", "筛选值";
    RemoveFilter => "Remove filter", "删除筛选条件";
    OpContains => "contains", "包含";
    OpNotContains => "does not contain", "不包含";
    OpIs => "is", "等于";
    OpIsNot => "is not", "不等于";
    OpIsEmpty => "is empty", "为空";
    OpIsNotEmpty => "is not empty", "不为空";
    OpGreaterThan => "is greater than", "大于";
    OpLessThan => "is less than", "小于";
    BackToCustomers => "All customers", "全部客户";
    PersonNotFound => "This person does not exist (any more).", "此联系人不存在（或已删除）。";
    Details => "Details", "详细信息";
    Edit => "Edit", "编辑";
    Emails => "Emails", "邮箱";
    Phones => "Phones", "电话";
    CommaSeparated => "separate several with commas; the first is primary", "多个请用逗号分隔；第一个为主";
    TagsHint => "separate tags with commas", "多个标签请用逗号分隔";
    AmountHint => "an amount such as 12.50", "金额，例如 12.50";
    Notes => "Notes", "备注";
    SavedChanges => "Changes saved", "更改已保存";
    WorkspaceBlocked => "Close other Hearth tabs", "请关闭其他 Hearth 标签页";
    WorkspaceBlockedHint => "Another tab is using an older version of this workspace. Close it (or reload it) and this page opens by itself.", "另一个标签页正在使用此工作区的旧版本。关闭（或重新加载）该标签页后，本页会自动打开。";
    WorkspaceOutdated => "This workspace changed under this page", "此工作区已在本页之外发生变化";
    WorkspaceOutdatedHint => "Another tab opened it with a newer version of Hearth, or its storage was cleared. Reload this page to keep working.", "另一个标签页用更新版本的 Hearth 打开了它，或其存储已被清除。请重新加载本页以继续使用。";
    ReloadPage => "Reload the page", "重新加载页面";
    AxisSupport => "support (share of baskets)", "支持度（购物篮占比）";
    AxisConfidence => "confidence", "置信度";
    AxisAlive => "P(alive): chance the customer is still active", "P(活跃)：客户仍活跃的概率";
    AxisClv => "lifetime value", "客户终身价值";
    AxisClusters => "number of clusters (k)", "群组数（k）";
    AxisSilhouette => "silhouette (cluster separation)", "轮廓系数（群组区分度）";
    AxisFirstComponent => "first principal component ({share} % of the spread)", "第一主成分（占差异的 {share} %）";
    AxisSecondComponent => "second principal component ({share} % of the spread)", "第二主成分（占差异的 {share} %）";
    StopReplacing => "Stop", "停止";
    ReplacingStopped => "Stopped: the workspace is as it was.", "已停止：工作区保持原样。";
    StageReadingOrders => "reading orders", "读取订单";
    StageGenerating => "generating the demo company", "生成演示公司";
    StageWriting => "writing records", "写入记录";
    StageBaskets => "building baskets", "构建购物篮";
    StagePurchaseModel => "fitting the purchase model", "拟合购买模型";
    StageSpendModel => "fitting the spend model", "拟合消费模型";
    StageHoldout => "checking against the holdout", "用保留期数据检验";
    StageForecasts => "forecasting each customer", "预测每位客户";
    StageRfmScores => "scoring customers", "为客户评分";
    StageRfmTrend => "segment trend", "细分趋势";
    StageKmeans => "clustering", "聚类";
    StageRestarts => "clustering from new starts", "多次重新聚类";
    StageProfiles => "profiling the clusters", "描述各个群组";
    StageTree => "building the FP-tree", "构建 FP 树";
    StageItemsets => "finding frequent itemsets", "查找频繁项集";
    StorageFull => "Storage is full: nothing was saved. Free space on this device, or empty the trash.", "存储空间已满：未保存任何内容。请释放本设备的空间，或清空回收站。";
    StorageNotOpen => "The workspace is not open yet: nothing was saved.", "工作区尚未打开：未保存任何内容。";
    StorageUnavailable => "This browser offers no storage for the app (a private window may block it).", "此浏览器未为应用提供存储（隐私窗口可能会阻止）。";
    StorageTaken => "Another record already has this value: nothing was saved.", "已有其他记录使用此值：未保存任何内容。";
    StorageRolledBack => "The change was rolled back: nothing was saved.", "更改已回滚：未保存任何内容。";
    StorageUnreadable => "A stored record could not be read:", "无法读取已存储的记录：";
    Storage => "Storage in this browser", "本浏览器中的存储";
    StoragePersisted => "Kept persistently", "持久保存";
    StorageNotPersisted => "No: the browser may clear it when space runs low", "否：空间不足时浏览器可能会清除数据";
    StorageUsed => "Used of the quota", "已用 / 配额";
    Problems => "Records that could not be read", "无法读取的记录";
    ProblemsHint => "These stored records are damaged and are left out of lists and analyses; everything else works.", "这些已存储的记录已损坏，已从列表和分析中略去；其余一切正常。";
    WorkspaceVanished => "Your data is gone from this browser", "您的数据已从此浏览器中消失";
    WorkspaceVanishedHint => "This browser held a Hearth workspace, but its database is now empty: the browser or someone cleared the site's storage. Nothing was replaced. Choose how to go on.", "此浏览器曾保存 Hearth 工作区，但其数据库现在是空的：浏览器或有人清除了本站的存储。没有替换任何内容。请选择接下来的操作。";
    ChangedElsewhere => "This record was changed elsewhere (in another tab or by another action) since you opened it. Nothing was saved: reload it, or merge your changes into it.", "自您打开以来，此记录已在别处（另一个标签页或其他操作）被修改。未保存任何内容：请重新加载，或将您的修改合并进去。";
    ReloadRecord => "Reload (discard my changes)", "重新加载（放弃我的修改）";
    MergeMyChanges => "Merge my changes", "合并我的修改";
    MergedOverriding => "Merged. Your values replaced the other change in:", "已合并。以下字段采用了您的值，覆盖了另一处的修改：";
    UndoRefused => "Cannot undo: a record changed since. Nothing was undone.", "无法撤销：有记录在此之后被修改。未撤销任何内容。";
    Timeline => "Timeline", "时间线";
    ShowKind => "Show", "显示";
    KindAll => "Everything", "全部";
    KindNote => "Note", "备注";
    KindCall => "Call", "电话";
    KindEmail => "Email", "邮件";
    KindMeeting => "Meeting", "会议";
    KindTask => "Task", "任务";
    KindOrder => "Order", "订单";
    KindDeal => "Deal", "商机";
    KindTicket => "Ticket", "工单";
    NoTimelineYet => "Nothing here yet. Log a note or add a task above.", "暂无记录。请在上方记录备注或添加任务。";
    LogActivity => "Log an activity", "记录活动";
    ActivityType => "Type", "类型";
    Summary => "Summary", "摘要";
    Body => "Description", "描述";
    LogIt => "Log it", "记录";
    Logged => "Activity logged", "活动已记录";
    NewTask => "New task", "新建任务";
    TaskTitle => "Task", "任务";
    DueAt => "Due", "截止时间";
    AddTask => "Add task", "添加任务";
    TaskAdded => "Task added", "任务已添加";
    OpenItem => "open", "未完成";
    DeletePerson => "Delete person", "删除联系人";
    ConfirmDeleteRecord => "Move this record to the trash? You can restore it from there.", "将此记录移到回收站？之后可以从回收站恢复。";
    YesDelete => "Yes, delete", "是，删除";
    Select => "Select", "选择";
    SelectAllMatching => "Select all matching people", "选择全部匹配的联系人";
    BulkActions => "Actions on the selected people", "对所选联系人的操作";
    SelectAllMatchingCompanies => "Select all matching companies", "选择全部匹配的公司";
    BulkActionsCompanies => "Actions on the selected companies", "对所选公司的操作";
    SelectedCount => "{count} selected", "已选择 {count} 项";
    TagToAdd => "Tag to add", "要添加的标签";
    AddTag => "Add tag", "添加标签";
    LifecycleToSet => "Lifecycle to set", "要设置的生命周期";
    SetLifecycle => "Set lifecycle", "设置生命周期";
    OwnerToAssign => "Owner to assign", "要分配的负责人";
    AssignOwner => "Assign owner", "分配负责人";
    DeleteSelected => "Delete selected", "删除所选";
    ClearSelection => "Clear selection", "取消选择";
    DoneTagged => "Tagged", "已添加标签";
    DoneLifecycleSet => "Lifecycle set", "已设置生命周期";
    DoneOwnerAssigned => "Owner assigned", "已分配负责人";
    DoneDeleted => "Moved to the trash", "已移到回收站";
    DoneMerged => "Merged", "已合并";
    Undo => "Undo", "撤销";
    Dismiss => "Dismiss", "关闭";
    UndoneMessage => "Undone", "已撤销";
    RecordsAffected => "{label}: {count} records", "{label}：{count} 条记录";
    Trash => "Trash", "回收站";
    TrashHint => "Deleted people and companies wait here until you restore them or empty the trash.", "删除的联系人和公司会保留在这里，直到您恢复或清空回收站。";
    TrashEmpty => "The trash is empty.", "回收站是空的。";
    DeletedAt => "Deleted", "删除时间";
    Restore => "Restore", "恢复";
    EmptyTrash => "Empty trash", "清空回收站";
    ConfirmEmptyTrash => "Delete everything in the trash for good? This cannot be undone.", "永久删除回收站中的所有内容？此操作无法撤销。";
    Duplicates => "Duplicates", "重复记录";
    FindDuplicates => "Find duplicates", "查找重复";
    DuplicatesHint => "People who share an email address or phone number, or have the same name at the same company.", "共用邮箱或电话、或在同一公司同名的联系人。";
    NoDuplicates => "No likely duplicates found.", "未发现可能的重复记录。";
    ReasonSameEmail => "same email", "邮箱相同";
    ReasonSamePhone => "same phone", "电话相同";
    ReasonSameName => "same name at the same company", "同一公司同名";
    MergeEllipsis => "Merge…", "合并…";
    MergeTitle => "Merge two people", "合并两位联系人";
    MergeHint => "The record you keep takes the values you pick, every email, phone and tag of both, and the other's activities, tasks, orders, deals and tickets. The other goes to the trash.", "保留的记录将采用您选择的值、双方所有邮箱、电话和标签，以及另一方的活动、任务、订单、商机和工单。另一方将移到回收站。";
    KeepRecord => "Record to keep", "保留的记录";
    MergeNow => "Merge", "合并";
    PairCount => "{count} possible duplicates", "{count} 组可能的重复";
    Address => "Address", "地址";
    NavTasks => "Tasks", "任务";
    You => "You", "您";
    YourName => "Your name", "您的名字";
    YourNameHint => "Used for “only my tasks” and as the assignee of new tasks. Stays in this browser.", "用于“只看我的任务”，并作为新任务的负责人。仅保存在此浏览器中。";
    SetYourNameHint => "Set your name in Settings to see only your tasks.", "在设置中填写您的名字即可只看自己的任务。";
    OnlyMyTasks => "Only my tasks", "只看我的任务";
    Overdue => "Overdue", "已逾期";
    DueToday => "Due today", "今天到期";
    Upcoming => "Upcoming", "即将到期";
    NoDueDate => "No due date", "无截止时间";
    RecentlyDone => "Recently done", "最近完成";
    NothingOverdue => "Nothing overdue.", "没有逾期任务。";
    NothingToday => "Nothing due today.", "今天没有到期的任务。";
    NothingUpcoming => "Nothing upcoming.", "没有即将到期的任务。";
    NothingUndated => "No undated tasks.", "没有无截止时间的任务。";
    NothingDone => "Nothing done yet.", "还没有完成的任务。";
    MarkDone => "Mark done:", "标记完成：";
    Reopen => "Reopen:", "重新打开：";
    OpenRecord => "Open record", "打开记录";
    TaskUpdated => "Task updated", "任务已更新";
    Assignee => "Assignee", "负责人";
    TaskFallsDue => "Due now:", "现在到期：";
    OpenTasks => "Open tasks", "打开任务";
    OverdueTasks => "Overdue tasks", "逾期任务";
    SavedViews => "View", "视图";
    ViewName => "Save this view as", "将此视图另存为";
    SaveView => "Save view", "保存视图";
    ViewSaved => "View saved", "视图已保存";
    DeleteView => "Delete view", "删除视图";
    PaletteTitle => "Go to a page or person", "前往页面或联系人";
    PalettePlaceholder => "Type a page or a person's name, email, phone…", "输入页面名称，或联系人的姓名、邮箱、电话…";
    PaletteGoToPage => "page", "页面";
    PalettePerson => "person", "联系人";
    KeyboardShortcuts => "Keyboard shortcuts", "键盘快捷键";
    ShortcutPalette => "Go to any page or person", "前往任意页面或联系人";
    ShortcutSearch => "Search the list", "搜索列表";
    ShortcutNewPerson => "New person", "新建联系人";
    ShortcutSave => "Save the form you are editing", "保存正在编辑的表单";
    ShortcutListMove => "Move between rows of the list", "在列表行之间移动";
    ShortcutHelp => "Show these shortcuts", "显示这些快捷键";
    ShortcutClose => "Close a dialog", "关闭对话框";
    Close => "Close", "关闭";
    LoadLargeSample => "Load the large sample (100,000 customers)", "载入大型示例（100,000 位客户）";
    ConfirmLargeBody => "Every record in this browser is replaced by a generated company with 100,000 customers and about a million order lines. Writing it takes a few minutes.", "此浏览器中的所有记录都将被替换为一个拥有 100,000 位客户、约一百万条订单明细的生成公司。写入需要几分钟。";
    WorkspaceLargeDemo => "This workspace holds the large demo (100,000 customers).", "此工作区包含大型演示数据（100,000 位客户）。";
    AllCompanies => "All companies", "全部公司";
    CompaniesTable => "Companies table", "公司表格";
    SearchCompanies => "Search companies", "搜索公司";
    SearchCompaniesHint => "Name, domain, industry, city or tag", "名称、域名、行业、城市或标签";
    ShowingCompanies => "Showing {shown} of {total} companies", "显示 {shown} / {total} 家公司";
    NoCompaniesYet => "No companies yet. Add the first one with the form above.", "还没有公司。请用上方表单添加第一家。";
    Domain => "Domain", "域名";
    Industry => "Industry", "行业";
    Employees => "Employees", "员工数";
    LoadingEveryone => "Showing the newest; loading the rest…", "显示最新记录；正在载入其余…";
    NewCompany => "New company", "新建公司";
    CompanyName => "Company name", "公司名称";
    SavedCompany => "Company saved", "公司已保存";
    BackToCompanies => "All companies", "全部公司";
    CompanyNotFound => "This company does not exist (any more).", "此公司不存在（或已删除）。";
    DeleteCompany => "Delete company", "删除公司";
    DeleteProduct => "Delete product", "删除商品";
    BackToProducts => "All products", "全部商品";
    ProductNotFound => "This product does not exist (any more).", "此商品不存在（或已删除）。";
    NoneChosen => "—", "—";
    CustomFields => "Custom fields", "自定义字段";
    CustomFieldsHint => "Your own fields on people and companies: shown in their forms, lists, filters and exports.", "在联系人和公司上添加自己的字段：显示在表单、列表、筛选和导出中。";
    FieldLabel => "Label", "名称";
    AppliesTo => "Applies to", "适用于";
    FieldType => "Type", "类型";
    FieldOptions => "Options (comma-separated)", "选项（逗号分隔）";
    AddField => "Add field", "添加字段";
    FieldAdded => "Field added", "字段已添加";
    DeleteField => "Delete field", "删除字段";
    NoCustomFields => "No custom fields yet.", "还没有自定义字段。";
    KindText => "Text", "文本";
    KindNumber => "Number", "数字";
    KindDate => "Date", "日期";
    KindSingleSelect => "Single select", "单选";
    KindMultiSelect => "Multi select", "多选";
    KindCheckbox => "Checkbox", "复选框";
    KindUrl => "Web address", "网址";
    KindCurrency => "Currency", "金额";
    ExportVcard => "Export vCard", "导出 vCard";
    ExportCsv => "Export CSV", "导出 CSV";
    Group => "Group", "条件组";
    AddGroup => "Add group", "添加条件组";
    RemoveGroup => "Remove group", "删除条件组";
    FieldToSet => "Field to set", "要设置的字段";
    Value => "Value", "值";
    SetField => "Set field", "设置字段";
    DoneFieldSet => "Field set", "已设置字段";
    FieldFirstName => "Name", "姓名";
    FieldEmails => "Email", "邮箱";
    FieldPhones => "Phone", "电话";
    Sku => "SKU", "SKU";
    ExternalId => "External id", "外部编号";
    ProductName => "Product name", "商品名称";
    Active => "Active", "在售";
    AllProducts => "All products", "全部商品";
    ProductsTable => "Products table", "商品表格";
    SearchProducts => "Search products", "搜索商品";
    SearchProductsHint => "SKU, name, category or tag", "SKU、名称、类别或标签";
    ShowingProducts => "Showing {shown} of {total} products", "显示 {shown} / {total} 件商品";
    SelectAllMatchingProducts => "Select all matching products", "选择全部匹配的商品";
    BulkActionsProducts => "Actions on the selected products", "对所选商品的操作";
    AllDeals => "All deals", "全部商机";
    DealsTable => "Deals table", "商机表格";
    SearchDeals => "Search deals", "搜索商机";
    SearchDealsHint => "Deal, stage, contact, company or tag", "商机、阶段、联系人、公司或标签";
    ShowingDeals => "Showing {shown} of {total} deals", "显示 {shown} / {total} 个商机";
    SelectAllMatchingDeals => "Select all matching deals", "选择全部匹配的商机";
    BulkActionsDeals => "Actions on the selected deals", "对所选商机的操作";
    NoDealsYet => "No deals yet. Import them from a CSV file (Import, as deals).", "还没有商机。可从 CSV 文件导入（导入页，选择“商机”）。";
    AllOrders => "All orders", "全部订单";
    OrdersTable => "Orders table", "订单表格";
    SearchOrders => "Search orders", "搜索订单";
    SearchOrdersHint => "Order number, customer, company or tag", "订单号、客户、公司或标签";
    ShowingOrders => "Showing {shown} of {total} orders", "显示 {shown} / {total} 个订单";
    SelectAllMatchingOrders => "Select all matching orders", "选择全部匹配的订单";
    BulkActionsOrders => "Actions on the selected orders", "对所选订单的操作";
    NoOrdersListed => "No orders yet. Import them from a CSV file (Import, as orders).", "还没有订单。可从 CSV 文件导入（导入页，选择“订单”）。";
    ExportLineItems => "Export line items (CSV)", "导出订单明细（CSV）";
    NoProductsYet => "No products yet. Add the first one with the form above.", "还没有商品。请用上方表单添加第一件。";
    AllTickets => "All tickets", "全部工单";
    TicketsTable => "Tickets table", "工单表格";
    SearchTickets => "Search tickets", "搜索工单";
    SearchTicketsHint => "Subject, requester, assignee or tag", "主题、提交人、处理人或标签";
    ShowingTickets => "Showing {shown} of {total} tickets", "显示 {shown} / {total} 个工单";
    SelectAllMatchingTickets => "Select all matching tickets", "选择全部匹配的工单";
    BulkActionsTickets => "Actions on the selected tickets", "对所选工单的操作";
    NoTicketsYet => "No tickets yet. Open the first one with the form above.", "还没有工单。请用上方表单新建第一个。";
    NewTicket => "New ticket", "新建工单";
    SavedTicket => "Ticket saved", "工单已保存";
    Ticket => "Ticket", "工单";
    BackToTickets => "All tickets", "全部工单";
    TicketNotFound => "This ticket does not exist (any more).", "此工单不存在（或已删除）。";
    DeleteTicket => "Delete ticket", "删除工单";
    NewProduct => "New product", "新建商品";
    SavedProduct => "Product saved", "商品已保存";
    Order => "Order", "订单";
    BackToOrders => "All orders", "全部订单";
    OrderNotFound => "This order does not exist (any more).", "此订单不存在（或已删除）。";
    DeleteOrder => "Delete order", "删除订单";
    LineItems => "Line items", "订单明细";
    AddLine => "Add line", "添加明细";
    RemoveLine => "Remove line", "删除明细";
    NewOrder => "New order", "新建订单";
    OrderCreated => "Draft order created", "草稿订单已创建";
    Deal => "Deal", "商机";
    BackToDeals => "All deals", "全部商机";
    DealNotFound => "This deal does not exist (any more).", "此商机不存在（或已删除）。";
    DeleteDeal => "Delete deal", "删除商机";
    DealsBoard => "Deals board", "商机看板";
    NavBoard => "Deals board", "商机看板";
    BoardView => "Board view", "看板视图";
    DealsAsTable => "Table view", "表格视图";
    BoardKeysHint => "Drag a card to another stage, or focus it and press ← or → to move it one stage.", "将卡片拖到另一阶段，或选中卡片后按 ← 或 → 移动一个阶段。";
    MovedDeal => "Moved “{card}” to {column}", "已将“{card}”移至{column}";
    DealChangedElsewhere => "This deal was changed elsewhere (another tab or window): the board shows it as stored now. Move it again.", "此商机已在别处（其他标签页或窗口）更改：看板显示的是当前保存的内容。请重新移动。";
    Stale => "Stale", "停滞";
    MoveTo => "Move to", "移至";
    MoveDeal => "Move deal", "移动商机";
    DealCount => "Deals: {count}", "商机：{count}";
    NavTicketBoard => "Ticket board", "工单看板";
    TicketsAsTable => "Table view", "表格视图";
    TicketBoardKeysHint => "Drag a card to another status, or focus it and press ← or → to move it one status.", "将卡片拖到另一状态，或选中卡片后按 ← 或 → 移动一个状态。";
    TicketCount => "Tickets: {count}", "工单：{count}";
    MovedTicket => "Moved “{card}” to {column}", "已将“{card}”移至{column}";
    TicketChangedElsewhere => "This ticket was changed elsewhere (another tab or window): the board shows it as stored now. Move it again.", "此工单已在别处（其他标签页或窗口）更改：看板显示的是当前保存的内容。请重新移动。";
    ShowMoreCards => "Show {count} more", "再显示 {count} 个";
    NewDeal => "New deal", "新建商机";
    SavedDeal => "Deal saved", "商机已保存";
    StagesSaved => "Stages saved", "阶段已保存";
    PipelineCreated => "Pipeline created", "销售流程已创建";
    OutcomeOpen => "Open", "进行中";
    OutcomeWon => "Won", "赢单";
    OutcomeLost => "Lost", "丢单";
    StageInUse => "“{stage}” still holds deals ({count}): move them to another stage first.", "“{stage}”中还有 {count} 个商机：请先将它们移到其他阶段。";
    LastStageKept => "A pipeline keeps at least one stage.", "销售流程至少保留一个阶段。";
    StageNeedsName => "Every stage and the pipeline need a name.", "每个阶段和销售流程都需要名称。";
    StageNameOf => "Name of stage {stage}", "阶段 {stage} 的名称";
    ProbabilityOf => "Win probability of {stage} (%)", "{stage} 的赢单概率（%）";
    OutcomeOf => "Outcome of {stage}", "{stage} 的结果";
    MoveStageUp => "Move {stage} earlier", "将 {stage} 前移";
    MoveStageDown => "Move {stage} later", "将 {stage} 后移";
    RemoveStage => "Remove {stage}", "删除 {stage}";
    Remove => "Remove", "删除";
    EditStages => "Edit stages", "编辑阶段";
    PipelineName => "Pipeline name", "销售流程名称";
    WinProbability => "Win probability (%)", "赢单概率（%）";
    Outcome => "Outcome", "结果";
    Actions => "Actions", "操作";
    NewStageName => "New stage", "新阶段";
    AddStage => "Add stage", "添加阶段";
    SaveStages => "Save stages", "保存阶段";
    NewPipeline => "New pipeline", "新建销售流程";
    CreatePipeline => "Create pipeline", "创建销售流程";
    SalesSettings => "Sales", "销售";
    StaleAfter => "Mark open deals stale after", "进行中的商机无活动多少天后标记为停滞";
}

impl Msg {
    /// The message for a validation problem.
    pub fn for_problem(problem: &Problem) -> Msg {
        match problem {
            Problem::Required => Msg::ProblemRequired,
            Problem::InvalidEmail => Msg::ProblemInvalidEmail,
            Problem::InvalidPhone => Msg::ProblemInvalidPhone,
            Problem::InvalidUrl => Msg::ProblemInvalidUrl,
            Problem::InvalidDomain => Msg::ProblemInvalidDomain,
            Problem::Negative => Msg::ProblemNegative,
            Problem::OutOfRange { .. } => Msg::ProblemOutOfRange,
            Problem::EndBeforeStart => Msg::ProblemEndBeforeStart,
            Problem::Duplicate => Msg::ProblemDuplicate,
            Problem::InvalidNumber => Msg::ProblemInvalidNumber,
            Problem::InvalidDate => Msg::ProblemInvalidDate,
            Problem::NotAnOption => Msg::ProblemNotAnOption,
            Problem::AmountTooLarge => Msg::ProblemAmountTooLarge,
            Problem::NoSuchRecord => Msg::ProblemNoSuchRecord,
            Problem::NotACurrency => Msg::ProblemNotACurrency,
            Problem::NotLinesTotal => Msg::ProblemNotLinesTotal,
        }
    }

    /// The words for an engine stage name the worker reports (`"fit BG/NBD"`), if known.
    pub fn for_stage(stage: &str) -> Option<Msg> {
        Some(match stage {
            "reading orders" => Msg::StageReadingOrders,
            "reading records" => Msg::StageReadingRecords,
            "generating" => Msg::StageGenerating,
            "writing" => Msg::StageWriting,
            "baskets" => Msg::StageBaskets,
            "purchase model" | "fit BG/NBD" => Msg::StagePurchaseModel,
            "spend model" | "fit Gamma-Gamma" => Msg::StageSpendModel,
            "holdout check" => Msg::StageHoldout,
            "customer forecasts" => Msg::StageForecasts,
            "rfm scores" => Msg::StageRfmScores,
            "rfm trend" => Msg::StageRfmTrend,
            "k-means" => Msg::StageKmeans,
            "k-means restarts" => Msg::StageRestarts,
            "profiles" => Msg::StageProfiles,
            "build FP-tree" => Msg::StageTree,
            "mine itemsets" => Msg::StageItemsets,
            _ => return None,
        })
    }

    /// The label of a form field named by a validation error (`emails[0]` → Email).
    pub fn for_field(field: &str) -> Option<Msg> {
        // A line item's field (`lines[1].discount`) is named by its last part.
        let field = field.rsplit('.').next().unwrap_or(field);
        match field.split('[').next().unwrap_or(field) {
            "lines" => Some(Msg::LineItems),
            "first_name" => Some(Msg::FieldFirstName),
            "emails" => Some(Msg::FieldEmails),
            "phones" => Some(Msg::FieldPhones),
            "summary" => Some(Msg::Summary),
            "title" => Some(Msg::TaskTitle),
            "label" => Some(Msg::FieldLabel),
            "unit_price" | "price" => Some(Msg::UnitPrice),
            "value" => Some(Msg::Amount),
            other => Msg::for_label(other),
        }
    }

    /// The message an entity's field table names a label or a select option by (`"job_title"`,
    /// `"customer"`), if the catalogue has it.
    pub fn for_label(key: &str) -> Option<Msg> {
        Some(match key {
            "name" => Msg::Name,
            "first_name" => Msg::FirstName,
            "last_name" => Msg::LastName,
            "email" => Msg::Email,
            "emails" => Msg::Emails,
            "phone" => Msg::Phone,
            "phones" => Msg::Phones,
            "company" => Msg::Company,
            "job_title" => Msg::JobTitle,
            "lifecycle" => Msg::Lifecycle,
            "source" => Msg::Source,
            "owner" => Msg::Owner,
            "tags" => Msg::Tags,
            "city" => Msg::City,
            "notes" => Msg::Notes,
            "created" => Msg::Created,
            "updated" => Msg::Updated,
            "company_name" => Msg::CompanyName,
            "domain" => Msg::Domain,
            "industry" => Msg::Industry,
            "employees" => Msg::Employees,
            "people" => Msg::People,
            "sku" => Msg::Sku,
            "external_id" => Msg::ExternalId,
            "product_name" => Msg::ProductName,
            "category" => Msg::Category,
            "unit_price" => Msg::UnitPrice,
            "discount" => Msg::Discount,
            "active" => Msg::Active,
            "lead" => Msg::LifecycleLead,
            "prospect" => Msg::LifecycleProspect,
            "customer" => Msg::LifecycleCustomer,
            "churned" => Msg::LifecycleChurned,
            "order_number" => Msg::OrderNumber,
            "order_customer" => Msg::OrderCustomer,
            "order_date" => Msg::OrderDate,
            "order_status" => Msg::OrderStatusLabel,
            "draft" => Msg::OrderDraft,
            "placed" => Msg::OrderPlaced,
            "paid" => Msg::OrderPaid,
            "shipped" => Msg::OrderShipped,
            "cancelled" => Msg::OrderCancelled,
            "refunded" => Msg::OrderRefunded,
            "product" => Msg::Product,
            "quantity" => Msg::Quantity,
            "line_amount" => Msg::LineAmount,
            "order_total" => Msg::OrderTotal,
            "subject" => Msg::Subject,
            "requester" => Msg::Requester,
            "channel" => Msg::Channel,
            "chat" => Msg::ChannelChat,
            "web" => Msg::ChannelWeb,
            "in_person" => Msg::ChannelInPerson,
            "priority" => Msg::Priority,
            "low" => Msg::PriorityLow,
            "normal" => Msg::PriorityNormal,
            "high" => Msg::PriorityHigh,
            "urgent" => Msg::PriorityUrgent,
            "ticket_status" => Msg::TicketStatus,
            "new" => Msg::TicketNew,
            "open" => Msg::TicketOpen,
            "pending" => Msg::TicketPending,
            "resolved" => Msg::TicketResolved,
            "closed" => Msg::TicketClosed,
            "assignee" => Msg::Assignee,
            "opened" => Msg::Opened,
            "sla_due" => Msg::SlaDue,
            "service_level" => Msg::ServiceLevel,
            "campaign_name" => Msg::CampaignName,
            "campaign_status" => Msg::CampaignStatus,
            "planned" => Msg::CampaignPlanned,
            "running" => Msg::CampaignRunning,
            "done" => Msg::CampaignDone,
            "social" => Msg::ChannelSocial,
            "event" => Msg::ChannelEvent,
            "ads" => Msg::ChannelAds,
            "start_date" => Msg::StartDate,
            "end_date" => Msg::EndDate,
            "budget" => Msg::Budget,
            "goal" => Msg::Goal,
            "attribution_days" => Msg::AttributionDays,
            "segment" => Msg::Segment,
            "targets" => Msg::Targets,
            "control_group" => Msg::ControlGroup,
            "responded" => Msg::Responded,
            "converted" => Msg::Converted,
            "unsubscribed" => Msg::Unsubscribed,
            "sla_met" => Msg::SlaMet,
            "sla_paused" => Msg::SlaPaused,
            "sla_on_track" => Msg::SlaOnTrack,
            "sla_due_soon" => Msg::SlaDueSoon,
            "sla_breached" => Msg::SlaBreached,
            "resolved_on" => Msg::ResolvedOn,
            "satisfaction" => Msg::Satisfaction,
            "satisfaction_comment" => Msg::SatisfactionComment,
            "reply" => Msg::Reply,
            "description" => Msg::Body,
            "deal_title" => Msg::DealTitle,
            "pipeline" => Msg::Pipeline,
            "stage" => Msg::Stage,
            "amount" => Msg::Amount,
            "currency" => Msg::Currency,
            "contact" => Msg::Contact,
            "close_date" => Msg::CloseDate,
            "lost_reason" => Msg::LostReason,
            _ => return None,
        })
    }
}

/// A field's label (or a select option's) in `lang`: a built-in one from the catalogue, a
/// custom one as the user wrote it.
pub fn label_text(label: &hearth_domain::entity::Label, lang: Lang) -> String {
    use hearth_domain::entity::Label;
    match label {
        Label::Key(key) => key_text(key, lang),
        Label::Text(text) => text.clone(),
    }
}

/// The catalogue's words for a field table's label or option key in `lang`, the key itself when
/// the catalogue has none.
pub fn key_text(key: &str, lang: Lang) -> String {
    Msg::for_label(key).map_or_else(|| key.to_string(), |m| m.text(lang).into())
}

/// A storage failure in the user's words (the browser's own detail after it where it helps).
pub fn store_error_text(error: &crate::store::StoreError, lang: Lang) -> String {
    use crate::store::StoreError;
    let say = |msg: Msg| msg.text(lang).to_string();
    match error {
        StoreError::Conflict { .. } => say(Msg::ChangedElsewhere),
        StoreError::QuotaExceeded(_) => say(Msg::StorageFull),
        StoreError::NotOpen => say(Msg::StorageNotOpen),
        StoreError::Unavailable(_) => say(Msg::StorageUnavailable),
        StoreError::Constraint { .. } => say(Msg::StorageTaken),
        StoreError::Aborted(_) | StoreError::Cancelled => say(Msg::StorageRolledBack),
        StoreError::Serialization { store, detail } => {
            format!("{} {store}: {detail}", say(Msg::StorageUnreadable))
        }
        StoreError::Invalid { .. } | StoreError::Worker(_) | StoreError::Browser(_) => {
            format!("{} {error}", say(Msg::ErrorPrefix))
        }
    }
}

/// Formats a count with thousands separators, as both languages write it: `12,345`.
pub fn format_count(count: u64) -> String {
    let digits = count.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// Formats whole units of the workspace currency (US dollars in the demo) with separators:
/// `$12,345`. The symbol follows the data, never the interface language.
pub fn format_money_units(units: i64) -> String {
    let sign = if units < 0 { "-" } else { "" };
    format!("{sign}${}", format_count(units.unsigned_abs()))
}

/// A chart's amount of currency units, rounded to whole ones: `$12,345`.
pub fn format_money_value(units: f64) -> String {
    format_money_units(units.round() as i64)
}

/// A chart's count, rounded to a whole one (none below zero): `12,345`.
pub fn format_count_value(value: f64) -> String {
    format_count(value.max(0.0).round() as u64)
}

/// A share 0..=1 to three places: `0.125`.
pub fn format_share(value: f64) -> String {
    format!("{value:.3}")
}

/// A small number with one decimal, a larger one whole with separators: `2.5`, `1,234`.
pub fn format_plain(value: f64) -> String {
    if value.abs() < 10.0 && value.fract() != 0.0 {
        format!("{value:.1}")
    } else {
        format_count(value.max(0.0).round() as u64)
    }
}

/// A number with two decimals below 100, whole with separators above: `3.14`, `1,234`.
pub fn format_decimal(value: f64) -> String {
    if value.abs() >= 100.0 {
        format_count(value.max(0.0).round() as u64)
    } else {
        format!("{value:.2}")
    }
}

/// How a chart writes its numbers; named rather than a function so the worker, which draws the
/// charts, can be told it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ValueFormat {
    /// [`format_count_value`].
    Count,
    /// [`format_money_value`].
    Money,
    /// [`format_share`].
    Share,
    /// [`format_plain`].
    Plain,
    /// [`format_decimal`].
    Decimal,
}

impl ValueFormat {
    /// `value` written this way.
    pub fn format(self, value: f64) -> String {
        match self {
            ValueFormat::Count => format_count_value(value),
            ValueFormat::Money => format_money_value(value),
            ValueFormat::Share => format_share(value),
            ValueFormat::Plain => format_plain(value),
            ValueFormat::Decimal => format_decimal(value),
        }
    }
}

/// The language context: read `lang` reactively, look texts up with [`I18n::t`].
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    /// The current language; writing it switches the whole UI.
    pub lang: RwSignal<Lang>,
}

impl I18n {
    /// `msg` as reactive text that follows the language. Every call returns the same closure
    /// type, so the views showing hundreds of messages share one copy of the code that renders
    /// and updates a text node (each `move || i18n.t(..)` closure would be a type of its own).
    pub fn text(self, msg: Msg) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || self.t(msg)
    }

    /// The text of `msg` in the current language (reactive).
    pub fn t(&self, msg: Msg) -> &'static str {
        msg.text(self.lang.get())
    }
}

/// The language context provided by the app root.
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(format_count(0), "0");
        assert_eq!(format_count(999), "999");
        assert_eq!(format_count(2_000), "2,000");
        assert_eq!(format_count(1_234_567), "1,234,567");
    }

    #[test]
    fn money_keeps_its_sign_before_the_symbol() {
        assert_eq!(format_money_units(1_250), "$1,250");
        assert_eq!(format_money_units(-40), "-$40");
    }

    #[test]
    fn browser_tags_pick_chinese_only_for_zh() {
        assert_eq!(Lang::from_browser_tag("zh-CN"), Lang::Zh);
        assert_eq!(Lang::from_browser_tag("ZH-hans"), Lang::Zh);
        assert_eq!(Lang::from_browser_tag("en-US"), Lang::En);
    }
}
