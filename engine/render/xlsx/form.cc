// The self-assessment form (Biểu tự đánh giá, chấm điểm) as XLSX via
// libxlsxwriter, ready to print and sign: the national heading (Quốc hiệu,
// tiêu ngữ), the unit and date line, areas, criteria and items whose sums
// are formulas (an edited self-score recomputes the criterion, area, total
// and index), an empty appraisal column, the signature block, A4 landscape
// one page wide with the header row repeated; a second sheet with the
// points lost.
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "criteria/source.h"
#include "engine/render/cells.h"
#include "engine/render/explain.h"
#include "engine/render/html/report.h"
#include "engine/render/xlsx/workbook.h"
#include "engine/util/text.h"

namespace cchc {
namespace {

// Columns of the form.
enum Col : lxw_col_t {
  kCode = 0,
  kName,
  kMax,
  kSelf,
  kAppraised,
  kEvidence,
  kExplain,
  kLast = kExplain
};

// Widths of the wrapped columns, in characters, and the height of one line
// of the form's 12 pt Times New Roman, in points.
constexpr double kNameWidth = 46, kEvidenceWidth = 24, kExplainWidth = 52;
constexpr double kLineHeight = 16;

struct Formats {
  lxw_format *nation, *motto, *unit, *date, *title, *subtitle, *header, *bold_text, *bold_num,
      *text, *num, *sign_title, *sign_note;
};

std::string NumFormat(int prec) {
  return prec <= 0 ? "0" : "0." + std::string(static_cast<size_t>(prec), '0');
}

// Values at the declared precision: 76.329, never 76.32900000000001.
double Round(double v, int prec) {
  const double scale = std::pow(10.0, prec < 0 ? 0 : prec);
  const double r = std::round(v * scale) / scale;
  return r == 0 ? 0 : r;
}

std::string Cell(lxw_row_t r, lxw_col_t c) {
  char buf[32];
  lxw_rowcol_to_cell(buf, r, c);
  return buf;
}

std::string Range(lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2) {
  return Cell(r1, c1) + ":" + Cell(r2, c2);
}

class FormWriter {
 public:
  FormWriter(lxw_worksheet* ws, const Formats& f, const Plan& plan, const Scorecard& card,
             const Labels& l, Lang lang, int prec)
      : ws_(ws), f_(f), plan_(plan), card_(card), l_(l), lang_(lang), prec_(prec) {}

  void Write() {
    Heading();
    Table();
    Signatures();
    PageSetup();
  }

 private:
  void Str(lxw_row_t r, lxw_col_t c, const std::string& s, lxw_format* f) {
    worksheet_write_string(ws_, r, c, s.c_str(), f);
  }
  void Num(lxw_row_t r, lxw_col_t c, double v, lxw_format* f) {
    worksheet_write_number(ws_, r, c, Round(v, prec_), f);
  }
  // Sets the row tall enough for its wrapped cells (a text and its column's
  // width in characters): spreadsheets do not grow rows written by a program,
  // so without it LibreOffice prints wrapped lines over the next row.
  void FitHeight(lxw_row_t r, std::initializer_list<std::pair<std::string_view, double>> cells) {
    int lines = 1;
    for (const auto& [text, width] : cells) {
      // Words wrap before the edge: count a line as 90 % of the column.
      const double room = std::max(1.0, width * 0.9);
      lines = std::max(lines, static_cast<int>(std::ceil(DisplayWidth(text) / room)));
    }
    if (lines > 1) worksheet_set_row(ws_, r, kLineHeight * lines, nullptr);
  }
  void Formula(lxw_row_t r, lxw_col_t c, const std::string& formula, double cached, lxw_format* f) {
    worksheet_write_formula_num(ws_, r, c, formula.c_str(), f, Round(cached, prec_));
  }
  void Merge(lxw_row_t r, lxw_col_t c1, lxw_col_t c2, const std::string& s, lxw_format* f) {
    worksheet_merge_range(ws_, r, c1, r, c2, s.c_str(), f);
  }

