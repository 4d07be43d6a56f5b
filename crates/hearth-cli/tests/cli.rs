//! The `hearth` command as analysts script it: outputs, formats, and errors that name the line.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../hearth-analytics/tests/data")
        .join(name)
}

fn hearth(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hearth"))
        .args(args)
        .output()
        .expect("hearth runs")
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "hearth failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn write(dir: &tempfile::TempDir, name: &str, contents: &str) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, contents).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn rfm_scores_customers_and_reads_both_date_forms() {
    let dir = tempfile::tempdir().unwrap();
    let tx = write(
        &dir,
        "tx.csv",
        "Customer_ID,Date,Amount\n10,2026-03-30,20.50\n10,20260301,10\n9,2026-01-01,5.25\n11,2026-04-02,99\n",
    );
    let out = stdout(&hearth(&["rfm", &tx, "--as-of", "2026-03-31"]));
    assert_eq!(
        out,
        "customer_id,recency,frequency,monetary,R,F,M,segment\n\
         9,89,1,5.25,1,1,1,Hibernating\n\
         10,1,2,30.50,5,5,5,Champions\n"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&hearth(&[
        "rfm",
        &tx,
        "--as-of",
        "2026-03-31",
        "--format",
        "json",
    ])))
    .unwrap();
    assert_eq!(json["customers"][1]["segment"], "Champions");
    assert_eq!(json["customers"][1]["monetary"], 30.5);
}

#[test]
fn bad_values_fail_with_the_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let tx = write(
        &dir,
        "tx.csv",
        "customer_id,date,amount\n1,2026-01-01,5\n2,2026-02-30,7\n",
    );
    let output = hearth(&["rfm", &tx, "--as-of", "2026-03-01"]);
    assert!(!output.status.success());
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("line 3, column \"date\""), "{stderr}");

    let money = write(
        &dir,
        "money.csv",
        "customer_id,date,amount\n1,2026-01-01,5.001\n",
    );
    let stderr = String::from_utf8_lossy(&hearth(&["rfm", &money, "--as-of", "2026-03-01"]).stderr)
        .to_string();
    assert!(stderr.contains("line 2, column \"amount\""), "{stderr}");

    let missing = write(&dir, "missing.csv", "client,date,amount\n1,2026-01-01,5\n");
    let stderr =
        String::from_utf8_lossy(&hearth(&["rfm", &missing, "--as-of", "2026-03-01"]).stderr)
            .to_string();
    assert!(
        stderr.contains("no column named \"customer_id\" (columns: client, date, amount)"),
        "{stderr}"
    );
}

#[test]
fn clv_on_the_cdnow_summary_reports_the_published_fit() {
    let summary = data("cdnow_summary.csv");
    let out = stdout(&hearth(&[
        "clv",
        "--summary",
        summary.to_str().unwrap(),
        "--horizon",
        "39",
        "--format",
        "json",
    ]));
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let round = |v: &serde_json::Value, places: i32| {
        (v.as_f64().unwrap() * 10f64.powi(places)).round() / 10f64.powi(places)
    };
    assert_eq!(round(&json["bgnbd"]["r"], 3), 0.243);
    assert_eq!(round(&json["bgnbd"]["alpha"], 3), 4.414);
    assert_eq!(round(&json["bgnbd"]["a"], 3), 0.793);
    assert_eq!(round(&json["bgnbd"]["b"], 3), 2.426);
    assert_eq!(round(&json["bgnbd"]["log_likelihood"], 1), -9582.4);
    assert_eq!(round(&json["gamma_gamma"]["p"], 2), 6.25);
    let first = &json["customers"][0];
    assert_eq!(first["customer_id"], "1");
    assert_eq!(round(&first["expected_purchases"], 3), 1.226);
    assert!(first["clv"].as_f64().unwrap() > 0.0);
}

#[test]
fn clv_from_raw_transactions_fits_the_same_model() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("customer_id,date,amount\n");
    for line in std::fs::read_to_string(data("cdnow_sample.txt"))
        .unwrap()
        .lines()
    {
        let f: Vec<&str> = line.split_whitespace().collect();
        csv.push_str(&format!("{},{},{}\n", f[1], f[2], f[4]));
    }
    let tx = write(&dir, "cdnow.csv", &csv);
    let out = stdout(&hearth(&[
        "clv",
        &tx,
        "--calibration-end",
        "1997-09-30",
        "--unit",
        "week",
        "--horizon",
        "52",
        "--discount-rate",
        "0.002",
        "--format",
        "json",
    ]));
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let r = json["bgnbd"]["r"].as_f64().unwrap();
    assert!((r - 0.243).abs() < 0.0005, "r = {r}");
    let gamma = json["gamma_gamma"]["gamma"].as_f64().unwrap();
    assert!((gamma - 15.44).abs() < 0.005, "gamma = {gamma}");
    assert_eq!(json["customers"].as_array().unwrap().len(), 2_357);
    assert_eq!(json["unit"], "week");
}

