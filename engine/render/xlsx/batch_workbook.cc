// The batch as an XLSX workbook via libxlsxwriter: ranking, per-area
// statistics with band counts, the per-item matrix, self vs appraised, and
// the failed inputs. Written to a temporary file, then renamed into place.
#include <xlsxwriter.h>

#include <string>

#include "engine/render/batch.h"
#include "engine/render/xlsx/workbook.h"

namespace cchc {
namespace {

class Sheet {
 public:
  Sheet(lxw_worksheet* ws, lxw_format* header, lxw_format* number)
      : ws_(ws), header_(header), number_(number) {}
  void Header(lxw_row_t row, const std::vector<std::string>& cells) {
    for (size_t c = 0; c < cells.size(); ++c) {
      worksheet_write_string(ws_, row, static_cast<lxw_col_t>(c), cells[c].c_str(), header_);
    }
  }
  void Text(lxw_row_t row, lxw_col_t col, const std::string& s) {
    worksheet_write_string(ws_, row, col, s.c_str(), nullptr);
  }
  void Number(lxw_row_t row, lxw_col_t col, double v) {
    worksheet_write_number(ws_, row, col, v, number_);
  }
  void Count(lxw_row_t row, lxw_col_t col, double v) {
    worksheet_write_number(ws_, row, col, v, nullptr);
  }
  void Optional(lxw_row_t row, lxw_col_t col, const std::optional<double>& v) {
    if (v) Number(row, col, *v);
  }
  lxw_worksheet* ws() { return ws_; }

