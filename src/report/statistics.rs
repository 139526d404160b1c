//! `--statistics`: how many diagnostics each rule produced, instead of the
//! diagnostics themselves.

use super::{Render, Reporter, Summary};
use crate::diag::Diagnostic;
use crate::doc::Document;
use crate::rules;
use std::collections::BTreeMap;
use std::io::Write;

pub struct Statistics<W: Write> {
    out: W,
    json: bool,
    counts: BTreeMap<&'static str, usize>,
    unreadable: usize,
}

impl<W: Write> Statistics<W> {
    pub fn new(out: W, json: bool) -> Self {
        Statistics {
            out,
            json,
            counts: BTreeMap::new(),
            unreadable: 0,
        }
    }
}

/// Nothing per file: the counts are written at the end.
pub struct StatisticsRender;

impl Render for StatisticsRender {
    fn file(
        &self,
        _doc: &Document,
        _diags: &[Diagnostic],
        _raw_name: Option<&[u8]>,
        _out: &mut Vec<u8>,
    ) -> std::io::Result<()> {
        Ok(())
    }
}

impl<W: Write> Reporter for Statistics<W> {
    fn file(&mut self, _rendered: &[u8], diags: &[Diagnostic]) -> std::io::Result<()> {
        for d in diags {
            *self.counts.entry(d.rule).or_default() += 1;
        }
        Ok(())
    }

    fn unreadable(&mut self, name: &str, error: &str) -> std::io::Result<()> {
        self.unreadable += 1;
        eprintln!(
            "gwlint: {}: {}",
            super::escape::shown(name),
            super::escape::shown(error)
        );
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self, summary: &Summary) -> std::io::Result<()> {
        // Most frequent first; ties in registry order.
        let mut rows: Vec<(&str, usize)> = self.counts.iter().map(|(r, n)| (*r, *n)).collect();
        let order = |id: &str| {
            rules::Registry::active()
                .all()
                .iter()
                .position(|r| r.id == id)
                .unwrap_or(usize::MAX)
        };
        rows.sort_by(|a, b| b.1.cmp(&a.1).then(order(a.0).cmp(&order(b.0))));
        if self.json {
            let v: Vec<serde_json::Value> = rows
                .iter()
                .map(|(rule, count)| {
                    let r = rules::Registry::active().by_id(rule);
                    serde_json::json!({
                        "rule": rule,
                        "count": count,
                        "summary": r.map(|r| r.summary),
                    })
                })
                .collect();
            serde_json::to_writer(&mut self.out, &v)?;
            writeln!(self.out)?;
        } else {
            for (rule, count) in &rows {
                let summary = rules::Registry::active()
                    .by_id(rule)
                    .map_or("", |r| r.summary);
                writeln!(self.out, "{count:>6}  {rule:<20}{summary}")?;
            }
            writeln!(
                self.out,
                "共 {} 个问题，{} 个文件",
                rows.iter().map(|r| r.1).sum::<usize>(),
                summary.files
            )?;
        }
        self.out.flush()
    }
}