#[test]
fn itemsets_and_rules_on_store_baskets() {
    let baskets = data("store_baskets.csv");
    let baskets = baskets.to_str().unwrap();
    let itemsets = stdout(&hearth(&["itemsets", baskets, "--min-support", "0.02"]));
    let lines: Vec<&str> = itemsets.lines().collect();
    assert_eq!(lines[0], "items,size,count,support");
    assert_eq!(lines.len(), 1 + 53 + 50);
    assert!(
        lines
            .iter()
            .any(|line| line.starts_with("mineral water|spaghetti,2,448,0.0597")),
        "{itemsets}"
    );
    let rules = stdout(&hearth(&[
        "rules",
        baskets,
        "--min-support",
        "0.005",
        "--min-confidence",
        "0.3",
    ]));
    assert_eq!(rules.lines().count(), 1 + 261);
    assert!(rules.contains("\npasta,escalope,44,"));
    // Two-item consequents of the 173 triples add rules wherever confidence allows.
    let low = ["--min-support", "0.005", "--min-confidence", "0.1"];
    let single = stdout(&hearth(&[&["rules", baskets][..], &low].concat()));
    let multi = stdout(&hearth(
        &[&["rules", baskets, "--multi-consequent"][..], &low].concat(),
    ));
    assert!(multi.lines().count() > single.lines().count());
    assert!(multi
        .lines()
        .any(|line| line.split(',').nth(1).is_some_and(|y| y.contains('|'))));
}

#[test]
fn long_baskets_give_the_same_rules_as_lines() {
    let dir = tempfile::tempdir().unwrap();
    let lines = write(
        &dir,
        "lines.csv",
        "milk,bread\nbread, milk ,jam\njam\nmilk,bread\n",
    );
    let long = write(
        &dir,
        "long.csv",
        "order_id,item\n1,milk\n1,bread\n2,bread\n2,milk\n2,jam\n3,jam\n4,milk\n4,bread\n4,milk\n",
    );
    let args = ["--min-support", "0.5", "--min-confidence", "0.5"];
    let from_lines = stdout(&hearth(&[&["rules", &lines][..], &args].concat()));
    let from_long = stdout(&hearth(
        &[&["rules", &long, "--long", "order_id,item"][..], &args].concat(),
    ));
    assert_eq!(from_lines, from_long);
    assert!(
        from_lines.contains("bread,milk,3,0.75,1,1.3333333333333333,0.1875,inf"),
        "{from_lines}"
    );
}

#[test]
fn kmeans_with_initial_rows_labels_points_and_sweeps_an_elbow() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("id,spend,visits\n");
    for i in 0..30 {
        let (spend, visits) = if i < 15 {
            (10 + i % 3, 1 + i % 2)
        } else {
            (500 + i % 5, 20 + i % 3)
        };
        csv.push_str(&format!("c{i},{spend},{visits}\n"));
    }
    let features = write(&dir, "features.csv", &csv);
    let out = stdout(&hearth(&[
        "kmeans",
        &features,
        "--columns",
        "spend,visits",
        "--k",
        "2",
        "--init-rows",
        "0,29",
        "--id-column",
        "id",
    ]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "row,id,label");
    assert_eq!(lines[1], "0,c0,0");
    assert_eq!(lines[30], "29,c29,1");
    let json: serde_json::Value = serde_json::from_str(&stdout(&hearth(&[
        "kmeans",
        &features,
        "--columns",
        "spend,visits",
        "--k",
        "2",
        "--log1p",
        "--standardize",
        "--seed",
        "7",
        "--format",
        "json",
    ])))
    .unwrap();
    assert_eq!(json["profiles"].as_array().unwrap().len(), 2);
    assert!(json["silhouette"].as_f64().unwrap() > 0.8);
    let elbow = stdout(&hearth(&[
        "kmeans",
        &features,
        "--columns",
        "spend,visits",
        "--k",
        "1..5",
        "--restarts",
        "3",
    ]));
    assert_eq!(elbow.lines().next(), Some("k,inertia,silhouette,knee"));
    assert_eq!(elbow.lines().count(), 6);
    assert!(
        elbow
            .lines()
            .any(|line| line.starts_with("2,") && line.ends_with(",true")),
        "{elbow}"
    );
}

