//! The `zwgk` command line.

use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use zwgk::build::{self, BuildOptions};
use zwgk::diagnostics::{report, Diagnostics};

/// Builds allocate many small strings on both threads; mimalloc does that markedly
/// faster than glibc's allocator (bench/RESULTS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "zwgk",
    version,
    about = "政务公开网站生成器 / static-site generator for government disclosure portals"
)]
struct Cli {
    /// 站点根目录 / the site's root folder
    #[arg(short = 'C', long = "site", global = true, default_value = ".")]
    site: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 生成网站到 public/ / build the portal into public/
    Build {
        /// 输出目录 / output folder (default: site.toml output_dir)
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// 在标准错误输出各阶段用时（一行 JSON）/ print per-stage timings as one JSON line on stderr
        #[arg(long)]
        timings: bool,
    },
    /// 本地预览：保存即更新，浏览器自动刷新 / local preview that rebuilds on save and reloads the browser
    Serve {
        /// 端口，被占用时依次尝试后面的端口；0 表示任选空闲端口 / port (the next free one if taken; 0: any)
        #[arg(short, long, default_value_t = 1111)]
        port: u16,
        /// 监听地址 / address to listen on
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// 同时预览草稿、未审查和未到发布日期的文档（标明未发布）/ also preview drafts and unreviewed documents, marked
        #[arg(long)]
        drafts: bool,
        /// 在浏览器中打开 / open the portal in the browser
        #[arg(long)]
        open: bool,
    },
    /// 检查内容是否合规，不写任何文件 / check the content against every rule; writes nothing
    Check {
        /// 输出格式 / output format
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// 有警告也不通过；空白栏目达到上限即为错误 / fail on warnings too; empty columns at the limit are an error
        #[arg(long)]
        strict: bool,
        /// 按网站检查指标检查栏目（site.toml 有 [inspection] 时总是检查）/ judge the columns as an inspection would (always with [inspection] in site.toml)
        #[arg(long)]
        inspect: bool,
        /// 逐个访问外部链接，列出打不开的 / request every external link and list the dead ones (uses the network)
        #[arg(long)]
        links: bool,
    },
    /// 新建站点 / create a new site in DIR
    Init {
        dir: PathBuf,
        /// 加入国家试点领域的标准目录（代码或名称，可多次） / add a national pilot domain's item list (slug or name; repeatable)
        #[arg(short, long = "domain")]
        domains: Vec<String>,
    },
    /// 新建文档，自动取下一个索引号 / create a document with the next free index number
    New {
        /// 标题 / title
        title: String,
        /// 发布机构的 key 或名称 / publisher key or name
        #[arg(short, long)]
        publisher: String,
        /// 领域：文件夹代码或名称；国家试点领域本站没有的，先加入其标准目录 / domain: folder slug or name; a national pilot domain the site lacks gets its item list added (default: general)
        #[arg(short, long)]
        domain: Option<String>,
    },
    /// 把 Word 公文（.docx）导入为草稿，从版式中读出文号、标题、成文日期等 / import Word 公文 (.docx) as drafts, metadata read from the layout
    Import {
        /// .docx 文件或存放它们的文件夹 / .docx files, or folders holding them
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// 文件中的发文机关与 site.toml 不相符时使用的发布机构（key 或名称）/ publisher when the file's organ matches none
        #[arg(short, long)]
        publisher: Option<String>,
        /// 领域文件夹，写到 content/<领域>/ / domain folder: write into content/<slug>/ (default: general)
        #[arg(short, long)]
        domain: Option<String>,
        /// 写到这个文件夹 / write into this folder instead
        #[arg(long)]
        to: Option<PathBuf>,
        /// 附上盖章原件（PDF、OFD），只用于导入一个文件时 / attach the sealed original (PDF, OFD) to the one imported document
        #[arg(long)]
        attach_original: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Json,
    /// 供单位和领导查看的检查报告（一个 HTML 文件）/ one HTML page for the office
    Html,
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            failure.print();
            ExitCode::FAILURE
        }
    }
}

