//! CSV for spreadsheets (Excel, WPS): one rule for every table the command line and the app
//! write. A cell is quoted where it holds a comma, a quote or a line break; a cell that a
//! spreadsheet would run as a formula (a leading `=`, `+`, `-` or `@`, but for a plain signed
//! number) gets a leading `'` so that it stays text. Rows end with CRLF (RFC 4180); a file
//! begins with a byte-order mark so that Excel reads UTF-8 (Chinese names) as such.

/// The byte-order mark a CSV file begins with.
pub const BOM: &str = "\u{feff}";

/// A plain signed decimal such as "-5" or "+1.25" (safe in a spreadsheet cell).
fn is_number(cell: &str) -> bool {
    let digits = cell
        .strip_prefix('-')
        .or_else(|| cell.strip_prefix('+'))
        .unwrap_or(cell);
    !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.matches('.').count() <= 1
}

/// One cell, inert and quoted where needed.
pub fn cell(text: &str) -> String {
    let guarded = if text.starts_with(['=', '+', '-', '@']) && !is_number(text) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// One row of cells, CRLF-terminated.
pub fn row<S: AsRef<str>>(cells: impl IntoIterator<Item = S>) -> String {
    let mut out = cells
        .into_iter()
        .map(|c| cell(c.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_formulas_made_inert() {
        assert_eq!(cell("=1+1"), "'=1+1");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("+cmd"), "'+cmd");
        assert_eq!(cell("-cmd|' /C calc'!A0"), "'-cmd|' /C calc'!A0");
        assert_eq!(cell("-3.5"), "-3.5");
        assert_eq!(cell("+1.25"), "+1.25");
        assert_eq!(cell("-1.2.3"), "'-1.2.3");
        assert_eq!(cell("-"), "'-");
        assert_eq!(cell("a,\"b\""), "\"a,\"\"b\"\"\"");
        assert_eq!(cell("两行\n文字"), "\"两行\n文字\"");
        assert_eq!(
            cell("=HYPERLINK(\"x\",\"y\")"),
            "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\""
        );
        assert_eq!(row(["张三", "85.00", "=x"]), "张三,85.00,'=x\r\n");
    }
}
