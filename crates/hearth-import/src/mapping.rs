//! Which field of an entity each column of a file holds, suggested from the header names other
//! CRMs and spreadsheets write, in English and Chinese, and from the labels of the user's own
//! fields. Only fields an import can set (their table marks them [`Places::IMPORT`]) are
//! suggested, each at most once.

use hearth_domain::entity::{fields_of, Entity, FieldKind, FieldRef, Label, Places};
use hearth_domain::list::{fold, Field};
use hearth_domain::CustomFieldDef;

/// Header names by the field key they mean, besides the key itself (`job_title` is also
/// "job title"). Compared folded, ignoring spaces, underscores, dashes and dots.
const SYNONYMS: &[(&str, &[&str])] = &[
    (
        "first_name",
        &["first name", "given name", "forename", "名", "名字"],
    ),
    (
        "last_name",
        &["last name", "surname", "family name", "姓", "姓氏"],
    ),
    (
        "name",
        &[
            "name",
            "full name",
            "姓名",
            "名称",
            "客户名称",
            "公司名称",
            "商品名称",
            "产品名称",
            "产品",
            "商品",
        ],
    ),
    (
        "emails",
        &[
            "email",
            "e-mail",
            "mail",
            "email address",
            "emails",
            "邮箱",
            "电子邮件",
            "电子邮箱",
            "邮件",
        ],
    ),
    (
        "phones",
        &[
            "phone",
            "telephone",
            "tel",
            "mobile",
            "cell",
            "phone number",
            "电话",
            "手机",
            "手机号",
            "联系电话",
        ],
    ),
    (
        "company",
        &[
            "company",
            "organization",
            "organisation",
            "account",
            "account name",
            "associated company",
            "公司",
            "单位",
            "企业",
        ],
    ),
    (
        "job_title",
        &["title", "position", "role", "job", "职位", "职务", "岗位"],
    ),
    (
        "lifecycle",
        &[
            "lifecycle stage",
            "stage",
            "status",
            "生命周期",
            "阶段",
            "客户阶段",
        ],
    ),
    ("source", &["lead source", "source", "来源", "客户来源"]),
    (
        "owner",
        &[
            "owner",
            "account owner",
            "contact owner",
            "deal owner",
            "sales rep",
            "负责人",
            "销售负责人",
            "所有人",
        ],
    ),
    ("tags", &["tags", "tag", "labels", "标签"]),
    ("city", &["city", "town", "城市"]),
    (
        "notes",
        &["notes", "note", "comments", "description", "备注", "说明"],
    ),
    (
        "domain",
        &[
            "domain", "website", "web site", "url", "网站", "域名", "网址",
        ],
    ),
    ("industry", &["industry", "sector", "行业"]),
    (
        "employees",
        &[
            "employees",
            "headcount",
            "staff",
            "number of employees",
            "员工数",
            "员工人数",
            "人数",
        ],
    ),
    (
        "sku",
        &[
            "sku",
            "item code",
            "product code",
            "article number",
            "货号",
            "商品编号",
            "产品编号",
            "编码",
        ],
    ),
    (
        "category",
        &["category", "product category", "类别", "分类", "品类"],
    ),
    (
        "price",
        &["price", "unit price", "list price", "单价", "价格", "售价"],
    ),
    ("active", &["active", "enabled", "在售", "启用"]),
    (
        "number",
        &[
            "order id",
            "order number",
            "order no",
            "order #",
            "invoice",
            "invoice number",
            "订单号",
            "订单编号",
            "单号",
        ],
    ),
    (
        "customer",
        &[
            "customer",
            "customer id",
            "customer email",
            "buyer",
            "client",
            "email",
            "requester",
            "requester email",
            "contact",
            "associated contact",
            "contact email",
            "客户",
            "提出人",
            "联系人",
            "客户编号",
            "客户邮箱",
            "买家",
            "邮箱",
        ],
    ),
    (
        "product",
        &[
            "product",
            "item",
            "product name",
            "sku",
            "产品",
            "商品",
            "产品名称",
            "商品名称",
            "货号",
            "商品编号",
        ],
    ),
    ("quantity", &["quantity", "qty", "units", "数量", "件数"]),
    (
        "discount",
        &["discount", "line discount", "折扣", "优惠", "折扣金额"],
    ),
    (
        "currency",
        &["currency", "currency code", "币种", "货币", "币别"],
    ),
    (
        "amount",
        &[
            "amount",
            "line total",
            "line amount",
            "total",
            "order total",
            "subtotal",
            "revenue",
            "deal amount",
            "deal value",
            "value",
            "金额",
            "商机金额",
            "小计",
            "合计",
            "总金额",
            "订单金额",
        ],
    ),
    (
        "date",
        &[
            "date",
            "order date",
            "purchase date",
            "日期",
            "下单日期",
            "订单日期",
            "下单时间",
            "购买日期",
        ],
    ),
    (
        "status",
        &[
            "status",
            "order status",
            "ticket status",
            "状态",
            "订单状态",
            "工单状态",
        ],
    ),
    (
        "subject",
        &[
            "subject", "title", "summary", "issue", "主题", "标题", "问题",
        ],
    ),
    (
        "channel",
        &["channel", "source", "via", "渠道", "来源", "途径"],
    ),
    ("priority", &["priority", "urgency", "优先级", "紧急程度"]),
    (
        "assignee",
        &[
            "assignee",
            "assigned to",
            "agent",
            "owner",
            "负责人",
            "处理人",
            "受理人",
        ],
    ),
    (
        "opened",
        &[
            "opened",
            "created",
            "created at",
            "date opened",
            "open date",
            "date",
            "创建时间",
            "创建日期",
            "提交时间",
            "日期",
        ],
    ),
    (
        "resolved",
        &[
            "resolved",
            "resolved at",
            "date resolved",
            "closed at",
            "解决时间",
            "解决日期",
            "关闭时间",
        ],
    ),
    (
        "satisfaction",
        &["satisfaction", "csat", "rating", "满意度", "评分"],
    ),
    (
        "description",
        &[
            "description",
            "details",
            "body",
            "message",
            "描述",
            "详情",
            "内容",
        ],
    ),
    (
        "title",
        &[
            "deal",
            "deal name",
            "deal title",
            "opportunity",
            "opportunity name",
            "商机",
            "商机名称",
            "机会名称",
        ],
    ),
    (
        "stage",
        &[
            "stage",
            "deal stage",
            "pipeline stage",
            "sales stage",
            "阶段",
            "商机阶段",
            "销售阶段",
        ],
    ),
    (
        "close_date",
        &[
            "close date",
            "expected close",
            "expected close date",
            "closing date",
            "预计成交日期",
            "成交日期",
            "预计签单日期",
        ],
    ),
    (
        "lost_reason",
        &[
            "lost reason",
            "closed lost reason",
            "reason lost",
            "丢单原因",
            "输单原因",
        ],
    ),
    (
        "external_id",
        &[
            "deal id",
            "opportunity id",
            "商机编号",
            "id",
            "external id",
            "record id",
            "customer id",
            "contact id",
            "account id",
            "ticket id",
            "ticket number",
            "客户编号",
            "客户id",
            "编号",
            "工单号",
            "工单编号",
        ],
    ),
];