/// Why a command failed. Said on the terminal in one place, [`Failure::print`].
enum Failure {
    /// The pipeline stopped: every problem it found.
    Build(Diagnostics),
    /// Findings, e.g. site.toml's problems.
    Findings(Diagnostics),
    /// A plain message, in Chinese and English.
    Message(String),
    /// Already said (`check` prints its report on stdout); only the exit code fails.
    Said,
}

impl Failure {
    fn print(&self) {
        match self {
            Failure::Build(ds) => {
                eprint!("{}", report(ds.iter()));
                if ds.iter().any(|d| d.rule.starts_with("output/")) {
                    // The output folder's own message says what state it is in.
                    return;
                }
                eprintln!(
                    "未生成：{} 处错误，{} 处警告。改正后再运行；public/ 保持不变。",
                    ds.error_count(),
                    ds.warning_count()
                );
                eprintln!(
                    "nothing written: {} error(s), {} warning(s); public/ is unchanged",
                    ds.error_count(),
                    ds.warning_count()
                );
            }
            Failure::Findings(ds) => eprint!("{}", report(ds)),
            Failure::Message(m) => eprintln!("错误 error: {m}"),
            Failure::Said => {}
        }
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Build { output, timings } => run_build(cli.site, output, timings),
        Command::Serve {
            port,
            bind,
            drafts,
            open,
        } => {
            let opts = zwgk::serve::ServeOptions {
                root: cli.site,
                bind,
                port,
                drafts,
                open,
            };
            zwgk::serve::run(&opts).map_err(Failure::Message)
        }
        Command::Check {
            format,
            strict,
            inspect,
            links,
        } => {
            let opts = zwgk::check::CheckOptions {
                strict,
                // The report is the inspection's.
                inspect: inspect || matches!(format, Format::Html),
                links,
            };
            run_check(&cli.site, format, &opts)
        }
        Command::Init { dir, domains } => run_init(dir, &domains),
        Command::New {
            title,
            publisher,
            domain,
        } => run_new(cli.site, &title, &publisher, domain.as_deref()),
        Command::Import {
            files,
            publisher,
            domain,
            to,
            attach_original,
        } => run_import(zwgk::import::ImportOptions {
            root: cli.site,
            inputs: files,
            publisher,
            domain,
            to,
            attach_original,
            today: build::today(),
        }),
    }
}

fn run_import(opts: zwgk::import::ImportOptions) -> Result<(), Failure> {
    let report = zwgk::import::run(&opts).map_err(Failure::Findings)?;
    for i in &report.imported {
        println!("{}", i.draft.display());
        eprintln!("{}", zwgk::import::describe(i));
    }
    eprint!("{}", zwgk::diagnostics::report(report.diagnostics.iter()));
    eprintln!(
        "导入 {} 个，未导入 {} 个。草稿带 draft: true，不会发布：逐项核对，保密审查后填写 review，再删去 draft 一行",
        report.imported.len(),
        report.failed
    );
    eprintln!(
        "{} imported, {} not imported. Drafts carry draft: true and are not published: check every value, fill in review after the review, then delete the draft line",
        report.imported.len(),
        report.failed
    );
    if report.has_errors() {
        Err(Failure::Said)
    } else {
        Ok(())
    }
}