  void Heading() {
    const Labels::Form& lf = l_.form;
    std::string unit = lf.committee + std::string(" ") + card_.unit.name;
    Merge(0, kCode, kName, UpperVi(unit), f_.unit);
    Merge(0, kSelf, kLast, lf.nation, f_.nation);
    Merge(1, kSelf, kLast, lf.motto, f_.motto);
    const std::string place = card_.unit.name;
    Merge(2, kSelf, kLast,
          Fill(lf.date_line, {PlaceName(place), card_.year ? std::to_string(card_.year) : "…"}),
          f_.date);
    Merge(4, kCode, kLast, lf.title, f_.title);
    std::string sub =
        std::string(l_.common.unit) + ": " + card_.unit.name + " (" + card_.unit.code + ")";
    if (!card_.unit.province.empty()) sub += ", " + card_.unit.province;
    if (card_.year) sub += " — " + std::to_string(card_.year);
    Merge(5, kCode, kLast, sub, f_.subtitle);
    const char* cols[] = {lf.code,      lf.name,     lf.max,        lf.self,
                          lf.appraised, lf.evidence, lf.explanation};
    for (lxw_col_t c = 0; c <= kLast; ++c) Str(kHead, c, cols[c], f_.header);
    worksheet_set_row(ws_, kHead, 30, nullptr);
    worksheet_freeze_panes(ws_, kHead + 1, 0);
    worksheet_set_column(ws_, kCode, kCode, 8, nullptr);
    worksheet_set_column(ws_, kName, kName, kNameWidth, nullptr);
    worksheet_set_column(ws_, kMax, kAppraised, 9.5, nullptr);
    worksheet_set_column(ws_, kEvidence, kEvidence, kEvidenceWidth, nullptr);
    worksheet_set_column(ws_, kExplain, kExplain, kExplainWidth, nullptr);
  }

  // A bold row whose max and points are formulas over `parts` (cells of the
  // rows below), or over the item rows first..last when `range`.
  void GroupRow(lxw_row_t r, std::string_view code, std::string_view name, double max,
                double points, std::optional<double> appraised, const std::string& max_formula,
                const std::string& self_formula) {
    Str(r, kCode, std::string(code), f_.bold_text);
    Str(r, kName, std::string(name), f_.bold_text);
    FitHeight(r, {{name, kNameWidth}});
    Formula(r, kMax, max_formula, max, f_.bold_num);
    Formula(r, kSelf, self_formula, points, f_.bold_num);
    if (appraised)
      Num(r, kAppraised, *appraised, f_.bold_num);
    else
      Str(r, kAppraised, "", f_.bold_text);
    Str(r, kEvidence, "", f_.bold_text);
    Str(r, kExplain, "", f_.bold_text);
  }

  void ItemRow(lxw_row_t r, const ItemScore& s) {
    const Item& it = *plan_.items()[static_cast<size_t>(s.index)].item;
    Str(r, kCode, it.code, f_.text);
    Str(r, kName, it.name, f_.text);
    Num(r, kMax, it.max, f_.num);
    if (s.status == ItemStatus::kNotApplicable)
      Str(r, kSelf, l_.form.na, f_.text);
    else
      Num(r, kSelf, s.points, f_.num);
    if (s.appraised)
      Num(r, kAppraised, *s.appraised, f_.num);
    else
      Str(r, kAppraised, "", f_.text);
    const std::string evidence = Join(s.evidence);
    const std::string why = ExplainItem(plan_, s, lang_);
    Str(r, kEvidence, evidence, f_.text);
    Str(r, kExplain, why, f_.text);
    FitHeight(r, {{it.name, kNameWidth}, {evidence, kEvidenceWidth}, {why, kExplainWidth}});
  }

