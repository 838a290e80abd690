//! What the editor calls each field of a framework, each kind of rule and each choice, in the
//! app's three languages. The fields themselves come from the engine's description of the
//! framework (`Framework::shape()`), so a field the engine adds shows up in the editor at once —
//! under its JSON name until it is given a label here (a test lists any that lack one).

use cxzy_core::Lang;

type L = (&'static str, &'static str, &'static str);

fn pick(l: L, lang: Lang) -> &'static str {
    match lang {
        Lang::ZhHans => l.0,
        Lang::ZhHant => l.1,
        Lang::En => l.2,
    }
}

/// A field's label: by the type it belongs to (`owner`, the shape's name) and its JSON name.
pub fn field(owner: &str, name: &str, lang: Lang) -> Option<&'static str> {
    let l: L = match (owner, name) {
        ("Indicator", "points") => ("满分", "滿分", "Full points"),
        ("AdjustmentItem", "points") => ("每次分值", "每次分值", "Points each time"),
        ("Effect", "points") => ("扣减分值", "扣減分值", "Points deducted"),
        ("Indicator", "min") => ("最低得分", "最低得分", "Lowest score"),
        ("Indicator", "max") => ("最高得分", "最高得分", "Highest score"),
        ("Requirement", "min") => ("至少", "至少", "At least"),
        ("Indicator", "sources") => ("由谁评", "由誰評", "Rated by"),
        ("Framework", "sources") => ("评议主体", "評議主體", "Who rates (sources)"),
        ("Framework", "title") | ("Dimension", "title") | ("Indicator", "title") => {
            ("标题", "標題", "Title")
        }
        ("Framework", "id") => ("标准编号", "標準編號", "Criteria id"),
        ("Adjustments", "items") => ("条目", "條目", "Entries"),
        ("Scale", "items") => ("子项", "子項", "Sub-items"),
        ("Adjustments", "cap") => ("合计上限", "合計上限", "Cap in total"),
        ("AdjustmentItem", "cap") => ("本条上限", "本條上限", "Cap of this entry"),
        ("Scale", "per") => ("每次扣分", "每次扣分", "Points per lapse"),
        ("Event", "per") => ("每次加减分", "每次加減分", "Change each time"),
        ("Scale", "conditions") => ("情形", "情形", "Conditions"),
        ("Grade", "requires") | ("Grade", "conditions") => ("附加条件", "附加條件", "Conditions"),
        (_, "schema") => ("规则版本", "規則版本", "Rules version"),
        (_, "id") => ("编号", "編號", "Id"),
        (_, "version") => ("版本号", "版本號", "Version"),
        (_, "subject") => ("评价对象", "評價對象", "Who is assessed"),
        (_, "title") => ("标题", "標題", "Title"),
        (_, "description") => ("说明", "說明", "Description"),
        (_, "org_type") => ("党组织类型(分类)", "黨組織類型(分類)", "Organisation type"),
        (_, "dimensions") => ("评价部分(维度)", "評價部分(維度)", "Parts"),
        (_, "bonus") => ("加分项", "加分項", "Bonus"),
        (_, "deductions") => ("扣分项", "扣分項", "Deductions"),
        (_, "vetoes") => ("一票否决", "一票否決", "Vetoes"),
        (_, "grades") => ("等次", "等次", "Grades"),
        (_, "rules") => ("规则", "規則", "Rules"),
        (_, "guidance") => ("考察要点", "考察要點", "What to look at"),
        (_, "indicators") => ("评价项目", "評價項目", "Items"),
        (_, "weight") => ("权重", "權重", "Weight"),
        (_, "points") => ("分值", "分值", "Points"),
        (_, "scale") => ("评分方式", "評分方式", "How it is rated"),
        (_, "allow_na") => ("允许“不适用”", "允許「不適用」", "May be “not applicable”"),
        (_, "kind") => ("类型", "類型", "Kind"),
        (_, "levels") => ("档次", "檔次", "Levels"),
        (_, "step") => ("步长", "步長", "Step"),
        (_, "start") => ("起始分", "起始分", "Starts at"),
        (_, "events") => ("计次事项", "計次事項", "Counted events"),
        (_, "options") => ("选项", "選項", "Options"),
        (_, "abstentions") => ("弃权票", "棄權票", "Abstentions"),
        (_, "label") => ("名称", "名稱", "Name"),
        (_, "descriptor") => ("档次描述", "檔次描述", "What this level looks like"),
        (_, "percent") => ("得分比例(%)", "得分比例(%)", "Percent of full points"),
        (_, "abstain") => ("视为弃权", "視為棄權", "Counts as abstaining"),
        (_, "steps") => ("分段", "分段", "Steps"),
        (_, "at") => ("自第几次起", "自第幾次起", "From occurrence"),
        (_, "change") => ("加减分", "加減分", "Change"),
        (_, "cutoff") => ("封顶/不得分", "封頂/不得分", "Cut-off"),
        (_, "score") => ("得分", "得分", "Score"),
        (_, "cap") => ("上限", "上限", "Cap"),
        (_, "scope") => ("适用范围", "適用範圍", "Applies to"),
        (_, "dimension") => ("部分", "部分", "Part"),
        (_, "indicator") => ("项目", "項目", "Item"),
        (_, "item") => ("条目", "條目", "Entry"),
        (_, "caps_grade_at") => ("最高等次", "最高等次", "Grade at most"),
        (_, "min_total") => ("总分线", "總分線", "Total at least"),
        (_, "min_dimension_ratio") => (
            "各部分得分率至少(%)",
            "各部分得分率至少(%)",
            "Every part at least (% of its max)",
        ),
        (_, "aggregate") => ("汇总方式", "匯總方式", "How sheets combine"),
        (_, "min_raters") => ("最少评议人数", "最少評議人數", "Fewest raters"),
        (_, "anonymous_min") => ("匿名最少人数", "匿名最少人數", "Anonymous from"),
        (_, "required") => ("必须参评", "必須參評", "Required"),
        (_, "rule") => ("规则", "規則", "Rule"),
        (_, "share") => ("比例", "比例", "Share"),
        (_, "compare") => ("比较", "比較", "Compare"),
        (_, "option") => ("选项", "選項", "Option"),
        (_, "then") => ("则", "則", "Then"),
        (_, "grade") => ("等次", "等次", "Grade"),
        (_, "zh-Hans") => ("简体中文", "簡體中文", "简体中文 (required)"),
        (_, "zh-Hant") => ("繁體中文", "繁體中文", "繁體中文"),
        (_, "en") => ("English", "English", "English"),
        _ => return None,
    };
    Some(pick(l, lang))
}