fn run_build(root: PathBuf, output: Option<PathBuf>, timings: bool) -> Result<(), Failure> {
    let mut opts = BuildOptions::new(root);
    opts.output = output;
    opts.progress = std::io::stderr().is_terminal();
    let report = build::build(&opts).map_err(Failure::Build)?;
    eprint!("{}", zwgk::diagnostics::report(report.warnings.iter()));
    let s = &report.stats;
    eprintln!(
        "完成：找到 {} 个文档，发布 {}，不发布 {}（依申请公开 {}，不予公开 {}，未审查 {}，草稿 {}，未到发布日期 {}）；写出 {} 个页面，复制 {} 个文件，用时 {:.2} 秒",
        s.found, s.published, s.withheld(), s.on_request, s.not_disclosed, s.unreviewed, s.drafts, s.scheduled,
        report.pages, report.files_copied, report.total_time().as_secs_f64()
    );
    eprintln!(
        "done: {} documents found, {} published, {} withheld; {} pages written, {} files copied to {} in {:.2}s",
        s.found, s.published, s.withheld(), report.pages, report.files_copied,
        report.output.display(), report.total_time().as_secs_f64()
    );
    let c = report.changes;
    eprintln!(
        "输出文件中 {} 个新增或有改动，{} 个未变；渲染页面 {} 个 / {} output files new or changed, {} unchanged; {} pages rendered",
        c.written, c.unchanged, report.rendered, c.written, c.unchanged, report.rendered
    );
    if timings {
        eprintln!("{}", timings_json(&report));
    }
    Ok(())
}

fn run_check(
    root: &std::path::Path,
    format: Format,
    opts: &zwgk::check::CheckOptions,
) -> Result<(), Failure> {
    let report = zwgk::check::check(root, build::today(), opts);
    let strict = opts.strict;
    match format {
        Format::Text => print!("{}", report.to_text(strict)),
        Format::Json => print!("{}", report.to_json()),
        Format::Html => print!("{}", zwgk::check::html::report(&report, strict)),
    }
    if report.passes(strict) {
        Ok(())
    } else {
        Err(Failure::Said)
    }
}

/// `{"pages":N,"timings":[{"seconds":0.41,"stage":"load"},...]}`, read by bench/run.sh.
fn timings_json(report: &build::BuildReport) -> serde_json::Value {
    let stages: Vec<_> = report
        .timings
        .iter()
        .map(|(stage, d)| serde_json::json!({ "stage": stage, "seconds": d.as_secs_f64() }))
        .collect();
    serde_json::json!({
        "timings": stages,
        "pages": report.pages,
        "rendered": report.rendered,
        "data_made": report.data_made,
        "bodies_in_files": report.bodies_in_files,
        "written": report.changes.written,
        "unchanged": report.changes.unchanged,
    })
}

fn run_init(dir: PathBuf, domains: &[String]) -> Result<(), Failure> {
    let files = zwgk::scaffold::init(&dir, build::today(), domains)
        .map_err(|e| Failure::Message(e.to_string()))?;
    for f in files {
        eprintln!("  创建 created {}", dir.join(f).display());
    }
    eprintln!(
        "请先修改 site.toml 中的示例值：标题和机构名称中的 XX、发布机构代码 000000000、电话和传真 0000-00000000、邮编 000000，并在 [footer] 填写网站标识码 site_code（zwgk check 会逐项提醒）\n\
         first replace the example values in site.toml: XX in the title and names, the publisher code 000000000, phone and fax 0000-00000000, postcode 000000, and fill in [footer] site_code (zwgk check warns about each)"
    );
    eprintln!(
        "新站点已创建。下一步：cd {} && zwgk build\nnew site ready: cd {} && zwgk build",
        dir.display(),
        dir.display()
    );
    eprintln!("{}", zwgk::scaffold::GUIDE_POINTER);
    Ok(())
}

fn run_new(
    root: PathBuf,
    title: &str,
    publisher: &str,
    domain: Option<&str>,
) -> Result<(), Failure> {
    let config = zwgk::config::SiteConfig::load(&root).map_err(Failure::Findings)?;
    let req = zwgk::scaffold::NewDocument {
        publisher,
        title,
        domain,
        today: build::today(),
    };
    let rel = zwgk::scaffold::new_document(&root, &config, &req)
        .map_err(|e| Failure::Message(e.to_string()))?;
    println!("{}", rel.display());
    eprintln!("已创建草稿；写好正文，保密审查后填好 review 的审查人、审查日期、审查结论，再删去 draft: true / draft created; once reviewed, fill in review (reviewer, date, conclusion), then remove `draft: true`");
    Ok(())
}