/// A field a column can be mapped to, as the wizard offers it (sent to the page with the
/// preview, so the page needs no field table of its own for a kind only imported).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Target {
    /// The field.
    pub field: Field,
    /// Its label: an i18n key of a built-in field, or the user's label of a custom one.
    pub label: String,
    /// Whether the label is the user's (a custom field's) rather than an i18n key.
    pub custom: bool,
    /// Whether it holds a date (its column may need the user to say the format).
    pub date: bool,
    /// A built-in select's options, each an i18n key (their labels read back as the option).
    pub options: Vec<String>,
}

/// The fields of `E` (built in, and `custom`) an import can set.
pub fn targets<E: Entity>(custom: &[CustomFieldDef]) -> Vec<Target> {
    fields_of::<E>(custom)
        .into_iter()
        .filter(|field| field.is_in(Places::IMPORT))
        .map(|field| {
            let (label, custom) = match field.label() {
                Label::Key(key) => (key.to_string(), false),
                Label::Text(text) => (text, true),
            };
            let options = match field.kind() {
                FieldKind::Select(options) => options.iter().map(|o| o.to_string()).collect(),
                _ => Vec::new(),
            };
            Target {
                field: field.field(),
                label,
                custom,
                date: field.kind() == FieldKind::Date,
                options,
            }
        })
        .collect()
}

/// Fields that can find the record a row updates, in the order they are preferred.
pub const UPSERT_KEYS: [&str; 6] = ["external_id", "emails", "sku", "number", "domain", "name"];