  // Sum of max over the rows whose self-score is a number (not applicable
  // items leave the max), and the sum of the self-scores.
  static std::string MaxOver(lxw_row_t first, lxw_row_t last) {
    return "=SUMPRODUCT(ISNUMBER(" + Range(first, kSelf, last, kSelf) + ")*" +
           Range(first, kMax, last, kMax) + ")";
  }
  static std::string SumOver(lxw_row_t first, lxw_row_t last, lxw_col_t c) {
    return "=SUM(" + Range(first, c, last, c) + ")";
  }
  static std::string SumOf(const std::vector<lxw_row_t>& rows, lxw_col_t c) {
    std::string out = "=";
    for (size_t i = 0; i < rows.size(); ++i) out += (i ? "+" : "") + Cell(rows[i], c);
    return rows.empty() ? "=0" : out;
  }

  void Table() {
    lxw_row_t r = kHead + 1;
    size_t crit = 0, item = 0;  // card.items are in plan order: area items first
    const Criteria& c = plan_.criteria();
    std::vector<lxw_row_t> area_rows;
    for (size_t a = 0; a < c.areas.size(); ++a) {
      const GroupScore& ga = card_.areas[a];
      const lxw_row_t area_row = r++;
      std::vector<lxw_row_t> crit_rows;
      for (size_t k = 0; k < c.areas[a].criteria.size(); ++k, ++crit) {
        const GroupScore& gc = card_.criteria[crit];
        const lxw_row_t crit_row = r++;
        const lxw_row_t first = r;
        for (size_t i = 0; i < c.areas[a].criteria[k].items.size(); ++i, ++item) {
          ItemRow(r++, card_.items[item]);
        }
        const lxw_row_t last = r > first ? r - 1 : first;
        GroupRow(crit_row, gc.code, gc.name, gc.max, gc.points, gc.appraised,
                 r > first ? MaxOver(first, last) : "=0",
                 r > first ? SumOver(first, last, kSelf) : "=0");
        crit_rows.push_back(crit_row);
      }
      GroupRow(area_row, ga.code, ga.name, ga.max, ga.points, ga.appraised, SumOf(crit_rows, kMax),
               SumOf(crit_rows, kSelf));
      area_rows.push_back(area_row);
    }
    total_row_ = r++;
    GroupRow(total_row_, "", l_.form.total, card_.max, card_.points, card_.appraised_points,
             SumOf(area_rows, kMax), SumOf(area_rows, kSelf));
    for (int g = 0; g < 2; ++g) {
      const ItemGroup group = g == 0 ? ItemGroup::kBonus : ItemGroup::kPenalty;
      const Adjustments& adj = g == 0 ? card_.bonus : card_.penalty;
      std::vector<const ItemScore*> items;
      for (const ItemScore& s : card_.items) {
        if (s.group == group) items.push_back(&s);
      }
      if (items.empty()) continue;
      const lxw_row_t head = r++;
      for (const ItemScore* s : items) ItemRow(r++, *s);
      // The block's points: the items' sum within the cap.
      Str(head, kCode, "", f_.bold_text);
      Str(head, kName, g == 0 ? l_.common.bonus : l_.common.penalty, f_.bold_text);
      Num(head, kMax, adj.cap, f_.bold_num);
      Formula(head, kSelf,
              "=MIN(" + Cell(head, kMax) + "," + SumOver(head + 1, r - 1, kSelf).substr(1) + ")",
              adj.points, f_.bold_num);
      for (lxw_col_t col : {kAppraised, kEvidence, kExplain}) Str(head, col, "", f_.bold_text);
      (g == 0 ? bonus_row_ : penalty_row_) = head;
    }
    ++r;
    // The index: (total + bonus − penalty) / applicable max × 100.
    std::string index = "=IF(" + Cell(total_row_, kMax) + ">0,(" + Cell(total_row_, kSelf);
    if (bonus_row_) index += "+" + Cell(*bonus_row_, kSelf);
    if (penalty_row_) index += "-" + Cell(*penalty_row_, kSelf);
    index += ")/" + Cell(total_row_, kMax) + "*100,0)";
    index_row_ = r;
    Str(r, kName, l_.form.index, f_.bold_text);
    Formula(r, kSelf, index, card_.percent, f_.bold_num);
    if (card_.appraised_percent) Num(r, kAppraised, *card_.appraised_percent, f_.bold_num);
    ++r;
    Str(r, kName, l_.common.band, f_.bold_text);
    worksheet_write_formula_str(ws_, r, kSelf, BandFormula(Cell(index_row_, kSelf)).c_str(),
                                f_.bold_text, card_.band.c_str());
    last_row_ = r;
  }

