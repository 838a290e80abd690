//! The built-in frameworks (SPEC 8), embedded from `core/frameworks/*.json` (feature `builtins`).

/// `(id, JSON text)` of every built-in framework, in the order `cxzy frameworks` lists them.
pub const BUILTINS: &[(&str, &str)] = &[
    (
        "member-five-leads",
        include_str!("../frameworks/member-five-leads.json"),
    ),
    (
        "worker-five-strengths",
        include_str!("../frameworks/worker-five-strengths.json"),
    ),
    (
        "org-five-goods",
        include_str!("../frameworks/org-five-goods.json"),
    ),
    (
        "org-five-goods-rural",
        include_str!("../frameworks/org-five-goods-rural.json"),
    ),
    (
        "org-five-goods-community",
        include_str!("../frameworks/org-five-goods-community.json"),
    ),
    (
        "org-five-goods-soe",
        include_str!("../frameworks/org-five-goods-soe.json"),
    ),
    (
        "org-five-goods-government",
        include_str!("../frameworks/org-five-goods-government.json"),
    ),
    (
        "org-five-goods-university",
        include_str!("../frameworks/org-five-goods-university.json"),
    ),
    (
        "org-five-goods-institution",
        include_str!("../frameworks/org-five-goods-institution.json"),
    ),
    (
        "org-five-goods-nonpublic",
        include_str!("../frameworks/org-five-goods-nonpublic.json"),
    ),
    (
        "branch-rules-2002-member",
        include_str!("../frameworks/branch-rules-2002-member.json"),
    ),
    (
        "branch-rules-2002-org",
        include_str!("../frameworks/branch-rules-2002-org.json"),
    ),
];

/// The JSON text of a built-in framework.
pub fn builtin(id: &str) -> Option<&'static str> {
    BUILTINS
        .iter()
        .find(|(k, _)| *k == id)
        .map(|(_, text)| *text)
}
