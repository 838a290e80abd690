//! `cxzy`: validate, score and compare 创先争优 assessments from the command line.
//!
//! The interface is a contract other tools rely on: documents on stdout (one JSON per line),
//! errors on stderr (one JSON object per line with `input`, `code`, `path`, `message`),
//! exit 0 when every input was valid, 1 when any was not, 2 when the command itself was misused.

use cxzy_core::{
    assessment_from_str, assessment_from_value, branch, parse_json, parse_quota, result_from_str,
    trend, AssessmentSchema, Diagnostic, Exact, Lang, Prepared, ResultSummary, ScoreOptions,
    MAX_DOCUMENT_BYTES,
};
use serde::Serialize;
use std::io::{self, BufRead, BufWriter, Read, Write};
use std::process::ExitCode;

const HELP_EN: &str = "\
cxzy — scores 创先争优 assessments exactly (see docs/spec.md)

USAGE
  cxzy validate FILE...
      Checks framework and assessment files. An assessment whose framework is built in or
      among the FILEs is also checked against it. Exit 0 when all are valid.
  cxzy score --framework FW [--today YYYY-MM-DD] [--summary | --csv] [--jobs N] ASSESSMENT...
      Scores each assessment against FW (a file, or a built-in id such as member-five-leads)
      and prints one result per line (cxzy/result@1, or @2 for a framework@2), in the order
      given. Give - instead of files to read assessments as JSON lines from stdin; results
      stream out in constant memory.
      --today is the date for overdue commitments when an assessment gives no as_of.
      --summary prints each result in brief (cxzy/summary@1: subject, total, grade and why,
      each part's score, the criteria's digest), a few hundred bytes a line; --csv the same
      as a spreadsheet (UTF-8 with BOM, a header row in the --lang language).
      --jobs N scores on N threads (default: one per core, at most 8), the output in order.
  cxzy branch --framework FW [--excellent-quota P] RESULT...
      Prints the branch view (cxzy/branch@1) of results scored against FW: ranking, grade
      distribution, dimension means, common weaknesses, and advice for an excellent quota
      of P percent (20, 12.5) or an exact share P (1/3). - reads results as JSON lines from
      stdin.
  cxzy trend --framework FW PREVIOUS CURRENT
      Prints the change between two results of the same framework (cxzy/trend@1).
  cxzy round create --framework FW SETUP
      Creates a rating round from a cxzy/round-setup@1 document (period, members, and each
      source's mode: self, peer, slips with a number, named with raters) and prints its key
      (cxzy/round-key@1: the public round, its secret key, every token's secret). Keep it: it
      alone opens the ballots.
  cxzy round seal --round ROUND BALLOT...
      Seals ballots (cxzy/ballot@1; - for JSON lines on stdin) to a round (its cxzy/round@1, or
      the key) and prints one cxzy/sealed-ballot@1 per line.
  cxzy round open --key KEY [--framework FW] BALLOT...
      Opens the sealed ballots of a rating round (cxzy/sealed-ballot@1, one per file, or - for
      one per line on stdin) with the round's key (cxzy/round-key@1) and prints one assessment
      per member, every accepted ballot's sheet in it, as JSON lines; score them with
      `cxzy score` and rank them with `cxzy branch`. Every refused ballot (another round, a
      token never issued or used twice, changed, sealed to another key, a rating the criteria
      refuse) is an error line; exit 1 then. FW defaults to the round's built-in criteria.
  cxzy serve [--port N] [--lan] [--data DIR | --database URL] [--room-days N]
             [--trust-proxy ADDR,…]
      Serves the app, the scoring API for portal backends (POST /api/v1/validate, /score,
      /branch; GET /api/v1/frameworks[/ID], /info, /openapi.json) and rooms for sealed ballots
      (/api/v1/rooms) on 127.0.0.1:8080, or with --lan on every interface. The same documents,
      codes and paths as this command line. Rooms are kept in SQLite under DIR (default
      cxzy-data), or in Postgres at URL (postgres://…; or the CXZY_DATABASE variable, which
      keeps a password out of the process list), and expire after N days (default 7).
      Behind a reverse proxy, --trust-proxy names its addresses (e.g. 127.0.0.1,::1): a
      request from one of them counts for the client its X-Forwarded-For names, so that the
      rooms' rate limits are per client, not one for everyone behind the proxy.
  cxzy frameworks [--json] [ID]
      Lists the built-in frameworks, or prints one.
  cxzy schema [framework|assessment|result|trend|branch|catalogue][@2]
      Prints the JSON Schema of a document, of version 1 or (with @2) version 2, for editors
      and portals in other languages.
  cxzy schema --typescript
      Prints the TypeScript declarations of every document.

OPTIONS
  --lang zh-Hans|zh-Hant|en   language of messages and titles (default zh-Hans)
  -h, --help                  this help
  -V, --version               the version

ERRORS
  Invalid input: exit 1, one JSON object per error on stderr:
    {\"input\":\"a.json\",\"code\":\"unknown_level\",\"path\":\"/sheets/0/ratings/study\",\"message\":\"...\"}
  Valid inputs are still processed. Misuse of the command: exit 2 with a message.

EXAMPLES
  cxzy frameworks
  cxzy score --framework member-five-leads me.json > result.json
  cat submissions.jsonl | cxzy score --framework unit.json - > results.jsonl
  cxzy branch --framework unit.json --excellent-quota 20 - < results.jsonl
";

const HELP_ZH: &str = "\
cxzy —— 创先争优测评的精确计分工具(见 docs/spec.md)

用法
  cxzy validate 文件...
      检查评价标准和测评文件。若测评所用标准为内置标准或在所给文件中,一并对照检查。全部有效时退出码为 0。
  cxzy score --framework 标准 [--today YYYY-MM-DD] [--summary | --csv] [--jobs N] 测评...
      按「标准」(文件,或内置标准标识,如 member-five-leads)为每份测评计分,按输入顺序每行输出一个
      结果(cxzy/result@1;第 2 版标准为 @2)。以 - 代替文件时,从标准输入逐行读取 JSON 测评,
      结果以恒定内存流式输出。
      --today 为测评未给出 as_of 时判断承诺是否逾期的日期。
      --summary 每行输出结果摘要(cxzy/summary@1:对象、总分、等次及依据、各维度得分、标准摘要值),
      每行几百字节;--csv 输出同样内容的表格(UTF-8 带 BOM,表头用 --lang 的语言)。
      --jobs N 用 N 个线程计分(默认每个处理器核心一个,至多 8 个),输出仍按输入顺序。
  cxzy branch --framework 标准 [--excellent-quota P] 结果...
      输出支部评比视图(cxzy/branch@1):排名、等次分布、各维度平均得分率、共性问题,以及按优秀比例 P 给出的建议(P 为百分数,如 20、12.5,或分数,如 1/3)。
      - 表示从标准输入逐行读取结果。
  cxzy trend --framework 标准 上期结果 本期结果
      输出同一标准两期结果的变化(cxzy/trend@1)。
  cxzy round create --framework 标准 设置
      按 cxzy/round-setup@1 文档(考核期、评议对象、各评议主体的方式:self、peer、slips 及票数、named 及
      评价人)创建评议轮次,输出其密钥(cxzy/round-key@1:公开的轮次、私钥、每张凭证的密文)。请妥善保存:
      只有它能打开选票。
  cxzy round seal --round 轮次 选票...
      把选票(cxzy/ballot@1;- 表示从标准输入逐行读取)封给评议轮次(其 cxzy/round@1 或密钥),每行输出一张
      cxzy/sealed-ballot@1。
  cxzy round open --key 密钥 [--framework 标准] 选票...
      用评议轮次的密钥(cxzy/round-key@1)打开密封选票(cxzy/sealed-ballot@1,每个文件一张,或以 - 从
      标准输入每行读取一张),为每名评议对象输出一份测评(含全部有效选票的评分),每行一个 JSON;
      再用 cxzy score 计分、cxzy branch 排名。每张被拒的选票(其他轮次、未发出或重复使用的凭证、
      被改动、封给其他密钥、标准不接受的评分)输出一行错误,退出码为 1。未给「标准」时使用本轮的内置标准。
  cxzy serve [--port 端口] [--lan] [--data 目录 | --database 地址] [--room-days 天数]
             [--trust-proxy 地址,…]
      提供应用本身、门户后端的评分接口(POST /api/v1/validate、/score、/branch;GET
      /api/v1/frameworks[/标识]、/info、/openapi.json)和收取密封选票的评议室(/api/v1/rooms),
      默认只监听 127.0.0.1:8080,加 --lan 则监听所有网卡。文档、错误代码和路径与本命令行相同。
      评议室存于「目录」下的 SQLite(默认 cxzy-data),或「地址」处的 Postgres(postgres://…;也可用
      环境变量 CXZY_DATABASE,以免密码出现在进程列表中),「天数」后过期(默认 7 天)。
      经反向代理提供服务时,用 --trust-proxy 列出代理的地址(如 127.0.0.1,::1):来自这些地址的请求
      按其 X-Forwarded-For 所指的客户端计数,评议室的频率限制才按客户端分别计算。
  cxzy frameworks [--json] [标识]
      列出内置评价标准,或输出其中一个。
  cxzy schema [framework|assessment|result|trend|branch|catalogue][@2]
      输出某种文档(第 1 版,或加 @2 为第 2 版)的 JSON Schema,供编辑器和其他语言的门户使用。
  cxzy schema --typescript
      输出所有文档的 TypeScript 类型声明。

选项
  --lang zh-Hans|zh-Hant|en   提示信息和标题的语言(默认 zh-Hans)
  -h, --help                  显示本帮助
  -V, --version               显示版本

错误
  输入无效时退出码为 1,标准错误中每个错误一行 JSON:
    {\"input\":\"a.json\",\"code\":\"unknown_level\",\"path\":\"/sheets/0/ratings/study\",\"message\":\"...\"}
  有效的输入仍会处理。命令用法错误时退出码为 2。
";

/// A misuse of the command line (exit 2).
struct Usage(String);

/// Where errors go: stderr, one JSON object per error, tagged with the input they came from.
struct Report {
    lang: Lang,
    failed: bool,
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    input: &'a str,
    code: &'a str,
    path: &'a str,
    message: &'a str,
}

impl Report {
    fn errors(&mut self, input: &str, errors: &[Diagnostic]) {
        self.failed = true;
        let stderr = io::stderr();
        let mut out = stderr.lock();
        for e in errors {
            let line = ErrorLine {
                input,
                code: e.code.as_str(),
                path: &e.path,
                message: e.message(self.lang),
            };
            if let Ok(text) = serde_json::to_string(&line) {
                let _ = writeln!(out, "{text}");
            }
        }
    }

    fn io_error(&mut self, input: &str, error: &io::Error) {
        let (en, zh) = (format!("cannot read: {error}"), format!("无法读取:{error}"));
        self.errors(
            input,
            &[Diagnostic::new(cxzy_core::Code::InvalidValue, "", en, zh)],
        );
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(Usage(message)) => {
            let _ = writeln!(io::stderr(), "cxzy: {message}\n(cxzy --help)");
            ExitCode::from(2)
        }
    }
}

/// Options common to every command, and the positional arguments left.
struct Parsed {
    lang: Lang,
    framework: Option<String>,
    today: Option<String>,
    quota: Option<String>,
    key: Option<String>,
    round: Option<String>,
    json: bool,
    typescript: bool,
    summary: bool,
    csv: bool,
    jobs: Option<String>,
    port: Option<String>,
    lan: bool,
    data: Option<String>,
    database: Option<String>,
    room_days: Option<String>,
    trust_proxy: Option<String>,
    positional: Vec<String>,
}

fn parse(args: Vec<String>) -> Result<Parsed, Usage> {
    let mut p = Parsed {
        lang: Lang::ZhHans,
        framework: None,
        today: None,
        quota: None,
        key: None,
        round: None,
        json: false,
        typescript: false,
        summary: false,
        csv: false,
        jobs: None,
        port: None,
        lan: false,
        data: None,
        database: None,
        room_days: None,
        trust_proxy: None,
        positional: Vec::new(),
    };
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| it.next())
                .ok_or_else(|| Usage(format!("{name} needs a value")))
        };
        match flag.as_str() {
            "--lang" => {
                let tag = value("--lang")?;
                p.lang = Lang::parse(&tag).ok_or_else(|| {
                    Usage(format!(
                        "unknown language \"{tag}\"; use zh-Hans, zh-Hant or en"
                    ))
                })?;
            }
            "--framework" | "-f" => p.framework = Some(value("--framework")?),
            "--today" => p.today = Some(value("--today")?),
            "--excellent-quota" => p.quota = Some(value("--excellent-quota")?),
            "--key" => p.key = Some(value("--key")?),
            "--round" => p.round = Some(value("--round")?),
            "--json" => p.json = true,
            "--summary" => p.summary = true,
            "--csv" => p.csv = true,
            "--jobs" => p.jobs = Some(value("--jobs")?),
            "--typescript" => p.typescript = true,
            "--port" => p.port = Some(value("--port")?),
            "--lan" => p.lan = true,
            "--data" => p.data = Some(value("--data")?),
            "--database" => p.database = Some(value("--database")?),
            "--room-days" => p.room_days = Some(value("--room-days")?),
            "--trust-proxy" => p.trust_proxy = Some(value("--trust-proxy")?),
            "--" => p.positional.extend(it.by_ref()),
            "-" => p.positional.push(arg),
            f if f.starts_with('-') => return Err(Usage(format!("unknown option {f}"))),
            _ => p.positional.push(arg),
        }
    }
    Ok(p)
}

fn run(mut args: Vec<String>) -> Result<bool, Usage> {
    if args.is_empty()
        || args
            .iter()
            .any(|a| a == "-h" || a == "--help" || a == "help")
    {
        let lang = args
            .windows(2)
            .find(|w| w.first().is_some_and(|a| a == "--lang"))
            .and_then(|w| w.get(1))
            .and_then(|t| Lang::parse(t));
        let _ = write!(
            io::stdout().lock(),
            "{}",
            if lang == Some(Lang::En) {
                HELP_EN
            } else {
                HELP_ZH
            }
        );
        if lang != Some(Lang::En) {
            let _ = write!(io::stdout().lock(), "\n{HELP_EN}");
        }
        return Ok(true);
    }
    if args.iter().any(|a| a == "-V" || a == "--version") {
        let _ = writeln!(io::stdout().lock(), "cxzy {}", cxzy_core::VERSION);
        return Ok(true);
    }
    let command = args.remove(0);
    let p = parse(args)?;
    let mut report = Report {
        lang: p.lang,
        failed: false,
    };
    match command.as_str() {
        "validate" => validate(&p, &mut report)?,
        "score" => score(&p, &mut report)?,
        "branch" => branch_cmd(&p, &mut report)?,
        "trend" => trend_cmd(&p, &mut report)?,
        "round" => round_cmd(&p, &mut report)?,
        "frameworks" => frameworks(&p)?,
        "schema" => schema(&p)?,
        "serve" => serve(&p, &mut report)?,
        other => return Err(Usage(format!("unknown command \"{other}\""))),
    }
    Ok(!report.failed)
}

/// Reads a whole file (at most the document limit, so a huge file cannot exhaust memory).
/// Reads a whole file, at most the document limit (a huge file cannot exhaust memory); the size is
/// checked before the text is decoded, so an oversized file is `too_large` wherever it is cut.
/// Errors are reported for `path`; `None` then.
fn read_file(report: &mut Report, path: &str) -> Option<String> {
    let mut bytes = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| {
        f.take(MAX_DOCUMENT_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
    });
    if let Err(e) = read {
        report.io_error(path, &e);
        return None;
    }
    if bytes.len() > MAX_DOCUMENT_BYTES {
        report.errors(path, &[cxzy_core::too_large(bytes.len())]);
        return None;
    }
    match String::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(e) => {
            report.io_error(path, &io::Error::new(io::ErrorKind::InvalidData, e));
            None
        }
    }
}