/// A choice's label: a string of a set (aggregation, comparison …) or a kind of a tagged value
/// (a scale, an effect, a condition of a grade).
pub fn choice(owner: &str, value: &str, lang: Lang) -> Option<&'static str> {
    let l: L = match (owner, value) {
        ("Scale", "levels") => ("分档评定", "分檔評定", "Levels"),
        ("Scale", "check") => ("是/否", "是/否", "Yes / no"),
        ("Scale", "points") => ("直接打分", "直接打分", "Points"),
        ("Scale", "deduction") => ("按次扣分", "按次扣分", "Deduct per lapse"),
        ("Scale", "events") => ("计次加减分", "計次加減分", "Counted events"),
        ("Scale", "vote") => ("投票", "投票", "Vote"),
        ("Scale", "ticks") => ("勾选情形", "勾選情形", "Tick conditions"),
        ("Scale", "items") => ("分子项", "分子項", "Sub-items"),
        ("Effect", "cap_grade") => ("等次不高于", "等次不高於", "Grade at most"),
        ("Effect", "deduct") => ("扣分", "扣分", "Deduct points"),
        ("Requirement", "part_points") => {
            ("部分得分至少", "部分得分至少", "A part scores at least")
        }
        ("Requirement", "part_share") => {
            ("部分得分率至少", "部分得分率至少", "A part reaches a share")
        }
        ("Requirement", "present") => (
            "某项有得分或已申报",
            "某項有得分或已申報",
            "An item scores or is claimed",
        ),
        ("Requirement", "not_fired") => ("某规则未触发", "某規則未觸發", "A rule has not fired"),
        ("Effect", "incomplete") => (
            "结果不完整(待补评)",
            "結果不完整(待補評)",
            "Result incomplete",
        ),
        (_, "member") => ("党员", "黨員", "Party member"),
        (_, "organization") => ("党组织", "黨組織", "Party organisation"),
        (_, "party_worker") => ("党务工作者", "黨務工作者", "Party worker"),
        (_, "rural") => ("农村", "農村", "Rural"),
        (_, "community") => ("街道社区", "街道社區", "Community"),
        (_, "soe") => ("国有企业", "國有企業", "State-owned enterprise"),
        (_, "government") => ("机关", "機關", "Government body"),
        (_, "university") => ("高等学校", "高等學校", "University"),
        (_, "institution") => ("事业单位", "事業單位", "Public institution"),
        (_, "nonpublic") => (
            "非公有制经济组织和社会组织",
            "非公有制經濟組織和社會組織",
            "Non-public",
        ),
        (_, "mean") => ("平均", "平均", "Mean"),
        (_, "median") => ("中位数", "中位數", "Median"),
        (_, "trimmed_mean") => ("去掉最高最低后平均", "去掉最高最低後平均", "Trimmed mean"),
        (_, "exclude") => ("不计入基数", "不計入基數", "Left out of the base"),
        (_, "include") => ("计入基数", "計入基數", "Counted in the base"),
        (_, "at_least") => ("以上(含)", "以上(含)", "At least"),
        (_, "above") => ("超过", "超過", "Above"),
        (_, "at_most") => ("以下(含)", "以下(含)", "At most"),
        (_, "below") => ("不足", "不足", "Below"),
        (_, "zero") => ("不得分", "不得分", "Scores 0"),
        (_, "full") => ("得满分", "得滿分", "Full points"),
        ("Tag", "cxzy/framework@1") => ("第 1 版", "第 1 版", "Version 1"),
        ("Tag", "cxzy/framework@2") => (
            "第 2 版(计次、投票、权重等)",
            "第 2 版(計次、投票、權重等)",
            "Version 2 (counted events, votes, weights …)",
        ),
        _ => return None,
    };
    Some(pick(l, lang))
}

