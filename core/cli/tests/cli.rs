//! The `cxzy` command line as other tools use it: exit codes, stdout documents, stderr error lines.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn vector(name: &str, file: &str) -> String {
    root()
        .join("tests/vectors")
        .join(name)
        .join(file)
        .display()
        .to_string()
}

fn cxzy(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cxzy"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run cxzy: {e}"));
    // Written from a thread while the output is read: a large input and output through pipes
    // would otherwise wait on each other.
    let writer = match (stdin, child.stdin.take()) {
        (Some(text), Some(mut input)) => {
            let text = text.to_owned();
            Some(std::thread::spawn(move || {
                // A command that refuses its arguments exits before reading stdin: the pipe it
                // closed is its answer (its status and stderr are checked), not a failure.
                if let Err(e) = input.write_all(text.as_bytes()) {
                    assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "stdin: {e}");
                }
            }))
        }
        _ => None,
    };
    let output = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("cxzy did not finish: {e}"));
    if let Some(w) = writer {
        w.join().unwrap_or_else(|_| panic!("writing stdin failed"));
    }
    output
}

fn lines(bytes: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(bytes)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line: {l}: {e}")))
        .collect()
}

fn expected_result(name: &str) -> Value {
    let text = std::fs::read_to_string(vector(name, "expected.json")).unwrap_or_default();
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

fn temp_file(name: &str, text: &str) -> String {
    let path = std::env::temp_dir().join(format!("cxzy-cli-{}-{name}", std::process::id()));
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    path.display().to_string()
}

#[test]
fn score_prints_each_result_as_one_line_equal_to_the_golden_vector() {
    let out = cxzy(
        &[
            "score",
            "--framework",
            &vector("total-90-through-thirds", "framework.json"),
            &vector("total-90-through-thirds", "assessment.json"),
        ],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let results = lines(&out.stdout);
    assert_eq!(results, vec![expected_result("total-90-through-thirds")]);
}

#[test]
fn score_accepts_a_built_in_framework_id() {
    let out = cxzy(
        &[
            "score",
            "--framework",
            "member-five-leads",
            &vector("builtin-member-five-leads", "assessment.json"),
        ],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        lines(&out.stdout),
        vec![expected_result("builtin-member-five-leads")]
    );
}

#[test]
fn score_streams_json_lines_from_stdin_in_order_and_locates_a_bad_line() {
    let a = std::fs::read_to_string(vector("trend-since-previous-period", "assessment.json"))
        .unwrap_or_default();
    let good: Value = serde_json::from_str(&a).unwrap_or(Value::Null);
    let mut bad = good.clone();
    bad["sheets"][0]["ratings"]["a"] = Value::from("excellent");
    let input = format!("{}\n\n{}\n{}\n", good, bad, good);
    let out = cxzy(
        &[
            "score",
            "--framework",
            &vector("trend-since-previous-period", "framework.json"),
            "-",
        ],
        Some(&input),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(lines(&out.stdout).len(), 2, "both valid lines are scored");
    let errors = lines(&out.stderr);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["input"], "-:3");
    assert_eq!(errors[0]["code"], "unknown_level");
    assert_eq!(errors[0]["path"], "/sheets/0/ratings/a");
}

#[test]
fn score_on_several_threads_writes_what_one_thread_writes_in_the_same_order() {
    // Enough lines for many batches (256 a batch), distinct results, bad lines among them.
    let a = std::fs::read_to_string(vector("trend-since-previous-period", "assessment.json"))
        .unwrap_or_default();
    let good: Value = serde_json::from_str(&a).unwrap_or(Value::Null);
    let mut input = String::new();
    for i in 0..1500 {
        let mut doc = good.clone();
        doc["subject"]["name"] = Value::from(format!("成员{i}"));
        if i % 97 == 5 {
            doc["sheets"][0]["ratings"]["a"] = Value::from("excellent");
        }
        if i % 211 == 7 {
            input.push_str("not json\n");
            continue;
        }
        input.push_str(&format!("{doc}\n"));
    }
    let framework = vector("trend-since-previous-period", "framework.json");
    for mode in [None, Some("--summary"), Some("--csv")] {
        let run = |jobs: &str| {
            let mut args = vec!["score", "--framework", &framework, "--jobs", jobs];
            args.extend(mode);
            args.push("-");
            cxzy(&args, Some(&input))
        };
        let one = run("1");
        let three = run("3");
        assert_eq!(one.status.code(), Some(1), "{mode:?}");
        assert_eq!(three.status.code(), Some(1), "{mode:?}");
        assert!(
            one.stdout == three.stdout,
            "{mode:?}: the same lines in the same order"
        );
        assert_eq!(
            String::from_utf8_lossy(&one.stderr),
            String::from_utf8_lossy(&three.stderr),
            "{mode:?}: the same errors in the same order"
        );
        let errors = lines(&three.stderr);
        assert!(errors.len() >= 20, "{mode:?}: {} errors", errors.len());
        assert_eq!(errors[0]["input"], "-:6");
    }
    let bad = cxzy(
        &["score", "--framework", &framework, "--jobs", "0", "-"],
        Some(""),
    );
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn validate_accepts_every_built_in_framework_and_vector_assessment() {
    let frameworks: Vec<String> = std::fs::read_dir(root().join("core/frameworks/json"))
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path().display().to_string())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(frameworks.len(), 12);
    let mut args = vec!["validate".to_owned()];
    args.extend(frameworks);
    args.push(vector("builtin-org-five-goods-rural", "assessment.json"));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = cxzy(&args, None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty());
}

#[test]
fn validate_reports_every_error_as_a_json_line_with_input_code_path_and_message() {
    let fw = temp_file(
        "bad-fw.json",
        r#"{"schema":"cxzy/framework@1","id":"Bad Id","version":"1","subject":"member","title":{"en":"x"},"dimensions":[],"grades":[],"sources":[],"extra":1}"#,
    );
    let out = cxzy(&["validate", "--lang", "en", &fw], None);
    assert_eq!(out.status.code(), Some(1));
    let errors = lines(&out.stderr);
    let found: Vec<(String, String)> = errors
        .iter()
        .map(|e| {
            (
                e["code"].as_str().unwrap_or("").to_owned(),
                e["path"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    for expected in [
        ("unknown_field", "/extra"),
        ("invalid_id", "/id"),
        ("missing_text", "/title/zh-Hans"),
    ] {
        assert!(
            found.contains(&(expected.0.to_owned(), expected.1.to_owned())),
            "{expected:?} not in {found:?}"
        );
    }
    assert!(
        errors
            .iter()
            .all(|e| e["input"] == fw.as_str()
                && e["message"].as_str().is_some_and(|m| !m.is_empty()))
    );
}

#[test]
fn validate_checks_an_assessment_against_its_built_in_framework() {
    let text = std::fs::read_to_string(vector("builtin-member-five-leads", "assessment.json"))
        .unwrap_or_default();
    let mut a: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    a["sheets"][0]["ratings"]["no-such-item"] = Value::from("good");
    let path = temp_file("bad-assessment.json", &a.to_string());
    let out = cxzy(&["validate", &path], None);
    assert_eq!(out.status.code(), Some(1));
    let errors = lines(&out.stderr);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["code"], "unknown_indicator");
    assert_eq!(errors[0]["path"], "/sheets/0/ratings/no-such-item");
    assert!(
        errors[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("no-such-item") && m.contains("不是")),
        "zh-Hans by default"
    );
}

#[test]
fn branch_reads_results_and_ranks_them() {
    let fw = vector("branch-ranking-ties", "framework.json");
    let text = std::fs::read_to_string(vector("branch-ranking-ties", "assessments.json"))
        .unwrap_or_default();
    let docs: Vec<Value> = serde_json::from_str(&text).unwrap_or_default();
    let input: String = docs.iter().map(|d| format!("{d}\n")).collect();
    let scored = cxzy(&["score", "--framework", &fw, "-"], Some(&input));
    let results = String::from_utf8_lossy(&scored.stdout).into_owned();
    let out = cxzy(
        &["branch", "--framework", &fw, "--excellent-quota", "40", "-"],
        Some(&results),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let view = &lines(&out.stdout)[0];
    assert_eq!(view["schema"], "cxzy/branch@1");
    let ranks: Vec<Value> = view["ranking"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| e["rank"].clone())
        .collect();
    assert_eq!(
        ranks,
        vec![
            Value::from(1),
            Value::from(2),
            Value::from(2),
            Value::from(4),
            Value::Null
        ]
    );
}

#[test]
fn trend_compares_two_results() {
    let fw = vector("trend-since-previous-period", "framework.json");
    let score = |file: &str| {
        let out = cxzy(
            &[
                "score",
                "--framework",
                &fw,
                &vector("trend-since-previous-period", file),
            ],
            None,
        );
        temp_file(file, &String::from_utf8_lossy(&out.stdout))
    };
    let (previous, current) = (score("previous.json"), score("assessment.json"));
    let out = cxzy(&["trend", "--framework", &fw, &previous, &current], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected = expected_result("trend-since-previous-period");
    assert_eq!(lines(&out.stdout), vec![expected["trend"].clone()]);
}

#[test]
fn frameworks_lists_every_built_in_with_its_title() {
    let out = cxzy(&["frameworks", "--json", "--lang", "en"], None);
    assert_eq!(out.status.code(), Some(0));
    let rows = lines(&out.stdout);
    assert_eq!(rows.len(), 12);
    assert!(rows
        .iter()
        .all(|r| r["title"].as_str().is_some_and(|t| !t.is_empty())));
    // One built-in is written in version 2's terms (spec §10): its rule set's 2.0.0.
    let versions: Vec<(&str, &str)> = rows
        .iter()
        .filter(|r| r["version"] != "1.0.0")
        .map(|r| {
            (
                r["id"].as_str().unwrap_or(""),
                r["version"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(versions, vec![("branch-rules-2002-member", "2.0.0")]);
    assert!(rows
        .iter()
        .any(|r| r["id"] == "org-five-goods-rural" && r["subject"] == "organization"));
    let one = cxzy(&["frameworks", "member-five-leads"], None);
    let fw: Value = serde_json::from_slice(&one.stdout).unwrap_or(Value::Null);
    assert_eq!(fw["id"], "member-five-leads");
}

#[test]
fn misuse_exits_2_with_a_hint_and_help_explains_every_command() {
    let out = cxzy(&["score", "a.json"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--framework"));
    let out = cxzy(&["frobnicate"], None);
    assert_eq!(out.status.code(), Some(2));
    let help = cxzy(&["--help", "--lang", "en"], None);
    let text = String::from_utf8_lossy(&help.stdout);
    for command in [
        "validate",
        "score",
        "branch",
        "trend",
        "frameworks",
        "round create",
        "round seal",
        "round open",
        "--excellent-quota",
        "--today",
    ] {
        assert!(text.contains(command), "help lacks {command}");
    }
}

#[test]
fn an_unreadable_file_is_an_error_line_not_a_crash() {
    let out = cxzy(
        &[
            "score",
            "--framework",
            "member-five-leads",
            "/no/such/file.json",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let errors = lines(&out.stderr);
    assert_eq!(errors[0]["input"], "/no/such/file.json");
}

#[test]
fn a_closed_output_pipe_ends_the_command_quietly_not_with_a_panic() {
    let (reader, writer) = std::io::pipe().unwrap_or_else(|e| panic!("pipe: {e}"));
    drop(reader);
    let out = Command::new(env!("CARGO_BIN_EXE_cxzy"))
        .args(["frameworks"])
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap_or_else(|e| panic!("cannot run cxzy: {e}"));
    assert_ne!(
        out.status.code(),
        Some(101),
        "panicked: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn a_file_over_16_mib_is_too_large_wherever_the_cut_falls() {
    // CJK text: the cut at 16 MiB + 1 byte falls inside a character.
    let path = temp_file("huge.json", &format!("\"{}\"", "长".repeat(6_000_000)));
    let out = cxzy(&["validate", &path], None);
    assert_eq!(out.status.code(), Some(1));
    let errors = lines(&out.stderr);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["code"], "too_large");
    let _ = std::fs::remove_file(path);
}

/// `docs/schema/<document>.json` is what `cxzy schema <document>` prints (and
/// `<document>@2.json` what `cxzy schema <document>@2` prints): the schemas portals read are the
/// model's own description. `CXZY_BLESS=1` rewrites them (then read the diff).
#[test]
fn the_json_schemas_in_docs_are_current() {
    let dir = root().join("docs/schema");
    let mut stale = Vec::new();
    for doc in [
        "framework",
        "assessment",
        "result",
        "summary",
        "trend",
        "branch",
        "catalogue",
        "round",
        "round-key",
        "round-setup",
        "round-archive",
        "invitation",
        "ballot",
        "sealed-ballot",
        "framework@2",
        "assessment@2",
        "result@2",
    ] {
        let out = cxzy(&["schema", doc], None);
        assert!(out.status.success(), "cxzy schema {doc} failed");
        let path = dir.join(format!("{doc}.json"));
        if std::env::var_os("CXZY_BLESS").is_some() {
            std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
            std::fs::write(&path, &out.stdout).unwrap_or_else(|e| panic!("{e}"));
        }
        let committed = std::fs::read(&path).unwrap_or_default();
        if committed != out.stdout {
            stale.push(doc);
        }
    }
    assert!(
        stale.is_empty(),
        "docs/schema is stale for {stale:?}: run CXZY_BLESS=1 cargo test -p cxzy-cli --test cli"
    );
}

#[test]
fn schema_names_every_document_and_refuses_others() {
    let out = cxzy(&["schema", "result"], None);
    let schema: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    assert_eq!(schema["title"], "ScoreResult");
    assert_eq!(schema["properties"]["schema"]["const"], "cxzy/result@1");
    assert_eq!(schema["additionalProperties"], false);
    let out = cxzy(&["schema", "nonsense"], None);
    assert_eq!(out.status.code(), Some(2));
    let ts = cxzy(&["schema", "--typescript"], None);
    let ts = String::from_utf8_lossy(&ts.stdout);
    for name in [
        "interface Framework ",
        "interface Assessment ",
        "interface ScoreResult ",
        "interface Trend ",
        "interface BranchView ",
        "type ErrorCode ",
        "interface Catalogue ",
    ] {
        assert!(ts.contains(name), "the TypeScript lacks {name}");
    }
}

/// Version 2 end to end (spec §11): `validate` knows an assessment@2 for an assessment, `score`
/// writes result@2, `branch` reads them with an exact share as the quota, `trend` compares two.
#[test]
fn version_2_documents_validate_score_branch_and_trend() {
    let bases = root().join("tests/validation/bases");
    let fw = bases.join("framework2.json").display().to_string();
    let a = bases.join("assessment2.json").display().to_string();
    let out = cxzy(&["validate", &fw, &a], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A second member with two absences more, a third without the award either.
    let first: Value =
        serde_json::from_str(&std::fs::read_to_string(&a).unwrap_or_default()).unwrap_or_default();
    let mut second = first.clone();
    second["sheets"][1]["ratings"]["i-events"]["absent"] = Value::from(2);
    let mut third = second.clone();
    third["adjustments"] = serde_json::json!([]);
    let input = format!("{first}\n{second}\n{third}\n");
    let scored = cxzy(&["score", "--framework", &fw, "-"], Some(&input));
    assert_eq!(
        scored.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&scored.stderr)
    );
    let results = lines(&scored.stdout);
    assert_eq!(results.len(), 3);
    assert!(results.iter().all(|r| r["schema"] == "cxzy/result@2"));
    assert_eq!(results[0]["grade"], "excellent");
    let results_text = String::from_utf8_lossy(&scored.stdout).into_owned();
    let view = cxzy(
        &[
            "branch",
            "--framework",
            &fw,
            "--excellent-quota",
            "1/3",
            "-",
        ],
        Some(&results_text),
    );
    assert_eq!(
        view.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&view.stderr)
    );
    let view = &lines(&view.stdout)[0];
    // 1/3 of 3 ranked results is exactly 1: no rounding of 33.33 % could give that.
    assert_eq!(view["quota"]["allowed"], 1);
    assert_eq!(view["quota"]["excellent_quota"], "33.33");
    assert_eq!(view["quota"]["excellent_quota_exact"], "100/3");
    let bad = cxzy(
        &[
            "branch",
            "--framework",
            &fw,
            "--excellent-quota",
            "4/3",
            "-",
        ],
        Some(&results_text),
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("4/3"));
    let previous = temp_file("v2-previous.json", &results[1].to_string());
    let current = temp_file("v2-current.json", &results[0].to_string());
    let trend = cxzy(&["trend", "--framework", &fw, &previous, &current], None);
    assert_eq!(
        trend.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&trend.stderr)
    );
    let trend = &lines(&trend.stdout)[0];
    assert_eq!(trend["schema"], "cxzy/trend@1");
    assert_eq!(trend["total"]["change"], "0.50", "{trend}");
    assert_eq!(trend["grade"]["direction"], "same");
    let _ = std::fs::remove_file(previous);
    let _ = std::fs::remove_file(current);
}

/// `cxzy round open` (spec §12.3): a round of the built-in 五带头 for three members, every
/// rater's ballot sealed; opened into one assessment per member, which `cxzy score` and
/// `cxzy branch` take as before; a replayed ballot and one of another round are error lines.
#[test]
fn round_open_prints_an_assessment_per_member_and_refuses_with_reasons() {
    use cxzy_core::{Period, Prepared, Rating};
    use cxzy_rounds::rand_core::SeedableRng as _;
    use cxzy_rounds::{Ballot, BallotSheet, Member, Plan, Setup, SourcePlan};
    use std::collections::BTreeMap;
    let fw = Prepared::from_json(cxzy_frameworks::text("member-five-leads").unwrap()).unwrap();
    let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(5);
    let member = |id: &str, name: &str| Member {
        id: id.into(),
        name: name.into(),
        group: None,
    };
    let setup = Setup {
        title: Some("第一党支部".into()),
        period: Period {
            start: "2026-07-01".parse().unwrap(),
            end: "2026-12-31".parse().unwrap(),
            label: None,
        },
        members: vec![
            member("a", "张三"),
            member("b", "李四"),
            member("c", "王五"),
        ],
        sources: vec![
            SourcePlan {
                source: "self".into(),
                plan: Plan::Own,
            },
            SourcePlan {
                source: "peer".into(),
                plan: Plan::Peer,
            },
            SourcePlan {
                source: "mass".into(),
                plan: Plan::Slips(5),
            },
            SourcePlan {
                source: "org".into(),
                plan: Plan::Named(vec!["支部书记".into()]),
            },
        ],
    };
    let (round, key) = cxzy_rounds::create(&fw, &setup, &mut rng).unwrap();
    let (other, other_key) = cxzy_rounds::create(&fw, &setup, &mut rng).unwrap();
    let ballot = |round: &cxzy_rounds::Round, key: &cxzy_rounds::RoundKey, k: usize| {
        let t = &key.tokens[k];
        let issued = round.tokens.iter().find(|x| x.id == t.id).unwrap();
        let b = Ballot {
            schema: Default::default(),
            round: round.id.clone(),
            token: t.secret.clone(),
            source: issued.source.clone(),
            sheets: issued
                .rates
                .iter()
                .map(|m| BallotSheet {
                    member: m.clone(),
                    ratings: cxzy_core::IdMap::from([
                        (
                            "study-theory".into(),
                            Rating::Level(if &**m == "c" { "average" } else { "good" }.into()),
                        ),
                        ("perf-duty".into(), Rating::Level("good".into())),
                    ]),
                    notes: BTreeMap::new(),
                })
                .collect(),
        };
        serde_json::to_string(
            &cxzy_rounds::seal(
                round,
                &b,
                &mut rand_chacha::ChaCha20Rng::seed_from_u64(k as u64),
            )
            .unwrap(),
        )
        .unwrap()
    };
    let key_file = temp_file("round-key.json", &serde_json::to_string(&key).unwrap());
    let files: Vec<String> = (0..key.tokens.len())
        .map(|k| temp_file(&format!("ballot-{k}.json"), &ballot(&round, &key, k)))
        .collect();
    let foreign = temp_file("ballot-foreign.json", &ballot(&other, &other_key, 0));
    let mut args: Vec<&str> = vec!["round", "open", "--key", &key_file];
    args.extend(files.iter().map(String::as_str));
    args.push(&files[0]);
    args.push(&foreign);
    let out = cxzy(&args, None);
    assert_eq!(out.status.code(), Some(1), "refusals make exit 1");
    let errors = lines(&out.stderr);
    let why: Vec<(String, String)> = errors
        .iter()
        .map(|e| {
            (
                e["input"].as_str().unwrap_or("").to_owned(),
                e["code"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        why,
        vec![
            (files[0].clone(), "token_used".to_owned()),
            (foreign.clone(), "other_round".to_owned())
        ]
    );
    let assessments = lines(&out.stdout);
    assert_eq!(assessments.len(), 3);
    assert_eq!(assessments[2]["subject"]["name"], "王五");
    // 1 自评 + 2 互评 + 5 slips + 1 组织评价, nobody named.
    let sheets = assessments[2]["sheets"].as_array().unwrap();
    assert_eq!(sheets.len(), 9);
    assert!(sheets.iter().all(|s| s.get("rater").is_none()));

    // The same through stdin, one sealed ballot per line, then scored and ranked as before.
    let input: String = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap() + "\n")
        .collect();
    let opened = cxzy(&["round", "open", "--key", &key_file, "-"], Some(&input));
    assert_eq!(
        opened.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&opened.stderr)
    );
    assert_eq!(
        opened.stdout, out.stdout,
        "files or stdin, the same assessments"
    );
    let scored = cxzy(
        &["score", "--framework", "member-five-leads", "-"],
        Some(&String::from_utf8_lossy(&opened.stdout)),
    );
    assert_eq!(
        scored.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&scored.stderr)
    );
    let ranked = cxzy(
        &["branch", "--framework", "member-five-leads", "-"],
        Some(&String::from_utf8_lossy(&scored.stdout)),
    );
    assert_eq!(
        ranked.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ranked.stderr)
    );
    let view = &lines(&ranked.stdout)[0];
    assert_eq!(view["ranking"].as_array().map(Vec::len), Some(3));

    // Misuse: no key, no ballots.
    assert_eq!(
        cxzy(&["round", "open", &files[0]], None).status.code(),
        Some(2)
    );
    assert_eq!(
        cxzy(&["round", "open", "--key", &key_file], None)
            .status
            .code(),
        Some(2)
    );
    assert_eq!(cxzy(&["round"], None).status.code(), Some(2));
}

/// `cxzy round create`, `round seal` and `round open` together: a round made from a setup
/// document with the OS's randomness, ballots sealed by the command line, opened again.
#[test]
fn round_create_and_seal_make_what_round_open_reads() {
    let setup = r#"{"schema": "cxzy/round-setup@1", "title": "第二党支部",
        "period": {"start": "2026-07-01", "end": "2026-12-31"},
        "members": [{"id": "a", "name": "张三"}, {"id": "b", "name": "李四"}],
        "sources": [{"source": "self", "mode": "self"}, {"source": "mass", "mode": "slips", "slips": 3},
                    {"source": "org", "mode": "named", "raters": ["支部书记"]}]}"#;
    let setup_file = temp_file("round-setup.json", setup);
    let created = cxzy(
        &[
            "round",
            "create",
            "--framework",
            "member-five-leads",
            &setup_file,
        ],
        None,
    );
    assert_eq!(
        created.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    let key = &lines(&created.stdout)[0];
    assert_eq!(key["schema"], "cxzy/round-key@1");
    assert_eq!(key["round"]["schema"], "cxzy/round@1");
    let tokens = key["tokens"].as_array().unwrap();
    assert_eq!(tokens.len(), 2 + 3 + 1);
    let key_file = temp_file("round-key-created.json", &key.to_string());
    // Two runs, two different rounds: the OS's randomness.
    let again = cxzy(
        &[
            "round",
            "create",
            "--framework",
            "member-five-leads",
            &setup_file,
        ],
        None,
    );
    assert_ne!(lines(&again.stdout)[0]["round"]["id"], key["round"]["id"]);

    // Every token's ballot, rating what it may rate, sealed by the command line.
    let issued = key["round"]["tokens"].as_array().unwrap();
    let ballots: String = tokens
        .iter()
        .map(|t| {
            let i = issued.iter().find(|x| x["id"] == t["id"]).unwrap();
            let sheets: Vec<Value> = i["rates"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| serde_json::json!({"member": m, "ratings": {"study-theory": "good"}}))
                .collect();
            serde_json::json!({"schema": "cxzy/ballot@1", "round": key["round"]["id"], "token": t["secret"],
                "source": i["source"], "sheets": sheets})
            .to_string()
                + "\n"
        })
        .collect();
    let sealed = cxzy(
        &["round", "seal", "--round", &key_file, "-"],
        Some(&ballots),
    );
    assert_eq!(
        sealed.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&sealed.stderr)
    );
    let envelopes = String::from_utf8_lossy(&sealed.stdout).into_owned();
    assert_eq!(envelopes.lines().count(), 6);
    assert!(
        !envelopes.contains("study-theory"),
        "sealed: no rating shows"
    );
    let opened = cxzy(
        &["round", "open", "--key", &key_file, "-"],
        Some(&envelopes),
    );
    assert_eq!(
        opened.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&opened.stderr)
    );
    let assessments = lines(&opened.stdout);
    assert_eq!(assessments.len(), 2);
    assert_eq!(
        assessments[0]["sheets"].as_array().map(Vec::len),
        Some(1 + 3 + 1)
    );

    // A setup with a mode lacking its count is an error line at its path.
    let bad = temp_file(
        "round-setup-bad.json",
        &setup.replace(r#", "slips": 3"#, ""),
    );
    let out = cxzy(
        &["round", "create", "--framework", "member-five-leads", &bad],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(lines(&out.stderr)[0]["path"], "/sources/1/slips");
    assert_eq!(
        cxzy(&["round", "seal", &key_file], None).status.code(),
        Some(2)
    );
}

/// `--summary`: every golden vector's result in brief — each field the full result's, at most
/// 2 KB a line; `--csv`: the same as a spreadsheet, BOM and header first, a row per input.
#[test]
fn score_summary_and_csv_are_each_result_in_brief() {
    let dir = root().join("tests/vectors");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            dir.join(n).join("framework.json").is_file()
                && dir.join(n).join("assessment.json").is_file()
                && expected_result(n)["schema"]
                    .as_str()
                    .is_some_and(|s| s.starts_with("cxzy/result@"))
        })
        .collect();
    names.sort();
    assert!(names.len() >= 20, "{} vectors", names.len());
    let mut largest = 0;
    for name in &names {
        let (fw, a) = (
            vector(name, "framework.json"),
            vector(name, "assessment.json"),
        );
        let out = cxzy(&["score", "--framework", &fw, "--summary", &a], None);
        assert!(out.status.success(), "{name}");
        largest = largest.max(out.stdout.len());
        let brief = lines(&out.stdout).remove(0);
        let full = expected_result(name);
        assert_eq!(brief["schema"], "cxzy/summary@1");
        for key in [
            "framework",
            "subject",
            "period",
            "complete",
            "total",
            "max",
            "grade",
            "grade_reason",
        ] {
            assert_eq!(brief[key], full[key], "{name}: {key}");
        }
        let parts: Vec<Value> = full["dimensions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                // As in the result: `_exact` beside a value that is not a 2-decimal number.
                let keep = ["id", "score", "score_exact", "max", "max_exact"];
                Value::Object(
                    d.as_object()
                        .unwrap()
                        .iter()
                        .filter(|(k, _)| keep.contains(&k.as_str()))
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect(),
                )
            })
            .collect();
        assert_eq!(brief["dimensions"], Value::Array(parts), "{name}");
    }
    assert!(largest <= 2048, "a summary line is {largest} bytes");

    // CSV: two assessments of one framework, in English.
    let name = "total-90-through-thirds";
    let (fw, a) = (
        vector(name, "framework.json"),
        vector(name, "assessment.json"),
    );
    let out = cxzy(
        &["score", "--framework", &fw, "--csv", "--lang", "en", &a, &a],
        None,
    );
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let text = text.strip_prefix('\u{feff}').expect("a BOM first");
    let rows: Vec<&str> = text.split_terminator("\r\n").collect();
    assert_eq!(rows.len(), 3, "{text}");
    assert!(rows[0].starts_with("name,unit,start,end,complete,total,max,grade,grade reason,"));
    assert!(rows[0].ends_with(",criteria,version,digest"));
    let full = expected_result(name);
    let cells: Vec<&str> = rows[1].split(',').collect();
    assert_eq!(cells.len(), rows[0].split(',').count());
    assert_eq!(cells[5], full["total"].as_str().unwrap());
    assert_eq!(cells.last().copied(), full["framework"]["digest"].as_str());
    assert_eq!(rows[1], rows[2]);
    // Both at once is a misuse.
    let out = cxzy(
        &["score", "--framework", &fw, "--csv", "--summary", &a],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
}
