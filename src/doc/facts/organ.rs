//! The issuing organ: from the title's issuer, the 发文机关标志, the speaker
//! line and the 落款. Office holders and groups are dropped first (县财政局
//! 局长 → 县财政局), then a party body (党组, 党委) is split off, and the
//! organ types of organs.toml are tried on what is left.

use super::{Evidence, Fact, Organ, Zone, Zones};
use crate::doc::Document;
use crate::packs::Organs;

pub fn infer(doc: &Document, zones: &Zones, pack: &Organs) -> Option<Fact<Organ>> {
    let mut ordered: Vec<&Zone> = Vec::new();
    ordered.extend(&zones.issuer);
    ordered.extend(zones.others.iter().filter(|z| {
        !matches!(
            z.evidence,
            Evidence::Addressee | Evidence::Subtitle | Evidence::Lead
        )
    }));
    ordered.into_iter().find_map(|z| {
        let name = doc.text[z.range.clone()].trim();
        let organ = classify(name, pack)?;
        Some(Fact {
            value: organ,
            span: Some(z.range.clone()),
            evidence: z.evidence,
        })
    })
}

/// The organ type of a name such as 县财政局党组 or 中共长沙县委员会.
pub fn classify(name: &str, pack: &Organs) -> Option<Organ> {
    let mut rest = name.trim_end_matches(|c: char| c.is_whitespace());
    // 县委常委班子 → 县委; several holders may stack (党组书记、局长).
    loop {
        let before = rest.len();
        for h in &pack.holders {
            if let Some(r) = rest.strip_suffix(h.as_str()) {
                if !r.is_empty() {
                    rest = r;
                }
            }
        }
        if rest.len() == before {
            break;
        }
    }
    let body = pack
        .bodies
        .iter()
        .find(|b| rest.ends_with(b.as_str()))
        .cloned();
    let unit = match &body {
        Some(b) => &rest[..rest.len() - b.len()],
        None => rest,
    };
    let kind = pack
        .organ
        .iter()
        .find(|o| !unit.is_empty() && o.suffix.is_match(unit))
        .map(|o| o.name.clone());
    let name = Some(rest.to_string()).filter(|n| n.chars().count() > 2);
    match (kind, body) {
        (Some(kind), body) => Some(Organ { kind, body, name }),
        // 镇党委 alone: the party committee is the organ.
        (None, Some(b)) => pack
            .organ(&b)
            .map(|o| Organ {
                kind: o.name.clone(),
                body: None,
                name: name.clone(),
            })
            .or(Some(Organ {
                kind: String::new(),
                body: Some(b),
                name,
            })),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::classify;
    use crate::packs::Packs;

    fn kind(name: &str) -> (String, Option<String>) {
        let o = classify(name, &Packs::builtin().organs).unwrap_or_else(|| panic!("{name}"));
        (o.kind, o.body)
    }

    #[test]
    fn organ_types() {
        assert_eq!(kind("县财政局").0, "局");
        assert_eq!(kind("县财政局局长").0, "局");
        assert_eq!(kind("县财政局党组"), ("局".into(), Some("党组".into())));
        assert_eq!(kind("中共长沙县委员会").0, "党委");
        assert_eq!(kind("县委常委班子").0, "党委");
        assert_eq!(kind("市发展和改革委员会").0, "委员会");
        assert_eq!(kind("县卫健委").0, "委员会");
        assert_eq!(kind("省教育厅").0, "厅");
        assert_eq!(kind("县人民政府办公室").0, "办公室");
        assert_eq!(kind("长沙县人民政府").0, "人民政府");
        assert_eq!(kind("城关街道办事处").0, "街道办事处");
        assert_eq!(kind("镇党委").0, "党委");
        assert!(classify("政府工作报告", &Packs::builtin().organs).is_none());
        assert!(classify("统筹全局", &Packs::builtin().organs).is_none());
    }
}