/// The upsert key a file mapped to `mapping` uses unless the user chooses another: the first of
/// [`UPSERT_KEYS`] a column is mapped to (an order file's order number groups its lines).
pub fn default_upsert_key(mapping: &[Option<Field>]) -> Option<Field> {
    UPSERT_KEYS.iter().find_map(|key| {
        let field = Field::builtin(key);
        mapping.contains(&Some(field.clone())).then_some(field)
    })
}

/// A header in the form names are compared in.
fn normalized(header: &str) -> String {
    fold(header)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '.' | '*' | ':' | '：'))
        .collect()
}

/// The names a field answers to: its key, its synonyms, or a custom field's label and key.
fn names_of<E: Entity>(field: &FieldRef<E>) -> Vec<String> {
    match field {
        FieldRef::Builtin(builtin) => {
            let synonyms = SYNONYMS
                .iter()
                .find(|(key, _)| *key == builtin.key)
                .map_or(&[][..], |(_, names)| names);
            std::iter::once(builtin.key)
                .chain(synonyms.iter().copied())
                .map(normalized)
                .collect()
        }
        FieldRef::Custom(def) => vec![normalized(&def.label), normalized(&def.key)],
    }
}

/// For each of `headers`, the field of `E` (built in, or among `custom`) it most likely holds:
/// a custom field's label first (the user wrote it), then a built-in field's key or a synonym;
/// no field is suggested twice (the first column naming it wins), and a header nothing matches
/// gets `None`.
pub fn suggest<E: Entity>(headers: &[String], custom: &[CustomFieldDef]) -> Vec<Option<Field>> {
    let fields: Vec<FieldRef<E>> = fields_of::<E>(custom)
        .into_iter()
        .filter(|field| field.is_in(Places::IMPORT))
        .collect();
    // Custom fields first, so a user's "Title" field beats the built-in job title.
    let mut ordered: Vec<(Field, Vec<String>)> = fields
        .iter()
        .filter(|f| matches!(f, FieldRef::Custom(_)))
        .chain(fields.iter().filter(|f| matches!(f, FieldRef::Builtin(_))))
        .map(|field| (field.field(), names_of(field)))
        .collect();
    headers
        .iter()
        .map(|header| {
            let header = normalized(header);
            let at = ordered
                .iter()
                .position(|(_, names)| names.contains(&header))?;
            Some(ordered.remove(at).0)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use hearth_domain::{
        Company, CustomFieldKind, Deal, EntityKind, Order, Person, Product, Ticket,
    };

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    fn keys(fields: Vec<Option<Field>>) -> Vec<Option<String>> {
        fields
            .into_iter()
            .map(|field| {
                field.map(|field| match field {
                    Field::Builtin(key) => key.to_string(),
                    Field::Custom(key) => format!("custom:{key}"),
                })
            })
            .collect()
    }

    fn some(keys: &[&str]) -> Vec<Option<String>> {
        keys.iter()
            .map(|k| (!k.is_empty()).then(|| k.to_string()))
            .collect()
    }

    #[test]
    fn english_exports_map_by_their_usual_headers() {
        let found = suggest::<Person>(
            &headers(&[
                "First Name",
                "Last Name",
                "E-mail",
                "Mobile",
                "Company",
                "Job Title",
                "Lead Source",
                "Favourite colour",
            ]),
            &[],
        );
        assert_eq!(
            keys(found),
            some(&[
                "first_name",
                "last_name",
                "emails",
                "phones",
                "company",
                "job_title",
                "source",
                ""
            ])
        );
    }

    #[test]
    fn an_external_id_column_is_found_in_either_language() {
        let found = suggest::<Person>(&headers(&["Customer ID", "Email"]), &[]);
        assert_eq!(keys(found), some(&["external_id", "emails"]));
        let found = suggest::<Company>(&headers(&["客户编号", "公司名称"]), &[]);
        assert_eq!(keys(found), some(&["external_id", "name"]));
    }

    #[test]
    fn chinese_headers_map_too() {
        let found = suggest::<Person>(
            &headers(&["姓名", "邮箱", "手机", "公司", "职位", "城市", "备注"]),
            &[],
        );
        assert_eq!(
            keys(found),
            some(&[
                "name",
                "emails",
                "phones",
                "company",
                "job_title",
                "city",
                "notes"
            ])
        );
        let found = suggest::<Product>(&headers(&["商品编号", "商品名称", "类别", "单价"]), &[]);
        assert_eq!(keys(found), some(&["sku", "name", "category", "price"]));
        let found = suggest::<Company>(&headers(&["公司名称", "网站", "行业", "员工人数"]), &[]);
        assert_eq!(
            keys(found),
            some(&["name", "domain", "industry", "employees"])
        );
    }

    #[test]
    fn order_files_map_in_either_language() {
        let found = suggest::<Order>(
            &headers(&[
                "Order ID",
                "Customer Email",
                "Order Date",
                "SKU",
                "Qty",
                "Unit Price",
            ]),
            &[],
        );
        assert_eq!(
            keys(found),
            some(&["number", "customer", "date", "product", "quantity", "price"])
        );
        let found = suggest::<Order>(
            &headers(&[
                "订单号",
                "客户编号",
                "下单日期",
                "产品",
                "数量",
                "单价",
                "金额",
            ]),
            &[],
        );
        assert_eq!(
            keys(found),
            some(&["number", "customer", "date", "product", "quantity", "price", "amount"])
        );
    }

    #[test]
    fn deal_files_map_in_either_language() {
        // HubSpot's deal export, and what a Chinese spreadsheet calls the same columns.
        let english = [
            "Deal ID",
            "Deal Name",
            "Deal Stage",
            "Amount",
            "Close Date",
            "Deal owner",
            "Associated Company",
            "Associated Contact",
            "Closed Lost Reason",
            "Currency",
        ];
        let chinese = [
            "商机编号",
            "商机名称",
            "销售阶段",
            "商机金额",
            "预计成交日期",
            "销售负责人",
            "公司",
            "联系人",
            "丢单原因",
            "币种",
        ];
        for file in [english, chinese] {
            assert_eq!(
                keys(suggest::<Deal>(&headers(&file), &[])),
                some(&[
                    "external_id",
                    "title",
                    "stage",
                    "amount",
                    "close_date",
                    "owner",
                    "company",
                    "customer",
                    "lost_reason",
                    "currency"
                ]),
                "{file:?}"
            );
        }
    }

    #[test]
    fn ticket_files_map_in_either_language() {
        let english = [
            "Ticket ID",
            "Subject",
            "Requester Email",
            "Priority",
            "Status",
            "Channel",
            "Assigned to",
            "Created",
            "CSAT",
        ];
        let chinese = [
            "工单号",
            "主题",
            "客户邮箱",
            "优先级",
            "状态",
            "渠道",
            "处理人",
            "创建时间",
            "满意度",
        ];
        for file in [english, chinese] {
            assert_eq!(
                keys(suggest::<Ticket>(&headers(&file), &[])),
                some(&[
                    "external_id",
                    "subject",
                    "customer",
                    "priority",
                    "status",
                    "channel",
                    "assignee",
                    "opened",
                    "satisfaction"
                ]),
                "{file:?}"
            );
        }
    }

    #[test]
    fn targets_are_the_importable_fields_with_what_the_wizard_asks_of_them() {
        let targets = targets::<Order>(&[]);
        let date = targets
            .iter()
            .find(|t| t.field == Field::builtin("date"))
            .unwrap();
        assert!(date.date && !date.custom);
        assert_eq!(date.label, "order_date");
        let status = targets
            .iter()
            .find(|t| t.field == Field::builtin("status"))
            .unwrap();
        assert_eq!(
            status.options,
            [
                "draft",
                "placed",
                "paid",
                "shipped",
                "cancelled",
                "refunded"
            ]
        );
        // The total is computed from the lines, never imported.
        assert!(!targets.iter().any(|t| t.field == Field::builtin("total")));
    }

    #[test]
    fn custom_field_labels_win_and_no_field_is_suggested_twice() {
        let tier = CustomFieldDef {
            id: hearth_domain::CustomFieldId(1),
            revision: 0,
            uid: Default::default(),
            entity: EntityKind::Person,
            key: "title".into(),
            label: "Title".into(),
            kind: CustomFieldKind::Text,
            created_at: Default::default(),
            updated_at: Default::default(),
        };
        let found = suggest::<Person>(
            &headers(&["Title", "Position", "Email", "Email 2", "email"]),
            &[tier],
        );
        assert_eq!(
            keys(found),
            some(&["custom:title", "job_title", "emails", "", ""])
        );
    }
}
