//! A deterministic benchmark corpus: drafts that mix paragraphs of the
//! project's own `corpus/` with generated 公文 paragraphs.
//!
//! Usage:
//!   cargo run --release --example gencorpus -- tree MB OUT_DIR   (drafts of 2–50 KB)
//!   cargo run --release --example gencorpus -- file MB OUT_FILE  (one draft)
//!
//! The same arguments always give the same bytes (a fixed-seed generator;
//! `corpus/` is read in sorted order).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// splitmix64: small, fast and fully deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

const SUBJECTS: &[&str] = &[
    "县委常委班子",
    "各乡镇党委",
    "县直各单位",
    "市委办公室",
    "区政府",
    "各级党组织",
    "领导干部",
    "机关党员",
    "基层党支部",
    "全体干部职工",
];
const VERBS: &[&str] = &[
    "认真学习",
    "深入贯彻",
    "全面落实",
    "坚决执行",
    "扎实推进",
    "统筹做好",
    "持续深化",
    "进一步加强",
    "切实抓好",
    "积极推动",
];
const OBJECTS: &[&str] = &[
    "党的二十大精神",
    "全面从严治党要求",
    "安全生产责任制",
    "乡村振兴战略",
    "营商环境优化工作",
    "意识形态工作责任制",
    "基层治理体系建设",
    "民生实事项目",
    "生态环境保护工作",
    "干部作风建设",
];
const TAILS: &[&str] = &[
    "确保各项任务落到实处",
    "推动工作取得新成效",
    "为高质量发展提供坚强保障",
    "切实把思想和行动统一到决策部署上来",
    "做到守土有责、守土负责、守土尽责",
    "形成一级抓一级、层层抓落实的工作格局",
];
const HAN: &[&str] = &["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// One generated paragraph of a few sentences.
fn generated(rng: &mut Rng) -> String {
    let mut p = String::from("　　");
    for _ in 0..1 + rng.below(5) {
        let n = 2 + rng.below(4);
        let _ = write!(
            p,
            "{}{}{}，围绕{}个方面{}项重点任务，{}，{}。",
            rng.pick(SUBJECTS),
            rng.pick(VERBS),
            rng.pick(OBJECTS),
            HAN[n - 1],
            n + rng.below(20),
            rng.pick(TAILS),
            rng.pick(TAILS)
        );
    }
    p
}

/// Every non-empty line of the project's drafts, and their first lines as titles.
fn corpus_lines(root: &Path) -> (Vec<String>, Vec<String>) {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut lines = Vec::new();
    let mut titles = Vec::new();
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        let mut it = text
            .lines()
            .map(str::trim_end)
            .filter(|l| !l.trim().is_empty());
        if let Some(t) = it.next() {
            titles.push(t.to_string());
        }
        lines.extend(it.map(str::to_string));
    }
    (lines, titles)
}

/// One draft of about `size` bytes.
fn draft(rng: &mut Rng, size: usize, lines: &[String], titles: &[String]) -> String {
    let mut d = titles[rng.below(titles.len())].clone();
    d.push('\n');
    while d.len() < size {
        if rng.below(2) == 0 {
            d.push_str(&lines[rng.below(lines.len())]);
        } else {
            d.push_str(&generated(rng));
        }
        d.push('\n');
    }
    d
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [kind, mb, out] = &args[..] else {
        eprintln!("usage: gencorpus tree|file MB OUT");
        std::process::exit(2);
    };
    let total: usize = mb.parse::<usize>().expect("MB is a number") * 1_000_000;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let (lines, titles) = corpus_lines(&root);
    assert!(!lines.is_empty(), "no drafts under {}", root.display());
    let mut rng = Rng(0x6777_6c69_6e74);
    match kind.as_str() {
        "tree" => {
            let mut written = 0;
            let mut i = 0;
            while written < total {
                let size = 2_000 + rng.below(48_000);
                let dir = Path::new(out).join(format!("d{:02}", i / 100));
                std::fs::create_dir_all(&dir).expect("create the output directory");
                let d = draft(&mut rng, size, &lines, &titles);
                written += d.len();
                std::fs::write(dir.join(format!("{i:05}.txt")), d).expect("write a draft");
                i += 1;
            }
            println!("{i} drafts, {written} bytes");
        }
        "file" => {
            let d = draft(&mut rng, total, &lines, &titles);
            std::fs::write(out, &d).expect("write the draft");
            println!("1 draft, {} bytes", d.len());
        }
        _ => {
            eprintln!("usage: gencorpus tree|file MB OUT");
            std::process::exit(2);
        }
    }
}
