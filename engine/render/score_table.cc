// The terminal table of a scorecard: the index and band, areas, every item
// with its explanation, the points lost, and the records no item selected.
#include <string>

#include "criteria/source.h"
#include "engine/core/gaps.h"
#include "engine/render/cells.h"
#include "engine/render/explain.h"
#include "engine/render/score.h"
#include "engine/render/text_table.h"
#include "engine/util/numfmt.h"

namespace cchc {
namespace {

// "A, B, C, +4": the first `shown` evidence ids and how many more.
std::string EvidenceList(const std::vector<std::string>& ids, size_t shown) {
  std::string ev;
  for (size_t i = 0; i < ids.size() && i < shown; ++i) ev += (i ? ", " : "") + ids[i];
  if (ids.size() > shown) ev += ", +" + std::to_string(ids.size() - shown);
  return ev;
}

}  // namespace

std::string RenderScoreTable(const Plan& plan, const Scorecard& card, const RenderOptions& o) {
  const Labels::Common& l = LabelsFor(o.lang).common;
  const Labels::Score& ls = LabelsFor(o.lang).score;
  const int prec = o.precision >= 0 ? o.precision : plan.criteria().index.precision;
  const IndexMeta& meta = plan.criteria().index;
  // Numbers outside the tables take the language's separators here (the
  // tables localize their own cells).
  auto N = [&](const std::string& number) { return LocalNumber(number, o.lang); };
  std::string out;
  out += std::string(l.unit) + ": " + card.unit.name + " (" + card.unit.code + ")";
  if (!card.unit.province.empty()) out += ", " + card.unit.province;
  if (card.year) out += ", " + std::to_string(card.year);
  out += "\n";
  if (!meta.name.empty()) out += meta.name + "\n";
  out += std::string(l.index) + ": " + N(FormatPercent(card.percent / 100.0, prec)) + "   " +
         l.band + ": " + card.band + "   " + l.points + ": " + N(FormatTrim(card.points, prec)) +
         " / " + N(FormatTrim(card.max, prec));
  if (card.bonus.cap > 0 || card.bonus.raw > 0)
    out += "   " + std::string(l.bonus) + ": +" + N(FormatTrim(card.bonus.points, prec));
  if (card.penalty.cap > 0 || card.penalty.raw > 0)
    out += "   " + std::string(l.penalty) + ": -" + N(FormatTrim(card.penalty.points, prec));
  out += "\n";
  if (card.alternative) {
    const AlternativeIndex& alt = *card.alternative;
    out += Fill(LabelsFor(o.lang).weights.alternative, {WeightSchemeLabel(alt.scheme, o.lang)}) +
           ": " + N(FormatPercent(alt.percent / 100.0, prec)) + "   " + l.band + ": " + alt.band +
           "\n";
  }
  if (card.appraised_percent) {
    out += std::string(l.appraised) + ": " +
           N(FormatPercent(*card.appraised_percent / 100.0, prec)) + "   " + l.gap + ": " +
           N(FormatTrim(*card.appraised_percent - card.percent, prec)) + "\n";
  }
  out += "\n" + std::string(l.areas) + "\n";
  TextTable areas;
  areas.AddColumn(l.code);
  areas.AddColumn(l.name, TextTable::Align::kLeft, 60);
  areas.AddColumn(l.self, TextTable::Align::kRight);
  areas.AddColumn(l.max, TextTable::Align::kRight);
  areas.AddColumn(l.percent, TextTable::Align::kRight);
  for (const GroupScore& g : card.areas) {
    areas.AddRow({std::string(g.code), std::string(g.name), FormatTrim(g.points, prec),
                  FormatTrim(g.max, prec), FormatPercent(g.percent() / 100.0, 1)});
  }
  out += areas.Render(LayoutFor(o));

  // Fitted (the default), each item's explanation and evidence stand on
  // their own lines under it; --wide keeps one long row per item and the
  // explanations in a section of their own.
  const bool fit = o.width > 0;
  out += "\n" + std::string(l.items) + "\n";
  TextTable items;
  items.AddColumn(l.code);
  items.AddColumn(l.name, TextTable::Align::kLeft, 48);
  items.AddColumn(l.max, TextTable::Align::kRight);
  items.AddColumn(l.self, TextTable::Align::kRight);
  if (card.appraised_percent) {
    items.AddColumn(l.appraised, TextTable::Align::kRight);
    items.AddColumn(l.gap, TextTable::Align::kRight);
  }
  items.AddColumn(l.status);
  if (!fit) items.AddColumn(l.evidence);
  for (const ItemScore& s : card.items) {
    const Item& it = *plan.items()[static_cast<size_t>(s.index)].item;
    std::vector<std::string> row = {
        it.code, it.name, FormatTrim(it.max, prec),
        s.status == ItemStatus::kNotApplicable ? "—" : FormatTrim(s.points, prec)};
    if (card.appraised_percent) {
      row.push_back(s.appraised ? FormatTrim(*s.appraised, prec) : "");
      row.push_back(s.appraised ? FormatTrim(*s.appraised - s.points, prec) : "");
    }
    row.push_back(StatusLabel(s.status, o.lang));
    if (!fit) {
      row.push_back(EvidenceList(s.evidence, 3));
      items.AddRow(std::move(row));
      continue;
    }
    items.AddRow(std::move(row));
    items.AddNote(ExplainItem(plan, s, o.lang));
    if (!s.evidence.empty()) {
      items.AddNote(std::string(l.evidence) + ": " + EvidenceList(s.evidence, 6));
    }
  }
  out += items.Render(LayoutFor(o));

  if (!fit) {
    out += "\n" + std::string(l.explanation) + "\n";
    for (const ItemScore& s : card.items) {
      out += "  " + plan.items()[static_cast<size_t>(s.index)].item->code + "  " +
             ExplainItem(plan, s, o.lang) + "\n";
    }
  }

  out += "\n" + std::string(ls.lost_title) + "\n";
  const auto lost = PointsLost(card);
  if (lost.empty()) out += "  " + std::string(l.none) + "\n";
  for (const ItemScore* s : lost) {
    const Item& it = *plan.items()[static_cast<size_t>(s->index)].item;
    out += "  " + PadToWidth(it.code, 8) + PadToWidth(N("-" + FormatTrim(s->lost(), prec)), 8) +
           TruncateToWidth(it.name, fit ? 50 : 60) + " (" + BranchLabel(s->branch, o.lang) + ")\n";
  }
  if (card.appraised_percent) {
    out += "\n" + std::string(l.largest_gaps) + "\n";
    const auto gaps = LargestGaps(card, 10);
    if (gaps.empty()) out += "  " + std::string(l.none) + "\n";
    for (const ItemScore* s : gaps) {
      const Item& it = *plan.items()[static_cast<size_t>(s->index)].item;
      out +=
          "  " + PadToWidth(it.code, 8) +
          PadToWidth(N(FormatTrim(*s->appraised - s->points, prec)), 8) +
          N(FormatTrim(s->points, prec)) + " → " + N(FormatTrim(*s->appraised, prec)) +
          (s->appraisal_note.empty() ? ""
                                     : "  " + TruncateToWidth(s->appraisal_note, fit ? 56 : 70)) +
          "\n";
    }
  }
  if (!card.unmatched.empty()) {
    out += "\n" + std::string(l.unmatched) + ": " + Join(card.unmatched) + "\n";
  }
  if (!card.warnings.empty()) {
    out += "\n" + std::string(ls.quality_title) + "\n";
    for (const DataWarning& w : card.warnings) {
      const std::string text =
          w.code + "  " + w.record + (w.field.empty() ? "" : "." + w.field) + ": " + w.message;
      out += fit ? WrapToWidth(text, o.width, 2) : "  " + text + "\n";
    }
  }
  return out;
}

}  // namespace cchc