/// The framework named by `--framework` (a file if one exists at that path, else a built-in
/// id), prepared; its errors are reported and `None` returned.
fn load_framework(p: &Parsed, report: &mut Report) -> Result<Option<Prepared>, Usage> {
    Ok(load_framework_text(p, report)?.map(|(_, scorer)| scorer))
}

/// The framework of `--framework`, prepared, and its text (for threads that prepare their own).
fn load_framework_text(
    p: &Parsed,
    report: &mut Report,
) -> Result<Option<(String, Prepared)>, Usage> {
    let name = p
        .framework
        .as_deref()
        .ok_or_else(|| Usage("--framework FW is required".into()))?;
    let text = match std::fs::metadata(name) {
        Ok(_) => match read_file(report, name) {
            Some(text) => text,
            None => return Ok(None),
        },
        Err(_) => match cxzy_frameworks::text(name) {
            Some(text) => text.to_owned(),
            None => {
                let ids: Vec<String> = builtins()
                    .into_iter()
                    .map(|(e, _)| e.id.to_string())
                    .collect();
                return Err(Usage(format!(
                    "\"{name}\" is neither a file nor a built-in framework ({})",
                    ids.join(", ")
                )));
            }
        },
    };
    match Prepared::from_json(&text) {
        Ok(fw) => Ok(Some((text, fw))),
        Err(errors) => {
            report.errors(name, &errors);
            Ok(None)
        }
    }
}