  // =IF(X>=90,"Xuất sắc",IF(X>=80,"Tốt",…)) over the declared bands.
  std::string BandFormula(const std::string& x) const {
    std::vector<BandDecl> bands = plan_.criteria().index.bands;
    std::stable_sort(bands.begin(), bands.end(), [](const BandDecl& a, const BandDecl& b) {
      return !a.is_else && (b.is_else || a.min_percent > b.min_percent);
    });
    std::string out = "=", close;
    std::string fallback = "\"\"";
    for (const BandDecl& b : bands) {
      std::string label = "\"";
      for (char ch : b.label) label += ch == '"' ? std::string("\"\"") : std::string(1, ch);
      label += "\"";
      if (b.is_else) {
        fallback = label;
        continue;
      }
      char num[32];
      std::snprintf(num, sizeof num, "%.10g", b.min_percent * 100);
      out += "IF(" + x + ">=" + num + "," + label + ",";
      close += ")";
    }
    return out + fallback + close;
  }

  void Signatures() {
    const Labels::Form& lf = l_.form;
    const lxw_row_t r = last_row_ + 3;
    Merge(r, kCode, kName, lf.prepared_by, f_.sign_title);
    Merge(r + 1, kCode, kName, lf.sign_name, f_.sign_note);
    Merge(r, kAppraised, kLast, lf.chairman, f_.sign_title);
    Merge(r + 1, kAppraised, kLast, lf.sign_seal, f_.sign_note);
    last_row_ = r + 6;
  }

  void PageSetup() {
    worksheet_set_landscape(ws_);
    worksheet_set_paper(ws_, 9);  // A4
    worksheet_fit_to_pages(ws_, 1, 0);
    worksheet_repeat_rows(ws_, kHead, kHead);
    worksheet_print_area(ws_, 0, kCode, last_row_, kLast);
    worksheet_set_margins(ws_, 0.4, 0.4, 0.6, 0.6);
    worksheet_set_footer(ws_, l_.form.footer);
  }

  // "Xã An Khánh" → "An Khánh" for "An Khánh, ngày … tháng … năm 2026".
  static std::string PlaceName(const std::string& unit) {
    for (const char* prefix : {"Xã ", "Phường ", "Thị trấn ", "xã ", "phường "}) {
      if (unit.rfind(prefix, 0) == 0) return unit.substr(std::string(prefix).size());
    }
    return unit;
  }

