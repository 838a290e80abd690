//! The strings of the unit's own criteria that the app's first load shows — a shared link opened,
//! why criteria are refused — in 简体中文, 繁體中文 and English. (The editor's own strings are in
//! `editor/text.rs`, built only into the editor.)

use cxzy_core::Lang;

pub struct CriteriaText {
    pub digest_label: &'static str,
    pub version_label: &'static str,
    pub already: &'static str,
    pub builtin_id: fn(&str) -> String,
    pub version_taken: fn(&str, &str) -> String,
    pub older_version: fn(&str, &str, &str) -> String,
    pub editor_missing: &'static str,
    pub too_large: fn(usize, usize) -> String,
    pub replaces: fn(&str, &str) -> String,
    pub version_taken_shared: fn(&str, &str) -> String,
    pub add_heading: &'static str,
    pub add_check: &'static str,
    pub add_button: &'static str,
    pub added: &'static str,
    pub start_assessing: &'static str,
    pub parts_items: fn(usize, usize) -> String,
    pub link_form: &'static str,
    pub link_too_large: &'static str,
    pub link_damaged: &'static str,
    pub link_not_text: &'static str,
}

pub fn text(lang: Lang) -> &'static CriteriaText {
    match lang {
        Lang::ZhHans => &ZH_HANS,
        Lang::ZhHant => &ZH_HANT,
        Lang::En => &EN,
    }
}

const ZH_HANS: CriteriaText = CriteriaText {
    digest_label: "校验码",
    version_label: "版本",
    already: "这个版本已在您的标准中。",
    builtin_id: |id| format!("编号「{id}」是内置标准的编号,请换一个。"),
    version_taken: |id, v| format!("「{id}」{v} 版已存在且内容不同;请修改版本号后再发布。"),
    add_heading: "添加分享的标准",
    add_check: "请与发布者核对标准名称、版本和校验码,一致后再添加。",
    add_button: "加入我的标准",
    added: "已加入。现在可以用它自评。",
    start_assessing: "开始自评",
    parts_items: |p, i| format!("{p} 个部分,{i} 个项目"),
    link_form: "链接不完整或格式不对。",
    link_too_large: "链接内容过大,未读取。",
    link_damaged: "链接已损坏(可能在转发时被截断)。",
    link_not_text: "链接的内容不是文本。",
    older_version: |id, v, held| format!("「{id}」已有更新的 {held} 版;较早的 {v} 版不能取代它。"),
    too_large: |n, max| format!("标准有 {n} 字节,超过可保存的 {max} 字节。"),
    replaces: |t, v| {
        format!("这将取代您现有的「{t}」{v} 版:按旧版所做的评分会迁移到新版,原件存档。")
    },
    version_taken_shared: |id, v| {
        format!("您已有内容不同的「{id}」{v} 版;请向发布者核实后再添加。")
    },
    editor_missing: "本站没有部署标准编辑器(editor.html),请联系管理员。",
};

const ZH_HANT: CriteriaText = CriteriaText {
    digest_label: "校驗碼",
    version_label: "版本",
    already: "這個版本已在您的標準中。",
    builtin_id: |id| format!("編號「{id}」是內建標準的編號,請換一個。"),
    version_taken: |id, v| format!("「{id}」{v} 版已存在且內容不同;請修改版本號後再發布。"),
    add_heading: "加入分享的標準",
    add_check: "請與發布者核對標準名稱、版本和校驗碼,一致後再加入。",
    add_button: "加入我的標準",
    added: "已加入。現在可以用它自評。",
    start_assessing: "開始自評",
    parts_items: |p, i| format!("{p} 個部分,{i} 個項目"),
    link_form: "連結不完整或格式不對。",
    link_too_large: "連結內容過大,未讀取。",
    link_damaged: "連結已損壞(可能在轉發時被截斷)。",
    link_not_text: "連結的內容不是文字。",
    older_version: |id, v, held| format!("「{id}」已有更新的 {held} 版;較早的 {v} 版不能取代它。"),
    too_large: |n, max| format!("標準有 {n} 位元組,超過可儲存的 {max} 位元組。"),
    replaces: |t, v| {
        format!("這將取代您現有的「{t}」{v} 版:按舊版所做的評分會遷移到新版,原件存檔。")
    },
    version_taken_shared: |id, v| {
        format!("您已有內容不同的「{id}」{v} 版;請向發布者核實後再加入。")
    },
    editor_missing: "本站沒有部署標準編輯器(editor.html),請聯絡管理員。",
};

const EN: CriteriaText = CriteriaText {
    digest_label: "Digest",
    version_label: "Version",
    already: "This version is already among your criteria.",
    builtin_id: |id| format!("“{id}” is the id of a built-in framework; choose another."),
    version_taken: |id, v| {
        format!(
            "“{id}” version {v} already exists with other content; change the version to publish."
        )
    },
    add_heading: "Add shared criteria",
    add_check: "Check the title, version and digest with the publisher before adding.",
    add_button: "Add to my criteria",
    added: "Added. You can now self-assess against it.",
    start_assessing: "Start a self-assessment",
    parts_items: |p, i| format!("{p} parts, {i} items"),
    link_form: "The link is incomplete or malformed.",
    link_too_large: "The link's content is too large; it was not read.",
    link_damaged: "The link is damaged (perhaps cut short when forwarded).",
    link_not_text: "The link's content is not text.",
    older_version: |id, v, held| {
        format!("“{id}” is already held in the later version {held}; the earlier {v} cannot replace it.")
    },
    too_large: |n, max| {
        format!("The criteria are {n} bytes, more than the {max} that can be kept.")
    },
    replaces: |t, v| {
        format!("This replaces your “{t}” version {v}: ratings made against it move to the new version, the originals archived.")
    },
    version_taken_shared: |id, v| {
        format!("You already have “{id}” version {v} with other content; check with the publisher before adding.")
    },
    editor_missing:
        "This site does not have the criteria editor (editor.html); ask whoever runs it.",
};