fn validate(p: &Parsed, report: &mut Report) -> Result<(), Usage> {
    if p.positional.is_empty() {
        return Err(Usage("validate needs at least one FILE".into()));
    }
    let mut frameworks: Vec<Prepared> = builtins()
        .into_iter()
        .filter_map(|(_, text)| Prepared::from_json(text).ok())
        .collect();
    let mut assessments = Vec::new();
    for path in &p.positional {
        let Some(text) = read_file(report, path) else {
            continue;
        };
        let value = match parse_json(&text) {
            Ok(v) => v,
            Err(errors) => {
                report.errors(path, &errors);
                continue;
            }
        };
        let is_assessment = value
            .get("schema")
            .and_then(|s| s.as_str())
            .is_some_and(|s| AssessmentSchema::TAGS.contains(&s));
        if is_assessment {
            match assessment_from_value(&value) {
                Ok(a) => assessments.push((path, a)),
                Err(errors) => report.errors(path, &errors),
            }
        } else {
            match Prepared::from_value(&value) {
                Ok(fw) => frameworks.push(fw),
                Err(errors) => report.errors(path, &errors),
            }
        }
    }
    for (path, a) in assessments {
        // The latest given framework with that id and version wins over a built-in.
        let fw = frameworks.iter().rev().find(|fw| {
            fw.framework().id == a.framework.id && fw.framework().version == a.framework.version
        });
        if let Some(fw) = fw {
            let errors = fw.check(&a);
            if !errors.is_empty() {
                report.errors(path, &errors);
            }
        }
    }
    Ok(())
}