 private:
  lxw_worksheet* ws_;
  lxw_format* header_;
  lxw_format* number_;
};

}  // namespace

std::vector<std::string> BatchXlsxSheetNames(const BatchResult& r, Lang lang) {
  const Labels::Batch& l = LabelsFor(lang).batch;
  std::vector<std::string> names = {l.sheet_ranking, l.sheet_areas, l.sheet_items, l.sheet_gaps};
  if (!r.failed.empty()) names.push_back(l.sheet_failed);
  return names;
}

bool WriteBatchXlsx(const Plan& plan, const BatchResult& r, const RenderOptions& o,
                    const std::string& path, std::string* error) {
  const Labels::Batch& l = LabelsFor(o.lang).batch;
  const Labels::Common& c = LabelsFor(o.lang).common;
  AtomicWorkbook file(path, error);
  lxw_workbook* wb = file.workbook();
  if (!wb) return false;
  lxw_format* header = workbook_add_format(wb);
  format_set_bold(header);
  format_set_bg_color(header, 0xDDEBF7);
  lxw_format* number = workbook_add_format(wb);
  format_set_num_format(number, "0.00");
  const std::vector<std::string> names = BatchXlsxSheetNames(r, o.lang);
  const bool appraised = r.summary.appraised_units > 0;

  // Ranking.
  Sheet rank(workbook_add_worksheet(wb, names[0].c_str()), header, number);
  std::vector<std::string> rank_header = {
      c.rank, c.code,    c.unit,  std::string(l.index) + " (%)",
      c.band, c.points,  c.max,   std::string(c.appraised) + " (%)",
      c.gap,  l.missing, c.source};
  // With --weights: the alternative index, band and rank, marked `*`, and a
  // legend under the table.
  const bool alternative = !r.units.empty() && r.units.front().alternative.has_value();
  if (alternative) {
    rank_header.insert(rank_header.end(), {std::string(l.index) + "* (%)",
                                           std::string(c.band) + "*", std::string(c.rank) + "*"});
  }
  rank.Header(0, rank_header);
  lxw_row_t row = 1;
  for (size_t k : r.order) {
    const BatchUnit& u = r.units[k];
    rank.Count(row, 0, u.rank);
    rank.Text(row, 1, u.unit.code);
    rank.Text(row, 2, u.unit.name);
    rank.Number(row, 3, u.percent);
    rank.Text(row, 4, u.band);
    rank.Number(row, 5, u.points);
    rank.Number(row, 6, u.max);
    rank.Optional(row, 7, u.appraised_percent);
    if (u.appraised_percent) rank.Number(row, 8, *u.appraised_percent - u.percent);
    rank.Count(row, 9, static_cast<double>(u.missing_evidence));
    rank.Text(row, 10, u.source);
    if (u.alternative) {
      rank.Number(row, 11, u.alternative->percent);
      rank.Text(row, 12, u.alternative->band);
      rank.Count(row, 13, u.alternative->rank);
    }
    ++row;
  }
  if (alternative) {
    rank.Text(row + 1, 0,
              Fill(LabelsFor(o.lang).weights.marker,
                   {WeightSchemeLabel(r.units.front().alternative->scheme, o.lang)}));
  }
  worksheet_set_column(rank.ws(), 2, 2, 28, nullptr);
  worksheet_set_column(rank.ws(), 3, 9, 12, nullptr);
  worksheet_freeze_panes(rank.ws(), 1, 0);

  // Per-area statistics, the index first, then band counts; then each unit's
  // area percents.
  Sheet areas(workbook_add_worksheet(wb, names[1].c_str()), header, number);
  areas.Header(0, {c.area, c.name, l.n, l.mean, l.median, l.min, "Q1", "Q3", l.maximum});
  row = 1;
  auto stats = [&](const std::string& code, const std::string& name, const Summary& s) {
    areas.Text(row, 0, code);
    areas.Text(row, 1, name);
    areas.Count(row, 2, static_cast<double>(s.n));
    const double v[] = {s.mean, s.median, s.min, s.q1, s.q3, s.max};
    for (int c = 0; c < 6; ++c) areas.Number(row, static_cast<lxw_col_t>(3 + c), v[c]);
    ++row;
  };
  stats("", l.index, r.summary.index);
  for (const AreaSummary& a : r.summary.areas) stats(a.code, a.name, a.stats);
  row += 1;
  areas.Header(row++, {c.band, l.count});
  for (const BandCount& b : r.summary.bands) {
    areas.Text(row, 0, b.band);
    areas.Count(row++, 1, static_cast<double>(b.count));
  }
  row += 1;
  std::vector<std::string> per_unit = {c.code, c.unit};
  for (const Area& a : plan.criteria().areas) per_unit.push_back(a.code + " (%)");
  areas.Header(row++, per_unit);
  for (size_t k : r.order) {
    const BatchUnit& u = r.units[k];
    areas.Text(row, 0, u.unit.code);
    areas.Text(row, 1, u.unit.name);
    for (size_t a = 0; a < u.area_percent.size(); ++a) {
      areas.Optional(row, static_cast<lxw_col_t>(2 + a), u.area_percent[a]);
    }
    ++row;
  }
  worksheet_set_column(areas.ws(), 1, 1, 40, nullptr);

  // Per-item matrix: one row per unit, one column per item (blank: N/A).
  Sheet items(workbook_add_worksheet(wb, names[2].c_str()), header, number);
  std::vector<std::string> cols = {c.rank, c.code, c.unit};
  for (const CompiledItem& ci : plan.items()) cols.push_back(ci.item->code);
  items.Header(0, cols);
  items.Text(1, 2, c.max);
  for (size_t i = 0; i < plan.items().size(); ++i) {
    items.Number(1, static_cast<lxw_col_t>(3 + i), plan.items()[i].item->max);
  }
  row = 2;
  for (size_t k : r.order) {
    const BatchUnit& u = r.units[k];
    items.Count(row, 0, u.rank);
    items.Text(row, 1, u.unit.code);
    items.Text(row, 2, u.unit.name);
    for (size_t i = 0; i < u.item_points.size(); ++i) {
      if (u.item_status[i] != ItemStatus::kNotApplicable) {
        items.Number(row, static_cast<lxw_col_t>(3 + i), u.item_points[i]);
      }
    }
    ++row;
  }
  worksheet_set_column(items.ws(), 2, 2, 28, nullptr);
  worksheet_freeze_panes(items.ws(), 2, 3);

  // Self vs appraised: per unit, then the largest item gaps.
  Sheet gaps(workbook_add_worksheet(wb, names[3].c_str()), header, number);
  gaps.Header(
      0, {c.code, c.unit, std::string(c.self) + " (%)", std::string(c.appraised) + " (%)", c.gap});
  row = 1;
  for (size_t k : r.order) {
    const BatchUnit& u = r.units[k];
    gaps.Text(row, 0, u.unit.code);
    gaps.Text(row, 1, u.unit.name);
    gaps.Number(row, 2, u.percent);
    gaps.Optional(row, 3, u.appraised_percent);
    if (u.appraised_percent) gaps.Number(row, 4, *u.appraised_percent - u.percent);
    ++row;
  }
  if (appraised) {
    row += 1;
    gaps.Text(row++, 0, c.largest_gaps);
    gaps.Header(row++, {c.code, c.unit, c.item, c.self, c.appraised, c.gap});
    for (const BatchGap& g : r.largest_gaps) {
      const BatchUnit& u = r.units[g.unit];
      gaps.Text(row, 0, u.unit.code);
      gaps.Text(row, 1, u.unit.name);
      gaps.Text(row, 2, plan.items()[static_cast<size_t>(g.item)].item->code);
      gaps.Number(row, 3, g.self);
      gaps.Number(row, 4, g.appraised);
      gaps.Number(row, 5, g.gap());
      ++row;
    }
  }
  worksheet_set_column(gaps.ws(), 1, 1, 28, nullptr);

  if (!r.failed.empty()) {
    Sheet failed(workbook_add_worksheet(wb, names[4].c_str()), header, number);
    failed.Header(0, {c.source, c.error});
    row = 1;
    for (const BatchFailure& f : r.failed) {
      failed.Text(row, 0, f.source);
      failed.Text(row++, 1, f.error);
    }
    worksheet_set_column(failed.ws(), 0, 0, 40, nullptr);
    worksheet_set_column(failed.ws(), 1, 1, 100, nullptr);
  }

  return file.Commit(error);
}

}  // namespace cchc