  static constexpr lxw_row_t kHead = 7;
  lxw_worksheet* ws_;
  const Formats& f_;
  const Plan& plan_;
  const Scorecard& card_;
  const Labels& l_;
  Lang lang_;
  int prec_;
  lxw_row_t total_row_ = 0, index_row_ = 0, last_row_ = 0;
  std::optional<lxw_row_t> bonus_row_, penalty_row_;
};

void LostSheet(lxw_worksheet* ws, const Formats& f, const Plan& plan, const Scorecard& card,
               const Labels& l, Lang lang, int prec) {
  const char* cols[] = {l.form.code, l.form.name, l.form.max,
                        l.form.self, l.form.lost, l.form.branch};
  for (lxw_col_t c = 0; c < 6; ++c) worksheet_write_string(ws, 0, c, cols[c], f.header);
  worksheet_freeze_panes(ws, 1, 0);
  worksheet_set_column(ws, 0, 0, 9, nullptr);
  worksheet_set_column(ws, 1, 1, 55, nullptr);
  worksheet_set_column(ws, 2, 4, 11, nullptr);
  worksheet_set_column(ws, 5, 5, 30, nullptr);
  lxw_row_t r = 1;
  for (const ItemScore* s : PointsLost(card)) {
    const Item& it = *plan.items()[static_cast<size_t>(s->index)].item;
    worksheet_write_string(ws, r, 0, it.code.c_str(), f.text);
    worksheet_write_string(ws, r, 1, it.name.c_str(), f.text);
    worksheet_write_number(ws, r, 2, Round(it.max, prec), f.num);
    worksheet_write_number(ws, r, 3, Round(s->points, prec), f.num);
    worksheet_write_number(ws, r, 4, Round(s->lost(), prec), f.num);
    worksheet_write_string(ws, r, 5, BranchLabel(s->branch, lang).c_str(), f.text);
    ++r;
  }
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_repeat_rows(ws, 0, 0);
}

lxw_format* NewFormat(lxw_workbook* wb, bool bold, bool border, uint8_t align) {
  lxw_format* f = workbook_add_format(wb);
  format_set_font_name(f, "Times New Roman");
  format_set_font_size(f, 12);
  if (bold) format_set_bold(f);
  if (border) format_set_border(f, LXW_BORDER_THIN);
  if (align) format_set_align(f, align);
  format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
  format_set_text_wrap(f);
  return f;
}

}  // namespace

std::vector<std::string> SelfAssessmentSheetNames(Lang lang) {
  const Labels& l = LabelsFor(lang);
  return {l.form.sheet_form, l.form.sheet_lost};
}

bool WriteSelfAssessmentXlsx(const Plan& plan, const Scorecard& card, const RenderOptions& o,
                             const std::string& path, std::string* error) {
  const Labels& l = LabelsFor(o.lang);
  const int prec = o.precision >= 0 ? o.precision : plan.criteria().index.precision;
  AtomicWorkbook file(path, error);
  lxw_workbook* wb = file.workbook();
  if (!wb) return false;
  const std::string num = NumFormat(prec);
  Formats f;
  f.nation = NewFormat(wb, true, false, LXW_ALIGN_CENTER);
  f.motto = NewFormat(wb, true, false, LXW_ALIGN_CENTER);
  format_set_underline(f.motto, LXW_UNDERLINE_SINGLE);
  f.unit = NewFormat(wb, true, false, LXW_ALIGN_CENTER);
  f.date = NewFormat(wb, false, false, LXW_ALIGN_CENTER);
  format_set_italic(f.date);
  f.title = NewFormat(wb, true, false, LXW_ALIGN_CENTER);
  format_set_font_size(f.title, 14);
  f.subtitle = NewFormat(wb, false, false, LXW_ALIGN_CENTER);
  f.header = NewFormat(wb, true, true, LXW_ALIGN_CENTER);
  format_set_bg_color(f.header, 0xDDEBF7);
  format_set_align(f.header, LXW_ALIGN_VERTICAL_CENTER);
  f.text = NewFormat(wb, false, true, 0);
  f.num = NewFormat(wb, false, true, LXW_ALIGN_RIGHT);
  format_set_num_format(f.num, num.c_str());
  f.bold_text = NewFormat(wb, true, true, 0);
  f.bold_num = NewFormat(wb, true, true, LXW_ALIGN_RIGHT);
  format_set_num_format(f.bold_num, num.c_str());
  f.sign_title = NewFormat(wb, true, false, LXW_ALIGN_CENTER);
  f.sign_note = NewFormat(wb, false, false, LXW_ALIGN_CENTER);
  format_set_italic(f.sign_note);

  FormWriter(workbook_add_worksheet(wb, l.form.sheet_form), f, plan, card, l, o.lang, prec).Write();
  LostSheet(workbook_add_worksheet(wb, l.form.sheet_lost), f, plan, card, l, o.lang, prec);
  return file.Commit(error);
}

}  // namespace cchc