/// Streams JSON lines from stdin, calling `each(input name, value)`; constant memory per line.
fn each_stdin_line(report: &mut Report, mut each: impl FnMut(&mut Report, &str, &str)) {
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let mut line = Vec::new();
    let mut number = 0usize;
    loop {
        line.clear();
        number += 1;
        let name = format!("-:{number}");
        let limit = MAX_DOCUMENT_BYTES as u64 + 1;
        match (&mut input).take(limit).read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                report.io_error(&name, &e);
                break;
            }
        }
        if line.len() as u64 >= limit && line.last() != Some(&b'\n') {
            // Skip the rest of an oversized line without holding it.
            let mut skipped = Vec::new();
            loop {
                skipped.clear();
                match (&mut input).take(1 << 20).read_until(b'\n', &mut skipped) {
                    Ok(0) => break,
                    Ok(_) if skipped.last() == Some(&b'\n') => break,
                    Ok(_) => continue,
                    Err(_) => break,
                }
            }
            report.errors(&name, &[cxzy_core::too_large(MAX_DOCUMENT_BYTES + 1)]);
            continue;
        }
        let text = match std::str::from_utf8(&line) {
            Ok(t) => t.trim(),
            Err(e) => {
                report.io_error(&name, &io::Error::new(io::ErrorKind::InvalidData, e));
                continue;
            }
        };
        if text.is_empty() {
            continue;
        }
        each(report, &name, text);
    }
}

/// Each positional FILE (or stdin's lines for `-`) as a JSON value.
fn each_input(p: &Parsed, report: &mut Report, mut each: impl FnMut(&mut Report, &str, &str)) {
    // Each document is given as text: the engine's reader checks it (spec §4.1, §4.5).
    for path in &p.positional {
        if path == "-" {
            each_stdin_line(report, &mut each);
            continue;
        }
        if let Some(text) = read_file(report, path) {
            each(report, path, &text);
        }
    }
}

fn score(p: &Parsed, report: &mut Report) -> Result<(), Usage> {
    if p.positional.is_empty() {
        return Err(Usage(
            "score needs ASSESSMENT files, or - for JSON lines on stdin".into(),
        ));
    }
    let today = match &p.today {
        Some(t) => Some(
            chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d")
                .map_err(|_| Usage(format!("--today \"{t}\" is not a date YYYY-MM-DD")))?,
        ),
        None => None,
    };
    let Some((framework_text, scorer)) = load_framework_text(p, report)? else {
        return Ok(());
    };
    if p.summary && p.csv {
        return Err(Usage("--summary and --csv exclude each other".into()));
    }
    let jobs = match &p.jobs {
        Some(n) => n
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=64).contains(n))
            .ok_or_else(|| {
                Usage(format!(
                    "--jobs \"{n}\" is not a number of threads from 1 to 64"
                ))
            })?,
        None => std::thread::available_parallelism().map_or(1, |n| n.get().min(8)),
    };
    let line = Line {
        options: ScoreOptions { today },
        csv: p.csv,
        summary: p.summary,
        lang: p.lang,
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if p.csv {
        let _ = out.write_all(cxzy_core::csv::BOM.as_bytes());
        let _ = out.write_all(summary_header(scorer.framework(), p.lang).as_bytes());
    }
    if jobs == 1 {
        each_input(p, report, |report, name, text| {
            let scored = line.score(&scorer, text);
            emit(&mut out, report, name, scored);
        });
    } else {
        in_parallel(p, report, &mut out, &line, &framework_text, jobs);
    }
    let _ = out.flush();
    Ok(())
}