#[cfg(test)]
mod tests {
    use cxzy_core::shape::{Describe, Shape};
    use cxzy_core::{Framework, Lang};

    /// Every field and choice of the framework (both versions) has a label.
    #[test]
    fn every_field_of_the_framework_has_a_label() {
        fn walk(shape: &Shape, owner: &str, seen: &mut Vec<String>, missing: &mut Vec<String>) {
            match shape {
                Shape::Named(n) => {
                    if seen.iter().any(|s| s == n.name) {
                        return;
                    }
                    seen.push(n.name.to_owned());
                    walk(&(n.define)(), n.name, seen, missing);
                }
                Shape::Object(props) => {
                    for p in props {
                        if super::field(owner, p.name, Lang::ZhHans).is_none() {
                            missing.push(format!("{owner}.{}", p.name));
                        }
                        walk(&p.shape, owner, seen, missing);
                    }
                }
                Shape::Strings(list) => {
                    for (s, _, _) in list {
                        if super::choice(owner, s, Lang::ZhHans).is_none() {
                            missing.push(format!("{owner}: \"{s}\""));
                        }
                    }
                }
                Shape::Tagged(_, variants) => {
                    for v in variants {
                        if super::choice(owner, v.name, Lang::ZhHans).is_none() {
                            missing.push(format!("{owner}: kind \"{}\"", v.name));
                        }
                        for p in &v.props {
                            if super::field(owner, p.name, Lang::ZhHans).is_none() {
                                missing.push(format!("{owner}.{}", p.name));
                            }
                            walk(&p.shape, owner, seen, missing);
                        }
                    }
                }
                Shape::Array { items, .. } => walk(items, owner, seen, missing),
                Shape::Map(v) => walk(v, owner, seen, missing),
                Shape::Leaf(_) => {}
            }
        }
        let (mut seen, mut missing) = (Vec::new(), Vec::new());
        walk(&Framework::shape(), "Framework", &mut seen, &mut missing);
        assert!(missing.is_empty(), "no label: {missing:?}");
    }
}
