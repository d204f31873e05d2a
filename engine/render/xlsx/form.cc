// The self-assessment form (Biểu tự đánh giá, chấm điểm) as XLSX via
// libxlsxwriter: areas, criteria and items with subtotals, the total, bonus
// and penalty, the index and band; a second sheet with the points lost.
#include <xlsxwriter.h>

#include <string>

#include "engine/render/cells.h"
#include "engine/render/explain.h"
#include "engine/render/html/report.h"
#include "engine/render/xlsx/workbook.h"

namespace cchc {
namespace {

struct Formats {
  lxw_format *title, *header, *bold_text, *bold_num, *text, *num;
};

std::string NumFormat(int prec) {
  return prec <= 0 ? "0" : "0." + std::string(static_cast<size_t>(prec), '0');
}

void Str(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const std::string& s, lxw_format* f) {
  worksheet_write_string(ws, r, c, s.c_str(), f);
}

// A bold row: code, name, max, points (and appraised).
void GroupRow(lxw_worksheet* ws, const Formats& f, lxw_row_t r, const std::string& code,
              const std::string& name, double max, double points, std::optional<double> appraised,
              bool with_appraised) {
  Str(ws, r, 0, code, f.bold_text);
  Str(ws, r, 1, name, f.bold_text);
  worksheet_write_number(ws, r, 2, max, f.bold_num);
  worksheet_write_number(ws, r, 3, points, f.bold_num);
  Str(ws, r, 4, "", f.bold_text);
  Str(ws, r, 5, "", f.bold_text);
  if (with_appraised) {
    if (appraised)
      worksheet_write_number(ws, r, 6, *appraised, f.bold_num);
    else
      Str(ws, r, 6, "", f.bold_text);
  }
}

void ItemRow(lxw_worksheet* ws, const Formats& f, lxw_row_t r, const Item& it, const ItemScore& s,
             const std::string& explanation, bool with_appraised, const Labels& l) {
  Str(ws, r, 0, it.code, f.text);
  Str(ws, r, 1, it.name, f.text);
  worksheet_write_number(ws, r, 2, it.max, f.num);
  if (s.status == ItemStatus::kNotApplicable)
    Str(ws, r, 3, l.form.na, f.text);
  else
    worksheet_write_number(ws, r, 3, s.points, f.num);
  Str(ws, r, 4, Join(s.evidence, ", "), f.text);
  Str(ws, r, 5, explanation, f.text);
  if (with_appraised) {
    if (s.appraised)
      worksheet_write_number(ws, r, 6, *s.appraised, f.num);
    else
      Str(ws, r, 6, "", f.text);
  }
}

void FormSheet(lxw_worksheet* ws, const Formats& f, const Plan& plan, const Scorecard& card,
               const Labels& l, Lang lang) {
  const bool ap = card.appraised_percent.has_value();
  const lxw_col_t last_col = ap ? 6 : 5;
  worksheet_merge_range(ws, 0, 0, 0, last_col, l.form.title, f.title);
  std::string unit =
      std::string(l.common.unit) + ": " + card.unit.name + " (" + card.unit.code + ")";
  if (!card.unit.province.empty()) unit += ", " + card.unit.province;
  if (card.year) unit += " — " + std::to_string(card.year);
  worksheet_merge_range(ws, 1, 0, 1, last_col, unit.c_str(), nullptr);
  const lxw_row_t head = 3;
  const char* cols[] = {l.form.code,     l.form.name,        l.form.max,      l.form.self,
                        l.form.evidence, l.form.explanation, l.form.appraised};
  for (lxw_col_t c = 0; c <= last_col; ++c) Str(ws, head, c, cols[c], f.header);
  worksheet_freeze_panes(ws, head + 1, 0);
  worksheet_set_column(ws, 0, 0, 9, nullptr);
  worksheet_set_column(ws, 1, 1, 55, nullptr);
  worksheet_set_column(ws, 2, 3, 11, nullptr);
  worksheet_set_column(ws, 4, 4, 28, nullptr);
  worksheet_set_column(ws, 5, 5, 60, nullptr);
  if (ap) worksheet_set_column(ws, 6, 6, 12, nullptr);

  lxw_row_t r = head + 1;
  size_t crit = 0;
  const Criteria& c = plan.criteria();
  size_t item = 0;  // card.items are in plan order: area items first
  for (size_t a = 0; a < c.areas.size(); ++a) {
    const GroupScore& ga = card.areas[a];
    GroupRow(ws, f, r++, ga.code, ga.name, ga.max, ga.points, ga.appraised, ap);
    for (size_t k = 0; k < c.areas[a].criteria.size(); ++k, ++crit) {
      const GroupScore& gc = card.criteria[crit];
      GroupRow(ws, f, r++, gc.code, gc.name, gc.max, gc.points, gc.appraised, ap);
      for (size_t i = 0; i < c.areas[a].criteria[k].items.size(); ++i, ++item) {
        const ItemScore& s = card.items[item];
        ItemRow(ws, f, r++, *plan.items()[static_cast<size_t>(s.index)].item, s,
                ExplainItem(plan, s, lang), ap, l);
      }
    }
  }
  GroupRow(ws, f, r++, "", l.form.total, card.max, card.points, card.appraised_points, ap);
  for (int g = 0; g < 2; ++g) {
    const ItemGroup group = g == 0 ? ItemGroup::kBonus : ItemGroup::kPenalty;
    const Adjustments& adj = g == 0 ? card.bonus : card.penalty;
    bool header = false;
    for (const ItemScore& s : card.items) {
      if (s.group != group) continue;
      if (!header) {
        GroupRow(ws, f, r++, "", g == 0 ? l.common.bonus : l.common.penalty, adj.cap, adj.points,
                 std::nullopt, ap);
        header = true;
      }
      ItemRow(ws, f, r++, *plan.items()[static_cast<size_t>(s.index)].item, s,
              ExplainItem(plan, s, lang), ap, l);
    }
  }
  ++r;
  Str(ws, r, 1, l.form.index, f.bold_text);
  worksheet_write_number(ws, r, 3, card.percent, f.bold_num);
  if (ap) worksheet_write_number(ws, r, 6, *card.appraised_percent, f.bold_num);
  ++r;
  Str(ws, r, 1, l.common.band, f.bold_text);
  Str(ws, r, 3, card.band, f.bold_text);
}

void LostSheet(lxw_worksheet* ws, const Formats& f, const Plan& plan, const Scorecard& card,
               const Labels& l, Lang lang) {
  const char* cols[] = {l.form.code, l.form.name, l.form.max,
                        l.form.self, l.form.lost, l.form.branch};
  for (lxw_col_t c = 0; c < 6; ++c) Str(ws, 0, c, cols[c], f.header);
  worksheet_freeze_panes(ws, 1, 0);
  worksheet_set_column(ws, 0, 0, 9, nullptr);
  worksheet_set_column(ws, 1, 1, 55, nullptr);
  worksheet_set_column(ws, 2, 4, 11, nullptr);
  worksheet_set_column(ws, 5, 5, 30, nullptr);
  lxw_row_t r = 1;
  for (const ItemScore* s : PointsLost(card)) {
    const Item& it = *plan.items()[static_cast<size_t>(s->index)].item;
    Str(ws, r, 0, it.code, f.text);
    Str(ws, r, 1, it.name, f.text);
    worksheet_write_number(ws, r, 2, it.max, f.num);
    worksheet_write_number(ws, r, 3, s->points, f.num);
    worksheet_write_number(ws, r, 4, s->lost(), f.num);
    Str(ws, r, 5, BranchLabel(s->branch, lang), f.text);
    ++r;
  }
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
  f.title = workbook_add_format(wb);
  format_set_bold(f.title);
  format_set_font_size(f.title, 13);
  format_set_align(f.title, LXW_ALIGN_CENTER);
  f.header = workbook_add_format(wb);
  format_set_bold(f.header);
  format_set_bg_color(f.header, 0xDDEBF7);
  format_set_border(f.header, LXW_BORDER_THIN);
  format_set_text_wrap(f.header);
  format_set_align(f.header, LXW_ALIGN_VERTICAL_CENTER);
  f.text = workbook_add_format(wb);
  format_set_text_wrap(f.text);
  format_set_border(f.text, LXW_BORDER_THIN);
  format_set_align(f.text, LXW_ALIGN_VERTICAL_TOP);
  f.num = workbook_add_format(wb);
  format_set_num_format(f.num, num.c_str());
  format_set_border(f.num, LXW_BORDER_THIN);
  format_set_align(f.num, LXW_ALIGN_VERTICAL_TOP);
  f.bold_text = workbook_add_format(wb);
  format_set_bold(f.bold_text);
  format_set_text_wrap(f.bold_text);
  format_set_border(f.bold_text, LXW_BORDER_THIN);
  format_set_align(f.bold_text, LXW_ALIGN_VERTICAL_TOP);
  f.bold_num = workbook_add_format(wb);
  format_set_bold(f.bold_num);
  format_set_num_format(f.bold_num, num.c_str());
  format_set_border(f.bold_num, LXW_BORDER_THIN);
  format_set_align(f.bold_num, LXW_ALIGN_VERTICAL_TOP);

  FormSheet(workbook_add_worksheet(wb, l.form.sheet_form), f, plan, card, l, o.lang);
  LostSheet(workbook_add_worksheet(wb, l.form.sheet_lost), f, plan, card, l, o.lang);

  return file.Commit(error);
}

}  // namespace cchc