/// What `cxzy score` writes for each assessment.
struct Line {
    options: ScoreOptions,
    csv: bool,
    summary: bool,
    lang: Lang,
}

impl Line {
    /// One assessment's output line, or its errors. A summary, in JSON or CSV, is scored in
    /// brief (spec §9.3): no explanation is built.
    fn score(&self, scorer: &Prepared, text: &str) -> Result<Vec<u8>, Vec<Diagnostic>> {
        let a = assessment_from_str(text)?;
        let mut bytes = Vec::new();
        if self.csv {
            let s = scorer.summarize(&a, &self.options)?;
            bytes.extend_from_slice(summary_row(scorer.framework(), &s, self.lang).as_bytes());
        } else if self.summary {
            let _ = write_line(&mut bytes, &scorer.summarize(&a, &self.options)?);
        } else {
            let _ = write_line(&mut bytes, &scorer.score(&a, &self.options)?);
        }
        Ok(bytes)
    }
}

/// Writes one assessment's line, or reports its errors (after what came before it).
fn emit(
    out: &mut impl Write,
    report: &mut Report,
    name: &str,
    scored: Result<Vec<u8>, Vec<Diagnostic>>,
) {
    match scored {
        Ok(bytes) => {
            let _ = out.write_all(&bytes);
        }
        Err(errors) => {
            let _ = out.flush();
            report.errors(name, &errors);
        }
    }
}

/// Assessments scored per batch handed to a thread.
const BATCH: usize = 256;

type Outcome = (String, Result<Vec<u8>, Vec<Diagnostic>>);

