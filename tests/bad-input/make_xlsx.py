#!/usr/bin/env python3
"""Writes the .xlsx fixtures of the bad-input corpus (tests/bad-input/xlsx_*.xlsx).

Workbooks are written part by part with the standard library's zipfile, so that each
fixture is exactly the broken file it names. Run from anywhere:
    python3 tests/bad-input/make_xlsx.py
The outputs are committed; rerunning gives the same bytes (fixed timestamps)."""
import os
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
STAMP = (2026, 1, 1, 0, 0, 0)

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
# Styles: 0 General, 1 built-in date (14), 2 custom dd/mm/yyyy (164), 3 percent (10).
STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/></numFmts>
<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="10"/></cellXfs>
</styleSheet>"""
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' \
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'

UNIT = [["Thông tin", "Giá trị"], ["Mã đơn vị (unit.code)", "AK"],
        ["Tên đơn vị (unit.name)", "Xã An Khánh"], ["Năm đánh giá (year)", 2026],
        ["Số liệu tính đến ngày (as_of)", ("date", 46346)]]


def col_name(c):
    s = ""
    while c:
        c, d = divmod(c - 1, 26)
        s = chr(65 + d) + s
    return s


def cell_xml(ref, v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return f'<c r="{ref}" t="b"><v>{int(v)}</v></c>'
    if isinstance(v, (int, float)):
        return f'<c r="{ref}"><v>{v}</v></c>'
    if isinstance(v, str):
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(v)}</t></is></c>'
    kind, x = v
    if kind == "date":
        return f'<c r="{ref}" s="2"><v>{x}</v></c>'
    if kind == "err":
        return f'<c r="{ref}" t="e"><f>A1/0</f><v>{escape(x)}</v></c>'
    if kind == "s":
        return f'<c r="{ref}" t="s"><v>{x}</v></c>'
    if kind == "nofv":
        return f'<c r="{ref}"><f>{escape(x)}</f></c>'
    if kind == "raw":
        return x
    raise ValueError(kind)


def sheet_xml(rows, hidden_rows=(), merges=()):
    out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {NS}><sheetData>']
    for i, row in enumerate(rows, 1):
        hidden = ' hidden="1"' if i in hidden_rows else ""
        cells = "".join(cell_xml(f"{col_name(j)}{i}", v) for j, v in enumerate(row, 1))
        out.append(f'<row r="{i}"{hidden}>{cells}</row>')
    out.append("</sheetData>")
    if merges:
        out.append(f'<mergeCells count="{len(merges)}">')
        out.extend(f'<mergeCell ref="{m}"/>' for m in merges)
        out.append("</mergeCells>")
    out.append("</worksheet>")
    return "".join(out)


def workbook(path, sheets, shared=None, replace=None, hidden_sheets=()):
    """sheets: [(name, rows, {hidden_rows, merges})]; replace: {part: text}."""
    parts = {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS,
             "xl/styles.xml": STYLES}
    entries, rels = [], []
    for i, (name, rows, opts) in enumerate(sheets, 1):
        state = ' state="hidden"' if name in hidden_sheets else ""
        entries.append(f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"{state}/>')
        rels.append(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/'
                    f'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>')
        parts[f"xl/worksheets/sheet{i}.xml"] = sheet_xml(rows, **opts)
    parts["xl/workbook.xml"] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                                f'<workbook {NS}><sheets>{"".join(entries)}</sheets></workbook>')
    parts["xl/_rels/workbook.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
        'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(rels) + "</Relationships>")
    if shared is not None:
        sis = "".join(f"<si><t>{escape(s)}</t></si>" for s in shared)
        parts["xl/sharedStrings.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst '
            f'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'count="{len(shared)}" uniqueCount="{len(shared)}">{sis}</sst>')
    parts.update(replace or {})
    write_zip(path, parts)


def write_zip(path, parts):
    with zipfile.ZipFile(os.path.join(HERE, path), "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8") if isinstance(text, str) else text)


def raw(path, data):
    with open(os.path.join(HERE, path), "wb") as f:
        f.write(data)


PLAN_HEADER = ["Mã hồ sơ (id)", "Chủ đề (topic)", "Số, ký hiệu (number)", "Ngày ban hành (issued)"]
PLAN_ROW = ["KH-CCHC-2026", "cchc", "15/KH-UBND", ("date", 46042)]
OK = [("Đơn vị", UNIT, {}), ("plan", [PLAN_HEADER, PLAN_ROW], {})]


def main():
    # Valid but unusual: accepted.
    workbook("xlsx_ok_minimal.xlsx", OK)
    workbook("xlsx_ok_columns_reordered.xlsx", [
        ("_ghi chú", [["Sheets starting with _ are notes"]], {}),
        ("plan", [["issued", ("s", 0), "Chủ đề (topic)", None, "id"],
                  [], [("date", 46042), "15/KH-UBND", ("s", 1), None, "KH-CCHC-2026"],
                  [None, None, None, None, None]], {}),
        ("Đơn vị", UNIT, {}),
        ("report", [["id", "topic", "late", "due", "submitted"],
                    ["BC-1", "cchc", False, "12/06/2026", ("date", 46190)]], {})],
        shared=["Số, ký hiệu (number)", "cchc"])
    # Not a workbook.
    raw("xlsx_not_zip.xlsx", "id,kind\nKH-1,plan\n".encode())
    with open(os.path.join(HERE, "xlsx_ok_minimal.xlsx"), "rb") as f:
        whole = f.read()
    raw("xlsx_truncated.xlsx", whole[: len(whole) // 2])
    cfb = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 504
    raw("xlsx_encrypted.xlsx", cfb + "EncryptionInfo".encode("utf-16-le") + b"\0" * 64)
    raw("xlsx_old_xls.xlsx", cfb + "Workbook".encode("utf-16-le") + b"\0" * 64)
    write_zip("xlsx_zip_not_workbook.xlsx", {"hello.txt": "not a workbook"})
    # A zip bomb: one sheet part of 80 MiB of blanks, compressed to ~80 KiB.
    bomb = sheet_xml([PLAN_HEADER]).replace("<sheetData>", "<sheetData>" + " " * (80 << 20))
    workbook("xlsx_zip_bomb.xlsx", OK, replace={"xl/worksheets/sheet2.xml": bomb})
    # A shared string of 1 MiB referenced by 300 cells: 300 MiB of cell text.
    workbook("xlsx_shared_text_bomb.xlsx",
             [("plan", [["id", "title"]] + [[f"KH-{i}", ("s", 0)] for i in range(300)], {})],
             shared=["x" * (1 << 20)])
    # Sheets.
    workbook("xlsx_no_evidence_sheet.xlsx", [("Sheet1", [["id", "kind"], ["A", "plan"]], {})])
    workbook("xlsx_misspelled_sheet.xlsx", [("Đơn vị", UNIT, {}),
                                            ("plam", [PLAN_HEADER, PLAN_ROW], {})])
    workbook("xlsx_hidden_sheet.xlsx", OK + [("decision", [["id"], ["QD-1"]], {})],
             hidden_sheets=("decision",))
    # Headers.
    workbook("xlsx_missing_id_column.xlsx",
             [("plan", [PLAN_HEADER[1:], PLAN_ROW[1:]], {})])
    workbook("xlsx_misspelled_header.xlsx",
             [("plan", [["id", "Chủ đề (topc)"], ["KH-1", "cchc"]], {})])
    workbook("xlsx_duplicate_column.xlsx",
             [("plan", [["id", "topic", "Chủ đề (topic)"], ["KH-1", "cchc", "cchc"]], {})])
    workbook("xlsx_value_without_header.xlsx",
             [("plan", [["id", "topic"], ["KH-1", "cchc", "stray"]], {})])
    # Cells.
    onestop = ["id", "period", "Hồ sơ tiếp nhận (received)", "on_time"]
    workbook("xlsx_text_in_count.xlsx", [("onestop", [onestop, ["MC-1", "Q3", "mười", 5]], {})])
    workbook("xlsx_negative_count.xlsx", [("onestop", [onestop, ["MC-1", "Q3", -3, 5]], {})])
    workbook("xlsx_fractional_count.xlsx", [("onestop", [onestop, ["MC-1", "Q3", 2.5, 5]], {})])
    workbook("xlsx_div0.xlsx", [("onestop", [onestop, ["MC-1", "Q3", ("err", "#DIV/0!"), 5]], {})])
    workbook("xlsx_uncalculated_formula.xlsx",
             [("onestop", [onestop, ["MC-1", "Q3", ("nofv", "B2*2"), 5]], {})])
    workbook("xlsx_date_in_count.xlsx", [("onestop", [onestop, ["MC-1", "Q3", ("date", 46042), 5]], {})])
    workbook("xlsx_bad_date_text.xlsx", [("plan", [PLAN_HEADER, ["KH-1", "cchc", "1", "31/02/2026"]], {})])
    workbook("xlsx_leap_1900.xlsx", [("plan", [PLAN_HEADER, ["KH-1", "cchc", "1", ("date", 60)]], {})])
    workbook("xlsx_number_in_date.xlsx", [("plan", [PLAN_HEADER, ["KH-1", "cchc", "1", 46042]], {})])
    workbook("xlsx_bad_bool.xlsx", [("report", [["id", "late"], ["BC-1", "chưa rõ"]], {})])
    workbook("xlsx_missing_id_cell.xlsx", [("plan", [PLAN_HEADER, [None, "cchc", "1", ("date", 46042)]], {})])
    # Layout.
    workbook("xlsx_merged_cells.xlsx",
             [("plan", [PLAN_HEADER, PLAN_ROW, ["KH-2", "cchc"]], {"merges": ["B2:B3"]})])
    workbook("xlsx_hidden_row.xlsx",
             [("plan", [PLAN_HEADER, PLAN_ROW, ["KH-2", "kiem_tra"]], {"hidden_rows": [3]})])
    workbook("xlsx_duplicate_id_sheets.xlsx",
             [("plan", [PLAN_HEADER, PLAN_ROW], {}), ("decision", [["id"], ["KH-CCHC-2026"]], {})])
    # XML.
    workbook("xlsx_malformed_xml.xlsx", OK,
             replace={"xl/worksheets/sheet2.xml": sheet_xml([PLAN_HEADER])[:-30]})
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
              f'<worksheet {NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t>'
              '</is></c></row></sheetData></worksheet>')
    workbook("xlsx_doctype_entities.xlsx", OK, replace={"xl/worksheets/sheet2.xml": laughs})
    workbook("xlsx_bad_shared_string.xlsx",
             [("plan", [["id"], [("s", 7)]], {})], shared=["id"])
    workbook("xlsx_duplicate_cell.xlsx",
             [("plan", [["id", "topic"], ["KH-1", "cchc", ("raw", '<c r="B2"><v>3</v></c>')]], {})])
    workbook("xlsx_bad_cell_ref.xlsx",
             [("plan", [["id"], [("raw", '<c r="1A"><v>3</v></c>')]], {})])


if __name__ == "__main__":
    main()