#[test]
fn check_import_reads_a_gbk_semicolon_file_and_names_each_bad_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("products.csv");
    // GB18030 bytes of a file Chinese Excel would write with semicolons and decimal commas.
    let text = "商品编号;商品名称;类别;单价\nA-1;乌龙茶;茶;12,50\nA-2;铁观音;茶;很贵\n;无编号;茶;3,00\nA-4;茶杯;器具;1.299,00\n";
    let (bytes, _, _) = encoding_rs::GB18030.encode(text);
    std::fs::write(&path, &bytes).unwrap();
    let path = path.to_str().unwrap();

    let out = stdout(&hearth(&[
        "check-import",
        "--entity",
        "products",
        "--chinese",
        path,
    ]));
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [
            "line,column,problem",
            "3,单价,is not a number",
            "4,商品编号,is required"
        ]
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&hearth(&[
        "check-import",
        "--entity",
        "products",
        "--chinese",
        "--format",
        "json",
        path,
    ])))
    .unwrap();
    assert_eq!(json["encoding"], "gb18030");
    assert_eq!(json["delimiter"], ";");
    assert_eq!(
        (
            json["rows"].as_u64(),
            json["valid"].as_u64(),
            json["invalid"].as_u64()
        ),
        (Some(4), Some(2), Some(2))
    );
    let fields: Vec<&str> = json["mapping"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["field"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(fields, ["sku", "name", "category", "price"]);
}

#[test]
fn check_import_of_utf8_people_maps_english_headers() {
    let dir = tempfile::tempdir().unwrap();
    let people = write(
        &dir,
        "people.csv",
        "\u{feff}Full name,E-mail,Customer ID\nAda Lovelace,ada@example.org,C-1\nGrace Hopper,not an email,C-2\n",
    );
    let out = stdout(&hearth(&["check-import", "--entity", "people", &people]));
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        ["line,column,problem", "3,E-mail,is not an email address"]
    );
}

#[test]
fn check_import_of_order_lines_counts_whole_orders() {
    let dir = tempfile::tempdir().unwrap();
    let orders = write(
        &dir,
        "orders.csv",
        "订单号,客户邮箱,下单日期,货号,数量,单价\n\
         1001,wang@example.cn,2026-01-05,T-1,2,\"12,50\"\n\
         1001,wang@example.cn,2026-01-05,T-2,1,\"3,00\"\n\
         1002,li@example.cn,2026-01-06,T-1,零,\"12,50\"\n\
         1002,li@example.cn,2026-01-06,T-2,1,\"3,00\"\n\
         1003,bad-email@,2026-01-07,T-1,1,\"12,50\"\n",
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&hearth(&[
        "check-import",
        "--entity",
        "orders",
        "--format",
        "json",
        &orders,
    ])))
    .unwrap();
    assert_eq!(
        (
            json["rows"].as_u64(),
            json["valid"].as_u64(),
            json["invalid"].as_u64()
        ),
        (Some(5), Some(1), Some(2))
    );
    let problems: Vec<(u64, &str)> = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["line"].as_u64().unwrap(), p["column"].as_str().unwrap()))
        .collect();
    assert_eq!(problems, [(4, "数量"), (6, "客户邮箱")]);
}

#[test]
fn check_import_of_tickets_names_a_bad_priority_by_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let tickets = write(
        &dir,
        "tickets.csv",
        "工单号,主题,客户邮箱,优先级,状态,创建时间\n\
         T-1,磨豆机卡住,wang@example.cn,urgent,open,2026-01-05\n\
         T-2,退款,li@example.cn,明天,new,2026-01-06\n",
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&hearth(&[
        "check-import",
        "--entity",
        "tickets",
        "--format",
        "json",
        &tickets,
    ])))
    .unwrap();
    assert_eq!(
        (json["rows"].as_u64(), json["valid"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(json["problems"][0]["line"].as_u64(), Some(3));
    assert_eq!(json["problems"][0]["column"].as_str(), Some("优先级"));
}

#[test]
fn check_import_of_deals_reads_stages_of_a_new_workspace_and_names_an_unknown_one() {
    let dir = tempfile::tempdir().unwrap();
    let deals = write(
        &dir,
        "deals.csv",
        "商机名称,销售阶段,商机金额,预计成交日期\n\
         咖啡吧装修,Proposal,\"12,500.00\",2026-04-30\n\
         年度豆子,New business / Won,900,2026-02-28\n\
         以后再说,Daydreaming,100,2026-05-31\n",
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&hearth(&[
        "check-import",
        "--entity",
        "deals",
        "--format",
        "json",
        &deals,
    ])))
    .unwrap();
    assert_eq!(
        (json["rows"].as_u64(), json["valid"].as_u64()),
        (Some(3), Some(2))
    );
    assert_eq!(json["problems"][0]["line"].as_u64(), Some(4));
    assert_eq!(json["problems"][0]["column"].as_str(), Some("销售阶段"));
}