/// `cxzy score` on `jobs` threads: the inputs are read here in batches, each thread scores a
/// batch with its own prepared framework (a `Prepared` is not shared between threads: its ids are
/// `Rc`), and the lines are written here in the order read, each error in its place.
fn in_parallel(
    p: &Parsed,
    report: &mut Report,
    out: &mut impl Write,
    line: &Line,
    framework_text: &str,
    jobs: usize,
) {
    use std::collections::BTreeMap;
    use std::sync::{mpsc, Arc, Mutex};
    std::thread::scope(|s| {
        let (job_tx, job_rx) = mpsc::sync_channel::<(usize, Vec<(String, String)>)>(jobs * 2);
        let job_rx = Arc::new(Mutex::new(job_rx));
        let (done_tx, done_rx) = mpsc::channel::<(usize, Vec<Outcome>)>();
        for _ in 0..jobs {
            let (job_rx, done_tx) = (job_rx.clone(), done_tx.clone());
            s.spawn(move || {
                // The text was prepared once already: it prepares again.
                let Ok(scorer) = Prepared::from_json(framework_text) else {
                    return;
                };
                loop {
                    let job = match job_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok((seq, batch)) = job else { return };
                    let done = batch
                        .into_iter()
                        .map(|(name, text)| {
                            let scored = line.score(&scorer, &text);
                            (name, scored)
                        })
                        .collect();
                    if done_tx.send((seq, done)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done_tx);
        // Batches done out of order wait here for those before them.
        let mut waiting: BTreeMap<usize, Vec<Outcome>> = BTreeMap::new();
        let mut next = 0usize;
        let mut sent = 0usize;
        let mut write_ready =
            |report: &mut Report, waiting: &mut BTreeMap<usize, Vec<Outcome>>, next: &mut usize| {
                while let Some(done) = waiting.remove(next) {
                    for (name, scored) in done {
                        emit(out, report, &name, scored);
                    }
                    *next += 1;
                }
            };
        let mut batch = Vec::with_capacity(BATCH);
        each_input(p, report, |report, name, text| {
            batch.push((name.to_owned(), text.to_owned()));
            if batch.len() < BATCH {
                return;
            }
            let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
            if job_tx.send((sent, full)).is_ok() {
                sent += 1;
            }
            while let Ok((seq, done)) = done_rx.try_recv() {
                waiting.insert(seq, done);
            }
            write_ready(report, &mut waiting, &mut next);
        });
        if !batch.is_empty() && job_tx.send((sent, batch)).is_ok() {
            sent += 1;
        }
        drop(job_tx);
        while next < sent {
            let Ok((seq, done)) = done_rx.recv() else {
                break;
            };
            waiting.insert(seq, done);
            write_ready(report, &mut waiting, &mut next);
        }
        if next < sent {
            report.errors(
                "-",
                &[Diagnostic::new(
                    cxzy_core::Code::Internal,
                    "",
                    "a scoring thread stopped: the assessments after the last line written were not scored",
                    "计分线程意外停止:最后写出的一行之后的测评未计分",
                )],
            );
        }
    });
}

/// The header row of `cxzy score --csv`: the summary's columns, each part by its title.
fn summary_header(fw: &cxzy_core::Framework, lang: Lang) -> String {
    let fixed: [&str; 9] = match lang {
        Lang::En => [
            "name",
            "unit",
            "start",
            "end",
            "complete",
            "total",
            "max",
            "grade",
            "grade reason",
        ],
        Lang::ZhHant => [
            "姓名",
            "單位",
            "開始",
            "結束",
            "是否完整",
            "總分",
            "滿分",
            "等次",
            "等次依據",
        ],
        Lang::ZhHans => [
            "姓名",
            "单位",
            "开始",
            "结束",
            "是否完整",
            "总分",
            "满分",
            "等次",
            "等次依据",
        ],
    };
    let tail: [&str; 3] = match lang {
        Lang::En => ["criteria", "version", "digest"],
        Lang::ZhHant => ["標準", "版本", "摘要值"],
        Lang::ZhHans => ["标准", "版本", "摘要值"],
    };
    let parts = fw.dimensions.iter().map(|d| d.title.get(lang).to_owned());
    cxzy_core::csv::row(
        fixed
            .iter()
            .map(|s| s.to_string())
            .chain(parts)
            .chain(tail.iter().map(|s| s.to_string())),
    )
}

/// One result's row of `cxzy score --csv`: the grade by its label, the reason by its code.
fn summary_row(fw: &cxzy_core::Framework, s: &cxzy_core::Summary, lang: Lang) -> String {
    let grade = s
        .grade
        .as_ref()
        .map(|g| {
            fw.grades
                .iter()
                .find(|x| x.id == *g)
                .map(|x| x.label.get(lang).to_owned())
                .unwrap_or_else(|| g.to_string())
        })
        .unwrap_or_default();
    let reason = serde_json::to_value(s.grade_reason)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    let parts = fw.dimensions.iter().map(|d| {
        s.dimensions
            .iter()
            .find(|x| x.id == d.id)
            .map(|x| x.score.to_fixed2())
            .unwrap_or_default()
    });
    cxzy_core::csv::row(
        [
            s.subject.name.clone().unwrap_or_default(),
            s.subject.unit.clone().unwrap_or_default(),
            s.period.start.to_string(),
            s.period.end.to_string(),
            s.complete.to_string(),
            s.total.to_fixed2(),
            s.max.to_fixed2(),
            grade,
            reason,
        ]
        .into_iter()
        .chain(parts)
        .chain([
            s.framework.id.to_string(),
            s.framework.version.clone(),
            s.framework.digest.clone(),
        ]),
    )
}

fn read_results(p: &Parsed, report: &mut Report) -> Vec<ResultSummary> {
    let mut results = Vec::new();
    each_input(p, report, |report, name, text| {
        match result_from_str(text) {
            Ok(r) => results.push(r),
            Err(errors) => report.errors(name, &errors),
        }
    });
    results
}

/// `value` as one line of JSON (a write error is the pipe's reader gone: nothing to tell).
fn write_line(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")
}

fn print_json(value: &impl Serialize) {
    if let Ok(text) = serde_json::to_string(value) {
        let _ = writeln!(io::stdout().lock(), "{text}");
    }
}

fn branch_cmd(p: &Parsed, report: &mut Report) -> Result<(), Usage> {
    let quota = match &p.quota {
        Some(q) => Some(
            parse_quota(q)
                .filter(|x| !x.is_negative() && *x <= Exact::int(100))
                .ok_or_else(|| {
                    Usage(format!(
                        "--excellent-quota \"{q}\" is not a percent from 0 to 100 or a share such as 1/3"
                    ))
                })?,
        ),
        None => None,
    };
    if p.positional.is_empty() {
        return Err(Usage(
            "branch needs RESULT files, or - for JSON lines on stdin".into(),
        ));
    }
    let Some(scorer) = load_framework(p, report)? else {
        return Ok(());
    };
    let results = read_results(p, report);
    if report.failed {
        return Ok(());
    }
    match branch(&scorer, &results, quota.as_ref()) {
        Ok(view) => print_json(&view),
        Err(errors) => report.errors("results", &errors),
    }
    Ok(())
}

/// The documents of a command's inputs: files, or JSON lines on stdin for `-`; each with where
/// it came from.
fn inputs(names: &[String], report: &mut Report) -> Vec<(String, String)> {
    let mut inputs: Vec<(String, String)> = Vec::new();
    for b in names {
        if b == "-" {
            for (n, line) in io::stdin().lock().lines().enumerate() {
                match line {
                    Ok(line) if line.trim().is_empty() => {}
                    Ok(line) if line.len() > MAX_DOCUMENT_BYTES => report.errors(
                        &format!("stdin:{}", n + 1),
                        &[cxzy_core::too_large(line.len())],
                    ),
                    Ok(line) => inputs.push((format!("stdin:{}", n + 1), line)),
                    Err(e) => {
                        report.io_error("stdin", &e);
                        break;
                    }
                }
            }
        } else if let Some(text) = read_file(report, b) {
            inputs.push((b.clone(), text));
        }
    }
    inputs
}

/// `cxzy round create|seal|open` (spec §12).
fn round_cmd(p: &Parsed, report: &mut Report) -> Result<(), Usage> {
    match p.positional.first().map(String::as_str) {
        Some("open") => round_open(p, report),
        Some("create") => round_create(p, report),
        Some("seal") => round_seal(p, report),
        _ => Err(Usage(
            "round needs a subcommand: create, seal or open (cxzy --help)".into(),
        )),
    }
}

/// `cxzy round create --framework FW SETUP`
fn round_create(p: &Parsed, report: &mut Report) -> Result<(), Usage> {
    let [_, setup_path] = p.positional.as_slice() else {
        return Err(Usage(
            "round create needs one SETUP file (cxzy/round-setup@1)".into(),
        ));
    };
    let Some(framework) = load_framework(p, report)? else {
        return Ok(());
    };
    let Some(text) = read_file(report, setup_path) else {
        return Ok(());
    };
    let setup = match cxzy_core::read::document::<cxzy_rounds::SetupDocument>(&text)
        .and_then(|d| d.setup())
    {
        Ok(setup) => setup,
        Err(errors) => {
            report.errors(setup_path, &errors);
            return Ok(());
        }
    };
    match cxzy_rounds::create(&framework, &setup, &mut rand_core::OsRng) {
        Ok((_, key)) => print_json(&key),
        Err(errors) => report.errors(setup_path, &errors),
    }
    Ok(())
}

/// `cxzy round seal --round ROUND BALLOT...`
fn round_seal(p: &Parsed, report: &mut Report) -> Result<(), Usage> {
    let round_path = p
        .round
        .as_deref()
        .ok_or_else(|| Usage("round seal needs --round ROUND (cxzy/round@1, or the key)".into()))?;
    let ballots = p.positional.get(1..).unwrap_or_default();
    if ballots.is_empty() {
        return Err(Usage(
            "round seal needs BALLOT files, or - for one ballot per line on stdin".into(),
        ));
    }
    let Some(text) = read_file(report, round_path) else {
        return Ok(());
    };
    // The public round, or the key that holds it.
    let round = match cxzy_core::read::document::<cxzy_rounds::Round>(&text) {
        Ok(round) => round,
        Err(errors) => match cxzy_core::read::document::<cxzy_rounds::RoundKey>(&text) {
            Ok(key) => key.round,
            Err(_) => {
                report.errors(round_path, &errors);
                return Ok(());
            }
        },
    };
    for (input, text) in inputs(ballots, report) {
        let ballot = match cxzy_core::read::document::<cxzy_rounds::Ballot>(&text) {
            Ok(b) => b,
            Err(errors) => {
                report.errors(&input, &errors);
                continue;
            }
        };
        match cxzy_rounds::seal(&round, &ballot, &mut rand_core::OsRng) {
            Ok(sealed) => print_json(&sealed),
            Err(e) => report.errors(&input, &[e]),
        }
    }
    Ok(())
}

/// `cxzy round open --key KEY [--framework FW] BALLOT...` (spec §12.3).
fn round_open(p: &Parsed, report: &mut Report) -> Result<(), Usage> {
    let ballots = p.positional.get(1..).unwrap_or_default();
    let key_path = p
        .key
        .as_deref()
        .ok_or_else(|| Usage("round open needs --key KEY (the round's cxzy/round-key@1)".into()))?;
    if ballots.is_empty() {
        return Err(Usage(
            "round open needs BALLOT files, or - for one sealed ballot per line on stdin".into(),
        ));
    }
    let Some(key_text) = read_file(report, key_path) else {
        return Ok(());
    };
    let key: cxzy_rounds::RoundKey = match cxzy_core::read::document(&key_text) {
        Ok(key) => key,
        Err(errors) => {
            report.errors(key_path, &errors);
            return Ok(());
        }
    };
    // The criteria: --framework, else the round's own when it is a built-in.
    let framework = if p.framework.is_some() {
        load_framework(p, report)?
    } else {
        let id = &key.round.framework.id;
        let text = cxzy_frameworks::text(id).ok_or_else(|| {
            Usage(format!(
                "the round's criteria \"{id}\" are not built in: give them with --framework FILE"
            ))
        })?;
        match Prepared::from_json(text) {
            Ok(fw) => Some(fw),
            Err(errors) => {
                report.errors(id, &errors);
                None
            }
        }
    };
    let Some(framework) = framework else {
        return Ok(());
    };
    // Each sealed ballot with where it came from: a file, or a line of stdin.
    let inputs = inputs(ballots, report);
    let texts: Vec<&str> = inputs.iter().map(|(_, t)| t.as_str()).collect();
    match cxzy_rounds::open(&framework, &key.round, &key, &texts) {
        Ok(opened) => {
            for r in &opened.refused {
                let input = inputs.get(r.index).map(|(n, _)| n.as_str()).unwrap_or("?");
                report.errors(input, &r.errors);
            }
            for a in &opened.assessments {
                print_json(a);
            }
        }
        Err(errors) => report.errors(key_path, &errors),
    }
    Ok(())
}

fn trend_cmd(p: &Parsed, report: &mut Report) -> Result<(), Usage> {
    if p.positional.len() != 2 {
        return Err(Usage(
            "trend needs exactly two results: PREVIOUS CURRENT".into(),
        ));
    }
    let Some(fw) = load_framework(p, report)? else {
        return Ok(());
    };
    let results = read_results(p, report);
    if let (false, [previous, current]) = (report.failed, results.as_slice()) {
        match trend(fw.framework(), previous, current) {
            Ok(t) => print_json(&t),
            Err(errors) => report.errors("results", &errors),
        }
    }
    Ok(())
}

fn frameworks(p: &Parsed) -> Result<(), Usage> {
    if let Some(id) = p.positional.first() {
        let text = cxzy_frameworks::text(id)
            .ok_or_else(|| Usage(format!("no built-in framework \"{id}\"")))?;
        let _ = write!(io::stdout().lock(), "{text}");
        return Ok(());
    }
    for (entry, text) in builtins() {
        let Ok(prepared) = Prepared::from_json(text) else {
            continue;
        };
        let fw = prepared.framework();
        let (id, subject) = (&*entry.id, entry.subject.as_str());
        if p.json {
            #[derive(Serialize)]
            struct Row<'a> {
                id: &'a str,
                version: &'a str,
                subject: &'a str,
                title: &'a str,
            }
            print_json(&Row {
                id,
                version: &fw.version,
                subject,
                title: fw.title.get(p.lang),
            });
        } else {
            let _ = writeln!(
                io::stdout().lock(),
                "{id}\t{}\t{subject}\t{}",
                fw.version,
                fw.title.get(p.lang)
            );
        }
    }
    Ok(())
}

/// `cxzy serve`: the scoring API and the rooms (cxzy-server) on 127.0.0.1, or with `--lan` on
/// every interface; rooms in SQLite under `--data` (default `cxzy-data`), or in Postgres with
/// `--database` (or `CXZY_DATABASE`, which keeps a password out of the process list).
fn serve(p: &Parsed, report: &mut Report) -> Result<(), Usage> {
    let port: u16 = match &p.port {
        Some(text) => text
            .parse()
            .map_err(|_| Usage(format!("--port \"{text}\" is not a port number")))?,
        None => 8080,
    };
    let ip = if p.lan {
        std::net::Ipv4Addr::UNSPECIFIED
    } else {
        std::net::Ipv4Addr::LOCALHOST
    };
    let database = p.database.clone().or_else(|| {
        std::env::var("CXZY_DATABASE")
            .ok()
            .filter(|v| !v.is_empty())
    });
    let storage = match (database, &p.data) {
        (Some(_), Some(_)) => {
            return Err(Usage(
                "--data (SQLite) and --database (Postgres) exclude each other".into(),
            ))
        }
        (Some(url), None) => {
            if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
                return Err(Usage(
                    "--database must be a postgres:// or postgresql:// URL".into(),
                ));
            }
            cxzy_server::Storage::Postgres(url)
        }
        (None, dir) => {
            cxzy_server::Storage::Sqlite(dir.clone().unwrap_or_else(|| "cxzy-data".into()).into())
        }
    };
    let mut rooms = cxzy_server::rooms::Config::default();
    if let Some(text) = &p.room_days {
        let days: f64 = text
            .parse()
            .ok()
            .filter(|d: &f64| d.is_finite() && *d > 0.0 && *d <= 366.0)
            .ok_or_else(|| {
                Usage(format!(
                    "--room-days \"{text}\" is not a number of days (0–366)"
                ))
            })?;
        rooms.ttl = std::time::Duration::from_secs_f64(days * 86_400.0);
    }
    if let Some(text) = &p.trust_proxy {
        for part in text.split(',').map(str::trim) {
            let proxy: std::net::IpAddr = part.parse().map_err(|_| {
                Usage(format!(
                    "--trust-proxy \"{part}\" is not an IP address (give the proxies' addresses, comma-separated: 127.0.0.1,::1)"
                ))
            })?;
            rooms.trusted_proxies.push(proxy);
        }
    }
    let options = cxzy_server::Options {
        addr: std::net::SocketAddr::from((ip, port)),
        lan: p.lan,
        storage,
        rooms,
    };
    if let Err(e) = cxzy_server::run(options) {
        report.io_error(&format!("{ip}:{port}"), &e);
    }
    Ok(())
}

/// The built-in frameworks with their catalogue entries (the catalogue is tested to read).
fn builtins() -> Vec<(cxzy_frameworks::Entry, &'static str)> {
    cxzy_frameworks::builtins().unwrap_or_default()
}

/// The JSON Schema of a document, or with `--typescript` the declarations of them all.
fn schema(p: &Parsed) -> Result<(), Usage> {
    use cxzy_core::shape::{self, Describe};
    let mut documents = cxzy_core::model::documents();
    documents.push(("catalogue", cxzy_frameworks::Catalogue::shape()));
    // The rating rounds' documents (spec §12).
    documents.extend([
        ("round", cxzy_rounds::Round::shape()),
        ("round-key", cxzy_rounds::RoundKey::shape()),
        ("round-setup", cxzy_rounds::SetupDocument::shape()),
        ("round-archive", cxzy_rounds::RoundArchive::shape()),
        ("invitation", cxzy_rounds::Invitation::shape()),
        ("ballot", cxzy_rounds::Ballot::shape()),
        ("sealed-ballot", cxzy_rounds::SealedBallot::shape()),
    ]);
    if p.typescript {
        let mut roots: Vec<shape::Shape> = documents.into_iter().map(|(_, s)| s).collect();
        roots.push(cxzy_core::Code::shape());
        roots.push(Lang::shape());
        let _ = write!(
            io::stdout().lock(),
            "// The documents of cxzy, generated by `cxzy schema --typescript` from cxzy-core's model.\n\n{}",
            shape::typescript(&roots)
        );
        return Ok(());
    }
    let names: Vec<String> = documents
        .iter()
        .flat_map(|(n, _)| {
            let later = matches!(*n, "framework" | "assessment" | "result");
            std::iter::once(n.to_string()).chain(later.then(|| format!("{n}@2")))
        })
        .collect();
    let wanted = p
        .positional
        .first()
        .map(String::as_str)
        .unwrap_or("framework");
    let (doc, version) = match wanted.split_once('@') {
        Some((d, "2")) => (d, 2u8),
        Some(_) => ("", 0),
        None => (wanted, 1),
    };
    let (name, root) = documents
        .iter()
        .find(|(n, _)| *n == doc && names.iter().any(|x| x == wanted))
        .ok_or_else(|| {
            Usage(format!(
                "no document \"{wanted}\"; one of: {}",
                names.join(", ")
            ))
        })?;
    let id = match version {
        1 => format!("https://cxzy.invalid/schema/{name}.json"),
        v => format!("https://cxzy.invalid/schema/{name}@{v}.json"),
    };
    if let Ok(text) = serde_json::to_string_pretty(&shape::json_schema(root, &id, version)) {
        let _ = writeln!(io::stdout().lock(), "{text}");
    }
    Ok(())
}
